/**
 * Server, shared and sync test files share their worker process with the files before and after
 * them (vitest.config.ts, project 'shared': no fresh process per file, so the server's modules are
 * loaded once a worker rather than once a file). What one file changes in that process's globals
 * is put back when it ends: a stubbed `fetch` (the simulated network), environment variables,
 * fake timers and spies.
 */
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
