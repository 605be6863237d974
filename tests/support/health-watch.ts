/**
 * Watches that the server keeps answering while other work runs: asks `/api/health` every
 * `everyMs` until told to stop, and reports the slowest answer. In-process, a request that
 * holds the event loop (a long synchronous loop, a huge allocation) delays every health check
 * queued behind it, so the slowest answer is how long any other person would have waited.
 */
import type { TestApp } from './test-app';

export interface HealthWatch {
  /** Stops asking and reports the slowest answer, in milliseconds, and how many were asked. */
  stop(): Promise<{ slowestMs: number; checks: number; failures: number }>;
}

export function watchHealth(t: Pick<TestApp, 'request'>, everyMs = 50): HealthWatch {
  let running = true;
  let slowestMs = 0;
  let checks = 0;
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await t.request('/api/health');
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      checks += 1;
      if (response.status !== 200) failures += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs, checks, failures };
    },
  };
}
