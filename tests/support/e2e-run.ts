/**
 * Playwright's global setup: compiles the server the tests start (once, when its sources
 * changed) and prepares this run's demo database before the first test, so no test's time
 * limit pays for either (tests/support/server-process.ts copies the demo for each demo server),
 * and removes the demo when the run ends.
 */
import { rm } from 'node:fs/promises';
import { compiledServer, preparedDemo } from './server-process';

export default async function setup(): Promise<() => Promise<void>> {
  await compiledServer();
  const folder = process.env.LANTERN_E2E_PREPARED_DIR;
  if (!folder) return async () => undefined;
  await preparedDemo(folder, 600_000);
  return () => rm(folder, { recursive: true, force: true });
}
