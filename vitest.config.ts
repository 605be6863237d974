import { defineConfig } from 'vitest/config';
import { dexieAlias } from './client/db/dexie-build';
import { startupChecksPlugin } from './client/validation/startup-checks-plugin';

// Unit tests sit beside the code (x.ts ↔ x.test.ts); server tests run the Hono app in-process;
// tests/sync holds the sync proofs that cross processes or simulate several devices.

// One name per run for the databases prepared once and copied per test
// (tests/support/test-databases.ts); the worker processes inherit it.
process.env.LANTERN_TEST_RUN ??= `${Date.now().toString(36)}${process.pid}`;

export default defineConfig({
  // The same Dexie build as the app's (client/db/dexie-build.ts).
  resolve: { alias: [dexieAlias(import.meta.dirname)] },
  // The start-up checks the client's build compiles (client/validation/startup-checks-plugin.ts).
  plugins: [startupChecksPlugin()],
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'client/**/*.test.ts',
      'tests/sync/**/*.test.ts',
      'tests/support/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file at a time. Two halved the time on an idle machine, but files do meet on
    // PostgreSQL: a pull hands out a change only once every older transaction on the whole
    // cluster has ended (server/sync/pull.ts), so another file's migration or seeding delays what
    // a sync test pulls right after writing it. Under a competing load that failed three sync
    // tests expecting their first pull to bring their own write (tests/support/sync-eventually.ts
    // is the way such a test should wait). Two workers wait on those tests all polling.
    maxWorkers: 1,
    globalSetup: ['tests/support/test-run.ts'],
    // In-process apps log every request: keep the test output to warnings and errors. Real
    // server processes the tests start log at info (tests/support/server-process.ts).
    env: { LANTERN_LOG_LEVEL: process.env.LANTERN_LOG_LEVEL ?? 'warn' },
  },
});
