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
import type { AuditWrite } from '../audits/on-audit-written';
import { loadFramework } from '../frameworks/framework-cache';
import { addWorkingMinutes } from '../../shared/alerts/working-hours';
import { answersSchema } from '../../shared/framework/answer-schema';
import { firstRecipients } from './alert-recipients';
import { readAlertSettings } from './alert-settings';

export async function raiseSafeguardingAlert(tx: Queryable, write: AuditWrite): Promise<void> {
  const [audit] = await tx.query<{
    answers: unknown;
    framework_key: string;
    framework_version: number;
    case_id: string;
    team_id: string;
    auditor_id: string;
    deleted: boolean;
    now: string;
    has_alert: boolean;
  }>(
    `SELECT a.answers, a.framework_key, a.framework_version, a.case_id, a.team_id, a.auditor_id, a.deleted, now() AS now,
            EXISTS (SELECT 1 FROM alerts al WHERE al.audit_id = a.id) AS has_alert
     FROM audits a WHERE a.id = $1`,
    [write.auditId],
  );
  if (!audit || audit.deleted || audit.has_alert) return;
  const framework = await loadFramework(tx, audit.framework_key, audit.framework_version);
  if (!framework) return;
  const answers = answersSchema.safeParse(audit.answers);
  const concern = answers.success ? answers.data[framework.safeguardingConcernKey] : undefined;
  if (concern?.kind !== 'yes-no-note' || concern.value !== 'yes') return;

  const settings = readAlertSettings(process.env);
  const escalateAt = new Date(
    addWorkingMinutes(Date.parse(audit.now), settings.escalationHours * 60),
  ).toISOString();
  const id = crypto.randomUUID();
  const inserted = await tx.query(
    `INSERT INTO alerts (id, audit_id, case_id, team_id, raised_by, escalate_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (audit_id) DO NOTHING RETURNING id`,
    [id, write.auditId, audit.case_id, audit.team_id, audit.auditor_id, escalateAt],
  );
  if (inserted.length === 0) return;
  for (const recipient of await firstRecipients(tx, audit.team_id, audit.auditor_id)) {
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
