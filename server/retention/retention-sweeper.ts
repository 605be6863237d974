/**
 * The server process's daily retention job: checked every 30 seconds, it runs once soon after
 * start and then once a day. It keeps no state that matters: every process sharing a
 * PostgreSQL may run it (the deletions are the same whoever runs them), and a restart only
 * runs it again. A failed run is logged and tried at the next check.
 * It runs on the system clock, never on the notification sweeps' test clock file: an
 * end-to-end test that moves that clock a month on must not see its own live sessions deleted
 * (sessions end by the database's clock). In-process tests pass their own clock instead.
 */
import type { Database } from '../db/database';
import { systemClock, type Clock } from '../notifications/sweep-clock';
import { applyRetention } from './apply-retention';
import { readRetentionSettings } from './retention-settings';
import { log, loggableError } from '../log/logger';
import { sweepLastRun } from '../monitoring/prometheus-metrics';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 30_000;

export interface RetentionSweeperOptions {
  env?: NodeJS.ProcessEnv;
  /** The time the job acts at: the system clock in a server. */
  clock?: Clock;
  /** How often it checks whether a day has passed. */
  checkEveryMs?: number;
  /** Where the line saying what it deleted goes. */
  say?: (line: string) => void;
}

/** Whether a run is due at `now`, the last having run at `lastRun` (null: never). */
export const retentionDue = (lastRun: Date | null, now: Date): boolean =>
  lastRun === null || now.getTime() - lastRun.getTime() >= DAY_MS || now < lastRun;

export function startRetentionSweeper(
  db: Database,
  sessionIdleMinutes: number,
  options: RetentionSweeperOptions = {},
): () => void {
  const periods = readRetentionSettings(options.env ?? process.env);
  const clock = options.clock ?? systemClock;
  const say = options.say ?? ((line: string) => log.info(line));
  let lastRun: Date | null = null;
  let running = false;
  const check = async (): Promise<void> => {
    const now = clock();
    if (running || !retentionDue(lastRun, now)) return;
    running = true;
    try {
      const deleted = await applyRetention(db, now, periods, sessionIdleMinutes);
      lastRun = now;
      sweepLastRun.set({ sweep: 'retention' }, Date.now() / 1000);
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
  const timer = setInterval(() => void check(), options.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
