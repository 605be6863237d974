/**
 * The engines a server test runs on: PGlite in memory always, and a real PostgreSQL when
 * DATABASE_URL is set (CI sets it). Every test gets a database of its own, so no test depends
 * on what another left.
 *
 * Making a database is most of a server test's cost (a PGlite cluster's initdb, the migrations,
 * the demo's seed), so a prepared state is made once per run and each test gets a copy:
 * - PGlite: the prepared database's data directory is dumped to a tarball in the run's folder
 *   (`snapshotDir`) and every later test's in-memory database loads it; even an empty database
 *   loads a dumped fresh cluster rather than running initdb again.
 * - PostgreSQL: the prepared database is a template (`lantern_template_<run>_<key>`) and every
 *   test's database is `CREATE DATABASE … TEMPLATE` it; dropped after the test.
 * Test files run in separate processes: the first to need a state prepares it and publishes it
 * under its final name in one step (a rename); a process that loses that race drops its own.
 * The run's folder and templates are removed when the run ends (tests/support/test-run.ts).
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../server/db/database';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';

export interface TestDatabase {
  db: Database;
  /** Set for PostgreSQL: the connection string of this test's own database. */
  url?: string;
  drop(): Promise<void>;
}

/** A state many tests start from, made once per run by `prepare` on an empty database. */
export interface PreparedState {
  /** Names the state in the run's snapshots: lower-case letters, digits and '_'. */
  key: string;
  prepare(db: Database): Promise<void>;
}

export interface EngineCase {
  engine: 'pglite' | 'postgresql';
  /** A fresh, empty database. */
  create(): Promise<TestDatabase>;
  /**
   * A fresh database holding what `state.prepare` made (a copy: the test may change it).
   * Absent on an engine a test makes for one database of its own.
   */
  createFrom?(state: PreparedState): Promise<TestDatabase>;
}

/** The test run's name (vitest.config.ts sets it); outside a run, this process's. */
export const testRunId = (): string =>
  (process.env.LANTERN_TEST_RUN ?? `p${process.pid}`).toLowerCase().replace(/[^a-z0-9]/g, '');

/** Where this run's PGlite snapshots are kept. */
export const snapshotDir = (run = testRunId()): string => join(tmpdir(), `lantern-test-snapshots-${run}`);

/** The prefix of this run's PostgreSQL templates, and of those still being prepared. */
export const templatePrefix = (run = testRunId()): string => `lantern_template_${run}_`;

const uniqueSuffix = (): string => `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on PostgreSQL (empty, or a copy of `template`); dropped by `drop`. */
export async function createPostgresTestDatabase(
  adminUrl: string,
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lantern_test_${uniqueSuffix()}`;
  await onAdmin(adminUrl, (admin) =>
    admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`),
  );
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      await onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Each process reads a snapshot file once. */
const pgliteSnapshots = new Map<string, Promise<Blob>>();

/**
 * A PGlite database holding `key`'s state: loaded from the run's snapshot, or prepared here
 * and the snapshot written (the database that was prepared is then the caller's own, so the
 * first test pays for the preparation and not for a copy as well).
 */
async function pgliteDatabaseFrom(
  key: string,
  prepare: (db: Database) => Promise<void>,
): Promise<TestDatabase> {
  const known = pgliteSnapshots.get(key);
  if (known) return pgliteDatabase(await known);
  const file = join(snapshotDir(), `${key}.tar`);
  let made: { resolve(tarball: Blob): void; reject(error: unknown): void } | undefined;
  const snapshot = new Promise<Blob>((resolve, reject) => (made = { resolve, reject }));
  // A failed preparation is not kept: the next test tries again and reports its own error.
  snapshot.catch(() => pgliteSnapshots.delete(key));
  pgliteSnapshots.set(key, snapshot);
  try {
    const tarball = new Blob([await readFile(file)]);
    made?.resolve(tarball);
    return await pgliteDatabase(tarball);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') {
      made?.reject(error);
      throw error;
    }
  }
  try {
    const empty = key === EMPTY_KEY ? undefined : pgliteSnapshots.get(EMPTY_KEY);
    const db = await openPgliteDatabase(undefined, { loadDataDir: empty ? await empty : undefined });
    try {
      await prepare(db);
      const tarball = await db.dumpDataDir();
      await mkdir(snapshotDir(), { recursive: true });
      const partial = `${file}.${uniqueSuffix()}`;
      await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()));
      await rename(partial, file);
      made?.resolve(tarball);
    } catch (error) {
      await db.close();
      throw error;
    }
    return { db, drop: () => db.close() };
  } catch (error) {
    made?.reject(error);
    throw error;
  }
}

/** The fresh cluster every empty PGlite test database starts from. */
const EMPTY_KEY = 'empty';

const pgliteDatabase = async (loadDataDir: Blob): Promise<TestDatabase> => {
  const db = await openPgliteDatabase(undefined, { loadDataDir });
  return { db, drop: () => db.close() };
};

/** Each process looks a template up, or prepares it, once. */
const postgresTemplates = new Map<string, Promise<string>>();

function postgresTemplate(adminUrl: string, state: PreparedState): Promise<string> {
  let template = postgresTemplates.get(state.key);
  if (!template) {
    template = findOrPreparePostgresTemplate(adminUrl, state);
    postgresTemplates.set(state.key, template);
    template.catch(() => postgresTemplates.delete(state.key));
  }
  return template;
}

async function findOrPreparePostgresTemplate(adminUrl: string, state: PreparedState): Promise<string> {
  const name = `${templatePrefix()}${state.key}`;
  const exists = async (): Promise<boolean> =>
    onAdmin(adminUrl, async (admin) => {
      const result = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return result.rowCount === 1;
    });
  if (await exists()) return name;
  // Prepared under a name of its own, and renamed once complete and closed: a template must
  // have no open connection while it is copied, and no test may copy half a preparation.
  const building = `${templatePrefix()}b_${uniqueSuffix()}`;
  await onAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${building}`));
  try {
    const db = await openPostgresDatabase(databaseUrl(adminUrl, building), 2);
    try {
      await state.prepare(db);
    } finally {
      await db.close();
    }
    await onAdmin(adminUrl, (admin) => admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
  } catch (error) {
    await onAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`));
    // Another process published the same state first: use theirs.
    if ((error as { code?: string }).code === '42P04' && (await exists())) return name;
    throw error;
  }
  return name;
}

export const ENGINES: EngineCase[] = [
  {
    engine: 'pglite',
    create: () => pgliteDatabaseFrom(EMPTY_KEY, async () => undefined),
    createFrom: (state) => pgliteDatabaseFrom(state.key, state.prepare),
  },
];

const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const open = async (template?: string): Promise<TestDatabase> => {
    const target = await createPostgresTestDatabase(adminUrl, template);
    const db = await openPostgresDatabase(target.url, 5);
    return {
      db,
      url: target.url,
      async drop() {
        await db.close();
        await target.drop();
      },
    };
  };
  ENGINES.push({
    engine: 'postgresql',
    create: () => open(),
    createFrom: async (state) => open(await postgresTemplate(adminUrl, state)),
  });
}
