/**
 * The server process's timer for notifications, beside the alert sweeper and like it (every 30
 * seconds; no state of its own, so any number of processes may run it; never keeps the process
 * alive; a failed job is logged and tried again next time, and does not stop the others).
 * Each sweep runs the jobs that tell people of something that became due — late audits here;
 * another feature adds its own job to SWEEP_JOBS — at the sweep clock's time, then sends the
 * queued notification e-mails when SMTP is configured.
 */
import type { Database } from '../db/database';
import { readAlertSettings } from '../alerts/alert-settings';
import { smtpMailer } from '../alerts/smtp-mailer';
import type { Mailer } from '../mail/mailer';
import { remindLateAudits } from './remind-late-audits';
import { remindOverdueActions } from '../case-actions/remind-overdue-actions';
import { sendPendingNotificationEmails } from './send-notification-emails';
import { sweepClock, sweepIntervalMs } from './sweep-clock';
import { log, loggableError } from '../log/logger';
import { sweepLastRun } from '../monitoring/prometheus-metrics';

export interface SweepJob {
  name: string;
  run(db: Database, now: Date): Promise<unknown>;
}

export const SWEEP_JOBS: readonly SweepJob[] = [
  { name: 'late audits', run: remindLateAudits },
  { name: 'overdue case actions', run: (db, now) => remindOverdueActions(db, now) },
];

/** One sweep: every job, then the e-mails. Exported for tests. */
export async function sweepNotifications(
  db: Database,
  now: Date,
  mail: { mailer: Mailer; publicUrl: string } | null,
  jobs: readonly SweepJob[] = SWEEP_JOBS,
): Promise<void> {
  for (const job of jobs) {
    try {
      await job.run(db, now);
    } catch (error) {
      // The edge of a background job: nobody else can act on it, so it is logged and retried.
      log.error(
        { err: loggableError(error), job: job.name },
        `notification sweep (${job.name}) failed; retrying next sweep`,
      );
    }
  }
  if (mail) await sendPendingNotificationEmails(db, mail.mailer, mail.publicUrl);
}

export function startNotificationSweeper(db: Database, env: NodeJS.ProcessEnv = process.env): () => void {
  const settings = readAlertSettings(env);
  const mailer = settings.smtp ? smtpMailer(settings.smtp.url, settings.smtp.from) : null;
  const mail = mailer ? { mailer, publicUrl: settings.publicUrl } : null;
  const clock = sweepClock(env);
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await sweepNotifications(db, clock(), mail);
    } catch (error) {
      log.error({ err: loggableError(error) }, 'notification e-mails failed; retrying next sweep');
    } finally {
      sweepLastRun.set({ sweep: 'notifications' }, Date.now() / 1000);
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), sweepIntervalMs(env));
  timer.unref();
  return () => {
    clearInterval(timer);
    mailer?.close();
  };
}
