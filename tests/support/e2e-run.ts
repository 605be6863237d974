/**
 * Playwright's global setup: prepares this run's demo database before the first test, so no
 * test's time limit pays for seeding it (tests/support/server-process.ts copies it for each
 * demo server), and removes it when the run ends.
 */
import { rm } from 'node:fs/promises';
import { preparedDemo } from './server-process';

export default async function setup(): Promise<() => Promise<void>> {
  const folder = process.env.LANTERN_E2E_PREPARED_DIR;
  if (!folder) return async () => undefined;
  await preparedDemo(folder, 600_000);
  return () => rm(folder, { recursive: true, force: true });
}
