/**
 * The server process's daily retention job, on the notification sweeps' clock (sweep-clock.ts:
 * the system clock, checked every 30 seconds; a test clock file only under NODE_ENV=test). It
 * runs once soon after start and then once a day of that clock. It keeps no state that matters:
 * every process sharing a PostgreSQL may run it (the deletions are the same whoever runs them),
 * and a restart only runs it again. A failed run is logged and tried at the next check.
 */
import type { Database } from '../db/database';
import { sweepClock, sweepIntervalMs } from '../notifications/sweep-clock';
import { applyRetention } from './apply-retention';
import { readRetentionSettings } from './retention-settings';
import { log, loggableError } from '../log/logger';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a run is due at `now`, the last having run at `lastRun` (null: never). */
export const retentionDue = (lastRun: Date | null, now: Date): boolean =>
  lastRun === null || now.getTime() - lastRun.getTime() >= DAY_MS || now < lastRun;

export function startRetentionSweeper(
  db: Database,
  sessionIdleMinutes: number,
  env: NodeJS.ProcessEnv = process.env,
  say: (line: string) => void = (line) => log.info(line),
): () => void {
  const periods = readRetentionSettings(env);
  const clock = sweepClock(env);
  let lastRun: Date | null = null;
  let running = false;
  const check = async (): Promise<void> => {
    const now = clock();
    if (running || !retentionDue(lastRun, now)) return;
    running = true;
    try {
      const deleted = await applyRetention(db, now, periods, sessionIdleMinutes);
      lastRun = now;
      const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
      if (total > 0)
        say(
          `retention: deleted ${deleted.endedSessions} ended sessions, ${deleted.failedSignIns} failed sign-ins, ${deleted.refusedSnapshots} refused snapshots, ${deleted.auditLogRows} audit-log rows`,
        );
    } catch (error) {
      // The edge of a background job: nobody else can act on it, so it is logged and retried.
      log.error({ err: loggableError(error) }, 'retention sweep failed; retrying at the next check');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), sweepIntervalMs(env));
  timer.unref();
  return () => clearInterval(timer);
}
