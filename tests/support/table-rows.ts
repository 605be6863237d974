/**
 * Every row of every table in the public schema, as sorted JSON text per table, with each
 * sequence's position: what "the same data" means when a backup is compared with its restore.
 */
import type { Queryable } from '../../server/db/database';

export async function tableRows(
  db: Queryable,
  skip: readonly string[] = [],
): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const result: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    const rows = await db.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`,
    );
    result[name] = rows.map((r) => r.row);
  }
  const sequences = await db.query<{ name: string; last: number | null }>(
    "SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
  );
  result['(sequences)'] = sequences.map((s) => `${s.name} ${s.last ?? ''}`);
  return result;
}
