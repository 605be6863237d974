/**
 * The server process's timer for alerts: every 30 seconds, escalate what is due and send
 * queued e-mails (when SMTP is configured). It keeps no state of its own — everything is in
 * the database — so any number of processes may run it, and a restart loses nothing. The
 * timer never keeps the process alive, and a failed sweep is logged and tried again next time.
 */
import type { Database } from '../db/database';
import { readAlertSettings } from './alert-settings';
import { escalateDueAlerts } from './escalate-alerts';
import { sendPendingAlertEmails } from './send-alert-emails';
import { smtpMailer } from './smtp-mailer';
import { log, loggableError } from '../log/logger';
import { sweepLastRun } from '../monitoring/prometheus-metrics';

export const SWEEP_INTERVAL_MS = 30_000;

export function startAlertSweeper(db: Database, env: NodeJS.ProcessEnv = process.env): () => void {
  const settings = readAlertSettings(env);
  const mailer = settings.smtp ? smtpMailer(settings.smtp.url, settings.smtp.from) : null;
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await escalateDueAlerts(db);
      if (mailer) await sendPendingAlertEmails(db, mailer, settings.publicUrl);
    } catch (error) {
      // The edge of a background job: nobody else can act on it, so it is logged and retried.
      log.error({ err: loggableError(error) }, 'alert sweep failed; retrying in 30 s');
    } finally {
      sweepLastRun.set({ sweep: 'alerts' }, Date.now() / 1000);
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    mailer?.close();
  };
}
