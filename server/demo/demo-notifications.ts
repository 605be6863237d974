/**
 * The demo's inboxes, told exactly as the running app tells people, from what the demo holds
 * once everything else is seeded: late audits (the sweeper's own rule at the demo's "now"),
 * audits of practitioners' cases (to the practitioner and the team's managers), practitioners'
 * responses (to the auditor and the QA leads), and case actions (assigned, overdue, escalated).
 * Each notice is dated when its event happened; those more than three days old are read, so an
 * inbox shows both. No e-mail is queued: the demo's people have no real addresses.
 */
import type { Queryable } from '../db/database';
import { notify } from '../notifications/notify';
import { tellOfLateAudits, dueWords } from '../notifications/remind-late-audits';
import { practitionerAndManagers } from '../audits/tell-of-audit';

export async function seedDemoNotifications(tx: Queryable, now: Date): Promise<number> {
  const at = now.toISOString();
  const dated = (kind: string, subjectId: string, when: string | null) =>
    tx.query(
      `UPDATE notifications SET created_at = least($3::timestamptz, $4::timestamptz)
       WHERE kind = $1 AND subject_id = $2`,
      [kind, subjectId, when ?? at, at],
    );

  // Late audits: dated the morning after the due date.
  await tellOfLateAudits(tx, now);
  await tx.query(
    `UPDATE notifications n SET created_at = least($1::timestamptz,
       ((x.due_date + 1)::timestamp + interval '8 hours') AT TIME ZONE 'Europe/London')
     FROM allocations x WHERE n.kind IN ('allocation_overdue', 'allocation_overdue_qa') AND n.subject_id = x.id::text`,
    [at],
  );

  // Audits of practitioners' cases from the last eight weeks.
  const audits = await tx.query<{ id: string; reference: string; completed_at: string }>(
    `SELECT a.id, c.reference, a.completed_at FROM audits a JOIN cases c ON c.id = a.case_id
     WHERE a.status = 'submitted' AND NOT a.deleted AND c.practitioner_id IS NOT NULL
       AND a.completed_at > $1::timestamptz - interval '56 days'
     ORDER BY a.completed_at`,
    [at],
  );
  for (const audit of audits) {
    await notify(tx, await practitionerAndManagers(tx, audit.id), {
      kind: 'audit_submitted',
      title: `An audit of case ${audit.reference} is ready to read`,
      link: `/audits/${audit.id}/record`,
      subjectId: audit.id,
    });
    await dated('audit_submitted', audit.id, audit.completed_at);
  }

  const responses = await tx.query<{
    id: string;
    audit_id: string;
    reference: string;
    auditor_id: string;
    qa_leads: string[];
    created_at: string;
  }>(
    `SELECT r.id, r.audit_id, c.reference, a.auditor_id, r.created_at,
            coalesce((SELECT array_agg(p.id) FROM people p
                      WHERE p.active AND 'qa_lead' = ANY (p.roles) AND p.service_id = t.service_id), '{}') AS qa_leads
     FROM practitioner_responses r JOIN audits a ON a.id = r.audit_id JOIN cases c ON c.id = a.case_id
       JOIN teams t ON t.id = a.team_id
     ORDER BY r.created_at`,
  );
  for (const response of responses) {
    await notify(tx, [response.auditor_id, ...response.qa_leads], {
      kind: 'practitioner_response',
      title: `The practitioner responded to the audit of case ${response.reference}`,
      link: `/audits/${response.audit_id}/record`,
      subjectId: response.id,
    });
    await dated('practitioner_response', response.id, response.created_at);
  }

  const actions = await tx.query<{
    id: string;
    reference: string;
    owner_id: string | null;
    team_id: string;
    due_date: string;
    created_at: string;
    overdue_notified_at: string | null;
    escalated_at: string | null;
  }>(
    `SELECT x.id, c.reference, x.owner_id, x.team_id, x.due_date::text AS due_date, x.created_at,
            x.overdue_notified_at, x.escalated_at
     FROM case_actions x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
     WHERE x.withdrawn_at IS NULL ORDER BY x.created_at`,
  );
  for (const action of actions) {
    const link = `/case-actions/${action.id}`;
    if (action.owner_id) {
      const subjectId = `${action.id}:${action.owner_id}`;
      await notify(tx, [action.owner_id], {
        kind: 'action_assigned',
        title: `An action for case ${action.reference} is yours`,
        link,
        subjectId,
      });
      await dated('action_assigned', subjectId, action.created_at);
    }
    const subjectId = `${action.id}:${action.due_date}`;
    if (action.owner_id && action.overdue_notified_at) {
      await notify(tx, [action.owner_id], {
        kind: 'action_overdue',
        title: `An action for case ${action.reference} was due on ${dueWords(action.due_date)}`,
        link,
        subjectId,
      });
      await dated('action_overdue', subjectId, action.overdue_notified_at);
    }
    if (action.escalated_at) {
      const managers = await tx.query<{ person_id: string }>(
        'SELECT person_id FROM team_managers WHERE team_id = $1',
        [action.team_id],
      );
      await notify(
        tx,
        managers.map((m) => m.person_id),
        {
          kind: 'action_escalated',
          title: `An action for case ${action.reference} is overdue since ${dueWords(action.due_date)}`,
          link,
          subjectId,
        },
      );
      await dated('action_escalated', subjectId, action.escalated_at);
    }
  }

  await tx.query(
    `UPDATE notifications SET read_at = created_at + interval '2 hours'
     WHERE created_at < $1::timestamptz - interval '3 days'`,
    [at],
  );
  await tx.query('DELETE FROM notification_emails');
  const [count] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM notifications');
  return Number(count?.n ?? 0);
}
