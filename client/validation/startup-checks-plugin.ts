/**
 * Serves the start-up checks to the client as the module `virtual:startup-checks`, compiled
 * when the build (or a test run) starts (startup-checks-code.ts). vite.config.ts and
 * vitest.config.ts both use it, so the tests run the checks the tablet runs.
 */
import { startupChecksCode } from './startup-checks-code';

export const STARTUP_CHECKS_MODULE = 'virtual:startup-checks';
const RESOLVED = `\0${STARTUP_CHECKS_MODULE}`;

export function startupChecksPlugin(): {
  name: string;
  resolveId(id: string): string | undefined;
  load(id: string): string | undefined;
} {
  return {
    name: 'lantern-startup-checks',
    resolveId: (id) => (id === STARTUP_CHECKS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? startupChecksCode() : undefined),
  };
}
