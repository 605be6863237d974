/**
 * Runs one benchmark on each engine in turn: PGlite in a fresh data directory, then a fresh
 * PostgreSQL database (DATABASE_URL's server, or the machine's), each removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../server/db/database';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import { createPostgresTestDatabase } from '../support/test-databases';

export async function onEachEngine(measure: (label: string, db: Database) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-bench-'));
  const pglite = await openPgliteDatabase(join(dir, 'pglite'));
  try {
    await measure('PGlite', pglite);
  } finally {
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  }
  const target = await createPostgresTestDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const pg = await openPostgresDatabase(target.url, 2);
  try {
    await measure('PostgreSQL', pg);
  } finally {
    await pg.close();
    await target.drop();
  }
}
