/**
 * Raises a safeguarding alert when an audit carrying an immediate safeguarding concern is
 * written (the framework's `safeguardingConcernKey` answered "yes"), once per audit: the QA
 * lead(s) and the case's team manager (alert-recipients.ts) must each acknowledge it with a
 * note; it is due for escalation after the configured working hours. Called from
 * onAuditWritten, so the alert is raised in the same transaction as the sync that carried the
 * concern: an audit with a concern is never stored without its alert. E-mails are queued here
 * and sent after the transaction by the sweeper (send-alert-emails.ts) when SMTP is set up.
 */
import type { Queryable } from '../db/database';
import type { AuditStateAfter } from '../audits/audit-write';
import { loadFramework } from '../frameworks/framework-cache';
import { addWorkingMinutes } from '../../shared/alerts/working-hours';
import { firstRecipients } from './alert-recipients';
import { readAlertSettings } from './alert-settings';
import { raisesSafeguardingConcern } from '../../shared/framework/safeguarding-concern';

export async function raiseSafeguardingAlert(
  tx: Queryable,
  auditId: string,
  audit: AuditStateAfter,
): Promise<void> {
  if (audit.deleted) return;
  // Decided from the answers in hand: most writes carry no concern and cost no query here.
  const framework = await loadFramework(tx, audit.frameworkKey, audit.frameworkVersion);
  if (!framework) return;
  // Read defensively (it came from storage) without parsing every answer on every write.
  if (!raisesSafeguardingConcern(framework, audit.answers)) return;
  const [state] = await tx.query<{ now: string; has_alert: boolean }>(
    'SELECT now() AS now, EXISTS (SELECT 1 FROM alerts WHERE audit_id = $1) AS has_alert',
    [auditId],
  );
  if (!state || state.has_alert) return;

  const settings = readAlertSettings(process.env);
  const escalateAt = new Date(
    addWorkingMinutes(Date.parse(state.now), settings.escalationHours * 60, {
      holidays: settings.closedDays,
    }),
  ).toISOString();
  const id = crypto.randomUUID();
  const inserted = await tx.query(
    `INSERT INTO alerts (id, audit_id, case_id, team_id, raised_by, escalate_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (audit_id) DO NOTHING RETURNING id`,
    [id, auditId, audit.caseId, audit.teamId, audit.auditorId, escalateAt],
  );
  if (inserted.length === 0) return;
  for (const recipient of await firstRecipients(tx, audit.teamId, audit.auditorId)) {
    await tx.query('INSERT INTO alert_recipients (alert_id, person_id, reason) VALUES ($1, $2, $3)', [
      id,
      recipient.personId,
      recipient.reason,
    ]);
    await tx.query('INSERT INTO alert_emails (alert_id, person_id, reason) VALUES ($1, $2, $3)', [
      id,
      recipient.personId,
      recipient.reason,
    ]);
  }
}
