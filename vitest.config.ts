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
    // Two test files at a time, each in its own process: on two cores one file leaves a core idle
    // whenever it waits on PostgreSQL or a server it started (the unit step took about half the
    // time with two on an idle machine). Files do meet on PostgreSQL: a pull hands out a change
    // only once every older transaction on the whole cluster has ended (server/sync/pull.ts), so
    // another file's migration or seeding delays what a sync test pulls right after writing it.
    // A test that pulls its own write therefore waits for it (tests/support/sync-eventually.ts);
    // tests/sync and server/sync passed so at a load average of 14 on two cores.
    maxWorkers: 2,
    globalSetup: ['tests/support/test-run.ts'],
    // In-process apps log every request: keep the test output to warnings and errors. Real
    // server processes the tests start log at info (tests/support/server-process.ts).
    env: { LANTERN_LOG_LEVEL: process.env.LANTERN_LOG_LEVEL ?? 'warn' },
  },
});
