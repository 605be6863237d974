import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './tests/support/chromium-args';

// End-to-end tests drive Debian's Chromium (npx playwright install cannot download browsers
// on these machines) against the built app and real server processes the tests start.
// Each run writes its artifacts to its own folder (workers inherit the variable), so two runs
// on one machine never delete each other's traces.
process.env.LANTERN_E2E_RUN ??= `${Date.now()}-${process.pid}`;
// The demo is seeded once per run, before the first test, and each demo server starts from a
// copy (tests/support/server-process.ts, tests/support/e2e-run.ts).
process.env.LANTERN_E2E_PREPARED_DIR = join(tmpdir(), `lantern-e2e-prepared-${process.env.LANTERN_E2E_RUN}`);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/support/e2e-run.ts',
  outputDir: `test-results/e2e-${process.env.LANTERN_E2E_RUN}`,
  // Generous limits: CI runs the suite on a 2-core machine beside the server tests' leftovers,
  // where a walk that takes 40 s alone has taken over two minutes. A limit only costs time when
  // a test fails; a test that is slow under load must not fail for it.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  // Two files at a time (a file's tests keep their order and share its server). Every test
  // server takes a free port and a data directory of its own (a copy of the prepared demo), and
  // every PostgreSQL database a unique name, so two workers never meet; on a 2-core machine a
  // single worker leaves a core idle whenever its test waits on the page, the server or a timer.
  fullyParallel: false,
  workers: 2,
  // One retry: a test that fails twice fails the run. The run's closing lines name every test
  // that needed its retry (tests/support/result-files.ts), so a flaky test is seen, not hidden.
  retries: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
  },
});
