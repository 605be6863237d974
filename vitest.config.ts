import { configDefaults, defineConfig } from 'vitest/config';
import { dexieAlias } from './client/db/dexie-build';
import { startupChecksPlugin } from './client/validation/startup-checks-plugin';

// Unit tests sit beside the code (x.ts ↔ x.test.ts); server tests run the Hono app in-process;
// tests/sync holds the sync proofs that cross processes or simulate several devices.

// One name per run for the databases prepared once and copied per test
// (tests/support/test-databases.ts); the worker processes inherit it.
process.env.LANTERN_TEST_RUN ??= `${Date.now().toString(36)}${process.pid}`;

/**
 * Test files that replace a module (`vi.mock`) or need a page-like global world of their own
 * (the client's: fake IndexedDB, stubbed fetch, Pinia): each runs in a fresh process.
 */
const ISOLATED = ['client/**/*.test.ts', 'server/openapi/openapi-request-bodies.test.ts'];

/** Builds the server the tests start, and removes the run's prepared databases at its end. */
const RUN_SETUP = 'tests/support/test-run.ts';

export default defineConfig({
  // The same Dexie build as the app's (client/db/dexie-build.ts).
  resolve: { alias: [dexieAlias(import.meta.dirname)] },
  // The start-up checks the client's build compiles (client/validation/startup-checks-plugin.ts).
  plugins: [startupChecksPlugin()],
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time, in two worker processes: on two cores one file leaves a core idle
    // whenever it waits on PostgreSQL or a server it started (the unit step took about half the
    // time with two on an idle machine). Files do meet on PostgreSQL: a pull hands out a change
    // only once every older transaction on the whole cluster has ended (server/sync/pull.ts), so
    // another file's migration or seeding delays what a sync test pulls right after writing it.
    // A test that pulls its own write therefore waits for it (tests/support/sync-eventually.ts);
    // tests/sync and server/sync passed so at a load average of 14 on two cores.
    maxWorkers: 2,
    // In-process apps log every request: keep the test output to warnings and errors. Real
    // server processes the tests start log at info (tests/support/server-process.ts).
    env: { LANTERN_LOG_LEVEL: process.env.LANTERN_LOG_LEVEL ?? 'warn' },
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, globalSetup: [RUN_SETUP] } },
      {
        extends: true,
        test: {
          name: 'shared',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'tests/sync/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
          globalSetup: [RUN_SETUP],
          setupFiles: ['tests/support/leave-no-trace.ts'],
        },
      },
    ],
  },
});
