/**
 * Late audits: an allocation past its due date (a London date before today's) with no
 * submitted audit reminds its auditor and tells the QA leads of the case's service, once per
 * allocation per kind (notify's once-index; several processes may sweep together). A due date
 * is the last day the audit may be submitted on: it is late from the next morning. Withdrawn
 * and finished allocations are never late. Runs on the notification sweeper's timer with the
 * sweep clock (sweep-clock.ts), so tests can move the day.
 */
import type { Database, Queryable } from '../db/database';
import { notify } from './notify';

interface LateRow {
  id: string;
  auditor_id: string;
  auditor_name: string;
  reference: string;
  round_id: string | null;
  due_date: string;
  qa_leads: string[];
  auditor_told: boolean;
  qa_told: boolean;
}

/** 3 December 2026, for a title. */
export function dueWords(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function remindLateAudits(db: Database, now: Date): Promise<number> {
  return db.transaction((tx) => tellOfLateAudits(tx, now));
}

/** The same inside the caller's transaction (the demo's first start). */
export async function tellOfLateAudits(tx: Queryable, now: Date): Promise<number> {
  // Nobody left to tell (a deactivated auditor, a service with no QA lead) counts as told,
  // so the oldest late allocations never crowd out the newest.
  const late = await tx.query<LateRow>(
    `SELECT * FROM (
         SELECT x.id, x.auditor_id, p.display_name AS auditor_name, c.reference, x.round_id,
                x.due_date::text AS due_date, q.ids AS qa_leads,
                (NOT p.active OR EXISTS (SELECT 1 FROM notifications n
                   WHERE n.kind = 'allocation_overdue' AND n.subject_id = x.id::text)) AS auditor_told,
                (cardinality(q.ids) = 0 OR EXISTS (SELECT 1 FROM notifications n
                   WHERE n.kind = 'allocation_overdue_qa' AND n.subject_id = x.id::text)) AS qa_told
         FROM allocations x JOIN people p ON p.id = x.auditor_id JOIN cases c ON c.id = x.case_id
           JOIN teams t ON t.id = c.team_id
           CROSS JOIN LATERAL (SELECT coalesce(array_agg(l.id ORDER BY l.id), '{}') AS ids FROM people l
             WHERE l.active AND 'qa_lead' = ANY (l.roles) AND l.service_id = t.service_id) q
           LEFT JOIN audits a ON a.id = x.id AND a.status = 'submitted' AND NOT a.deleted
         WHERE x.active AND x.due_date < ($1::timestamptz AT TIME ZONE 'Europe/London')::date AND a.id IS NULL
       ) late WHERE NOT (auditor_told AND qa_told)
       ORDER BY due_date, id LIMIT 200`,
    [now.toISOString()],
  );
  let told = 0;
  for (const row of late) {
    const due = dueWords(row.due_date);
    if (!row.auditor_told)
      await notify(tx, [row.auditor_id], {
        kind: 'allocation_overdue',
        title: `Your audit of case ${row.reference} was due on ${due}`,
        link: `/audits/${row.id}`,
        subjectId: row.id,
      });
    if (!row.qa_told)
      await notify(tx, row.qa_leads, {
        kind: 'allocation_overdue_qa',
        title: `The audit of case ${row.reference} by ${row.auditor_name} was due on ${due}`,
        link: row.round_id ? `/qa/rounds/${row.round_id}` : '/qa',
        subjectId: row.id,
      });
    told++;
  }
  return told;
}
