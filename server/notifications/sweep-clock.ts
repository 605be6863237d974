/**
 * The time the notification sweepers act at (late audits, overdue case actions), and how often
 * they run. In a real server: the system clock, every 30 seconds, like the alert sweeper.
 *
 * Tests move time without an API: when the server runs with NODE_ENV=test,
 *   LANTERN_TEST_CLOCK_FILE  names a file holding an ISO time (e.g. 2026-12-24T10:00:00Z); it is
 *                            re-read at every sweep, so a test can move the clock while the
 *                            server runs. An empty, missing or unreadable file means "now".
 *   LANTERN_TEST_SWEEP_MS    sweeps this often (100 to 30 000 ms) instead of every 30 seconds.
 * Outside NODE_ENV=test both are ignored, so no setting can move a live server's clock.
 * In-process tests pass their own clock to the sweep functions instead.
 */
import { readFileSync } from 'node:fs';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const NOTIFICATION_SWEEP_MS = 30_000;

const testMode = (env: NodeJS.ProcessEnv): boolean => env.NODE_ENV === 'test';

export function sweepClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env.LANTERN_TEST_CLOCK_FILE?.trim();
  if (!testMode(env) || !file) return systemClock;
  return () => {
    try {
      const text = readFileSync(file, 'utf8').trim();
      const time = text ? new Date(text) : null;
      return time && !Number.isNaN(time.getTime()) ? time : new Date();
    } catch {
      return new Date();
    }
  };
}

export function sweepIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.LANTERN_TEST_SWEEP_MS?.trim());
  if (!testMode(env) || !Number.isInteger(raw) || raw < 100 || raw > NOTIFICATION_SWEEP_MS)
    return NOTIFICATION_SWEEP_MS;
  return raw;
}
