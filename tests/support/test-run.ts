/**
 * vitest's global setup: compiles the server the tests start as a process, once, before any
 * test file (tests/support/server-process.ts); and when the run ends, removes what
 * tests/support/test-databases.ts prepared for it: the folder of PGlite snapshots and, with
 * DATABASE_URL, the PostgreSQL templates (and any a stopped process left half-prepared).
 */
import pg from 'pg';
import { rm } from 'node:fs/promises';
import { ensureServerBuild } from '../../server/build/build-server.mjs';
import { snapshotDir, templatePrefix } from './test-databases';

/**
 * Each vitest project calls the global setup (vitest.config.ts has two): the build is started
 * once per run, and the clean-up, called once per project when every project has ended, is
 * harmless twice.
 */
const building = Symbol.for('lantern.test-run.build');
type WithBuild = typeof globalThis & { [building]?: Promise<unknown> };

export default async function setup(): Promise<() => Promise<void>> {
  const shared = globalThis as WithBuild;
  await (shared[building] ??= ensureServerBuild());
  return async () => {
    await rm(snapshotDir(), { recursive: true, force: true });
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [templatePrefix()],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
