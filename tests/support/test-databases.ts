/**
 * The engines a server test runs on: PGlite in memory always, and a real PostgreSQL when
 * DATABASE_URL is set (CI sets it). Each PostgreSQL test database is created for the test
 * and dropped after it, so no run depends on what an earlier one left.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';

export interface TestDatabase {
  db: Database;
  /** Set for PostgreSQL: the connection string of this test's own database. */
  url?: string;
  drop(): Promise<void>;
}

export interface EngineCase {
  engine: 'pglite' | 'postgresql';
  create(): Promise<TestDatabase>;
}

/** A fresh, empty database on PostgreSQL, with its connection string; dropped by `drop`. */
export async function createPostgresTestDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lantern_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const ENGINES: EngineCase[] = [
  {
    engine: 'pglite',
    async create() {
      const db = await openPgliteDatabase(undefined);
      return { db, drop: () => db.close() };
    },
  },
];

const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  ENGINES.push({
    engine: 'postgresql',
    async create() {
      const target = await createPostgresTestDatabase(adminUrl);
      const db = await openPostgresDatabase(target.url, 5);
      return {
        db,
        url: target.url,
        async drop() {
          await db.close();
          await target.drop();
        },
      };
    },
  });
}
