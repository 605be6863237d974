/** A comparable description of the database schema, for proving both engines migrate alike. */
import type { Queryable } from '../../server/db/database';

/** Tables, columns, types, nullability, indexes and constraints: what "the schema" means here. */
export async function schemaFingerprint(db: Queryable): Promise<string[]> {
  const columns = await db.query<{ line: string }>(`
    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`);
  const indexes = await db.query<{ line: string }>(`
    SELECT tablename || ' ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const constraints = await db.query<{ line: string }>(`
    -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints; nullability is compared with the columns.
    SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) AS line
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1`);
  const triggers = await db.query<{ line: string }>(`
    SELECT event_object_table || ' ' || trigger_name || ' ' || event_manipulation AS line
    FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1`);
  return [...columns, ...indexes, ...constraints, ...triggers].map((row) => row.line);
}
