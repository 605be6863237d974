import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (x.ts ↔ x.test.ts); server tests run the Hono app in-process;
// tests/sync holds the sync proofs that cross processes or simulate several devices.

// One name per run for the databases prepared once and copied per test
// (tests/support/test-databases.ts); the worker processes inherit it.
process.env.LANTERN_TEST_RUN ??= `${Date.now().toString(36)}${process.pid}`;

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/support/test-run.ts'],
    // In-process apps log every request: keep the test output to warnings and errors. Real
    // server processes the tests start log at info (tests/support/server-process.ts).
    env: { LANTERN_LOG_LEVEL: process.env.LANTERN_LOG_LEVEL ?? 'warn' },
  },
});
