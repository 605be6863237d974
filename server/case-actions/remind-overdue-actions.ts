/**
 * Overdue case actions, on the notification sweeper's timer with its clock (sweep-clock.ts):
 * an action still open the day after its due date (London) reminds its owner once
 * ('action_overdue'); still open on the Nth working day after its due date
 * (LANTERN_ACTION_ESCALATION_DAYS) it is escalated once to the case's team managers
 * ('action_escalated') and shows as escalated. "Once" is per due date: an auditor who moves the
 * date starts the clock again (derive-case-actions.ts clears the marks). Each action is claimed
 * by the UPDATE that marks it, so several processes may sweep together.
 */
import type { Database } from '../db/database';
import { notify } from '../notifications/notify';
import { escalationDate } from '../../shared/case-actions/case-action-escalation';
import { londonToday } from '../../shared/metrics/london-date';
import { readCaseActionSettings, type CaseActionSettings } from './case-action-settings';

/** 18 December 2026, for a title. */
function dueWords(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

interface DueRow {
  id: string;
  owner_id: string | null;
  reference: string;
  due_date: string;
  team_id: string;
}

export async function remindOverdueActions(
  db: Database,
  now: Date,
  settings: CaseActionSettings = readCaseActionSettings(),
): Promise<{ reminded: number; escalated: number }> {
  const today = londonToday(now.getTime());
  return db.transaction(async (tx) => {
    const overdue = await tx.query<DueRow>(
      `UPDATE case_actions x SET overdue_notified_at = $2::timestamptz
       FROM audits a JOIN cases c ON c.id = a.case_id
       WHERE a.id = x.audit_id AND x.id IN (
         SELECT id FROM case_actions WHERE state = 'open' AND withdrawn_at IS NULL
           AND overdue_notified_at IS NULL AND due_date < $1::date
         ORDER BY due_date, id LIMIT 200 FOR UPDATE SKIP LOCKED)
       RETURNING x.id, x.owner_id, c.reference, x.due_date::text AS due_date, x.team_id`,
      [today, now.toISOString()],
    );
    for (const row of overdue)
      if (row.owner_id)
        await notify(tx, [row.owner_id], {
          kind: 'action_overdue',
          title: `An action for case ${row.reference} was due on ${dueWords(row.due_date)}`,
          link: `/case-actions/${row.id}`,
          subjectId: `${row.id}:${row.due_date}`,
        });

    // Escalation dates depend on the working-day calendar: the candidates are read, then each
    // one due is claimed by its own UPDATE.
    const candidates = await tx.query<DueRow>(
      `SELECT x.id, x.owner_id, c.reference, x.due_date::text AS due_date, x.team_id
       FROM case_actions x JOIN audits a ON a.id = x.audit_id JOIN cases c ON c.id = a.case_id
       WHERE x.state = 'open' AND x.withdrawn_at IS NULL AND x.escalated_at IS NULL AND x.due_date < $1::date
       ORDER BY x.due_date, x.id LIMIT 500`,
      [today],
    );
    let escalated = 0;
    for (const row of candidates) {
      if (today < escalationDate(row.due_date, settings.escalationDays, settings.closedDays)) continue;
      const claimed = await tx.query(
        `UPDATE case_actions SET escalated_at = $2::timestamptz WHERE id = $1 AND escalated_at IS NULL RETURNING id`,
        [row.id, now.toISOString()],
      );
      if (claimed.length === 0) continue;
      escalated += 1;
      const managers = await tx.query<{ person_id: string }>(
        'SELECT person_id FROM team_managers WHERE team_id = $1',
        [row.team_id],
      );
      await notify(
        tx,
        managers.map((m) => m.person_id),
        {
          kind: 'action_escalated',
          title: `An action for case ${row.reference} is overdue since ${dueWords(row.due_date)}`,
          link: `/case-actions/${row.id}`,
          subjectId: `${row.id}:${row.due_date}`,
        },
      );
    }
    return { reminded: overdue.length, escalated };
  });
}
