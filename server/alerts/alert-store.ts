/**
 * Alerts as a person sees them: those raised to them (and, for a QA lead, every alert), each
 * with the case reference, team, the concern's note, who must acknowledge, who has and how
 * long it took — in minutes and in working minutes — and whether it was escalated.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import { answersSchema } from '../../shared/framework/answer-schema';
import { alertReasonSchema, type Alert } from '../../shared/alerts/alert-schemas';
import { workingMinutesBetween } from '../../shared/alerts/working-hours';
import { loadFramework } from '../frameworks/framework-cache';
import { readAlertSettings } from './alert-settings';

interface AlertRow {
  id: string;
  audit_id: string;
  reference: string;
  team_name: string;
  raised_by_name: string;
  raised_at: string;
  escalate_at: string;
  escalated_at: string | null;
  acknowledged_at: string | null;
  answers: unknown;
  framework_key: string;
  framework_version: number;
}

interface RecipientRow {
  alert_id: string;
  person_id: string;
  name: string;
  reason: string;
  acknowledged_at: string | null;
  note: string | null;
}

const minutesBetween = (from: string, to: string | null): number | null =>
  to === null ? null : Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * The alerts within the scope: those raised to the person, and for a QA lead every alert of
 * their service.
 */
export async function listAlerts(db: Queryable, scope: DataScope, alertId?: string): Promise<Alert[]> {
  const { closedDays } = readAlertSettings(process.env);
  const params: unknown[] = [];
  const raisedToMe = inScope({ ...scope, reach: 'assigned' }, { assignee: 'r.person_id' }, params);
  const conditions: string[] = [
    `(EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = al.id AND ${raisedToMe})
      OR ${inScope(scope, { team: 'al.team_id' }, params)})`,
  ];
  if (alertId) {
    params.push(alertId);
    conditions.push(`al.id = $${params.length}`);
  }
  const rows = await db.query<AlertRow>(
    `SELECT al.id, al.audit_id, c.reference, t.name AS team_name, p.display_name AS raised_by_name, al.raised_at, al.escalate_at,
            al.escalated_at, al.acknowledged_at, a.answers, a.framework_key, a.framework_version
     FROM alerts al JOIN cases c ON c.id = al.case_id JOIN teams t ON t.id = al.team_id JOIN people p ON p.id = al.raised_by
       JOIN audits a ON a.id = al.audit_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY (al.acknowledged_at IS NULL) DESC, al.raised_at DESC LIMIT 200`,
    params,
  );
  const recipients = await db.query<RecipientRow>(
    `SELECT r.alert_id, r.person_id, p.display_name AS name, r.reason, r.acknowledged_at, r.note
     FROM alert_recipients r JOIN people p ON p.id = r.person_id WHERE r.alert_id = ANY ($1::uuid[]) ORDER BY r.notified_at, p.display_name`,
    [rows.map((r) => r.id)],
  );
  const alerts: Alert[] = [];
  for (const row of rows) {
    const framework = await loadFramework(db, row.framework_key, row.framework_version);
    const answers = answersSchema.safeParse(row.answers);
    const concern = framework && answers.success ? answers.data[framework.safeguardingConcernKey] : undefined;
    const own = recipients.filter((r) => r.alert_id === row.id);
    const mine = own.find((r) => r.person_id === scope.personId);
    alerts.push({
      id: row.id,
      auditId: row.audit_id,
      reference: row.reference,
      teamName: row.team_name,
      raisedByName: row.raised_by_name,
      raisedAt: row.raised_at,
      concernNote: concern?.kind === 'yes-no-note' ? concern.note : '',
      escalateAt: row.escalate_at,
      escalatedAt: row.escalated_at,
      acknowledgedAt: row.acknowledged_at,
      minutesToAcknowledge: minutesBetween(row.raised_at, row.acknowledged_at),
      workingMinutesToAcknowledge: row.acknowledged_at
        ? Math.round(
            workingMinutesBetween(Date.parse(row.raised_at), Date.parse(row.acknowledged_at), {
              holidays: closedDays,
            }),
          )
        : null,
      mine: mine !== undefined && mine.acknowledged_at === null,
      myAcknowledgement: mine?.acknowledged_at ?? null,
      recipients: own.map((r) => ({
        personId: r.person_id,
        name: r.name,
        reason: alertReasonSchema.parse(r.reason),
        acknowledgedAt: r.acknowledged_at,
        note: r.note,
        minutesToAcknowledge: minutesBetween(row.raised_at, r.acknowledged_at),
      })),
    });
  }
  return alerts;
}

/** Records one recipient's acknowledgement; the first one stops the alert's escalation clock. */
export async function acknowledgeAlert(
  tx: Queryable,
  alertId: string,
  person: Person,
  note: string,
): Promise<void> {
  const [recipient] = await tx.query<{ acknowledged_at: string | null }>(
    'SELECT acknowledged_at FROM alert_recipients WHERE alert_id = $1 AND person_id = $2 FOR UPDATE',
    [alertId, person.id],
  );
  if (!recipient) {
    const [exists] = await tx.query('SELECT id FROM alerts WHERE id = $1', [alertId]);
    if (!exists) throw appError('not_found', 'There is no alert with that id.');
    throw appError('forbidden', 'This alert was not raised to you, so you cannot acknowledge it.');
  }
  if (recipient.acknowledged_at) throw appError('conflict', 'You have already acknowledged this alert.');
  await tx.query(
    'UPDATE alert_recipients SET acknowledged_at = now(), note = $3 WHERE alert_id = $1 AND person_id = $2',
    [alertId, person.id, note],
  );
  await tx.query('UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, now()) WHERE id = $1', [
    alertId,
  ]);
}
