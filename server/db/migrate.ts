/**
 * Plain SQL migrations, identical on both engines: `migrations/NNN-name.sql`, applied in order
 * and recorded in `schema_migrations`. All pending migrations of one start run in a single
 * transaction behind an advisory lock, so several processes starting together against one
 * PostgreSQL never race, and a failing migration leaves nothing half-applied.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database, Queryable } from './database';
import { StartupError } from '../startup-error';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lock key shared by every Lantern process for schema changes and first-start seeding. */
export const SCHEMA_LOCK_KEY = 7_305_318_201;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file);
      if (!match) throw new StartupError(`Migration file ${file} is not named NNN-name.sql`);
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        sql: await readFile(join(dir, file), 'utf8'),
      };
    }),
  );
}

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/** The versions of the migrations this database has applied. */
export async function appliedMigrationVersions(db: Queryable): Promise<Set<number>> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => Number(row.version)));
}

export interface MigrationReport {
  applied: number[];
  schemaVersion: number;
}

export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrationReport> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const doneByVersion = new Map(done.map((row) => [row.version, row]));
    const applied: number[] = [];
    for (const migration of all) {
      const previous = doneByVersion.get(migration.version);
      if (previous) {
        if (previous.checksum !== checksum(migration.sql)) {
          throw new StartupError(
            `Migration ${label(migration)} has changed since it was applied; add a new migration instead of editing it`,
          );
        }
        continue;
      }
      await applyOne(tx, migration);
      applied.push(migration.version);
    }
    const newest = Math.max(0, ...done.map((row) => row.version), ...applied);
    return { applied, schemaVersion: newest };
  });
}

async function applyOne(tx: Queryable, migration: Migration): Promise<void> {
  try {
    await tx.exec(migration.sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Migration ${label(migration)} failed: ${reason}; nothing was applied`);
  }
  await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
    migration.version,
    migration.name,
    checksum(migration.sql),
  ]);
}

const label = (m: Migration): string => `${String(m.version).padStart(3, '0')}-${m.name}`;
