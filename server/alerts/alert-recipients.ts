/**
 * Who an alert goes to (PRODUCT.md: "notifies the QA lead and the case's team"), decided in
 * one place, from named people only (the admin names them; nothing is guessed from job titles):
 * - QA leads: active people with the QA lead role in the case's service (a QA lead in no
 *   service receives none: access fails closed, it never widens to the organisation);
 * - the case's team managers: the team's active named managers (team_managers);
 * - on escalation, the head of service: the active person named as the head of the case's
 *   team's service. A team with no manager still alerts its QA leads and escalates; the admin
 *   and QA lead see it as a set-up problem (server/admin/set-up-problems.ts).
 * The person who raised the concern is never asked to acknowledge their own alert.
 */
import type { Queryable } from '../db/database';
import type { AlertReason } from '../../shared/alerts/alert-schemas';

export async function firstRecipients(
  db: Queryable,
  teamId: string,
  raisedBy: string,
): Promise<{ personId: string; reason: AlertReason }[]> {
  const rows = await db.query<{ id: string; reason: AlertReason }>(
    `SELECT DISTINCT ON (id) id, reason FROM (
       SELECT p.id, 'qa_lead' AS reason, 0 AS rank FROM people p, teams t
       WHERE t.id = $1 AND p.active AND 'qa_lead' = ANY (p.roles) AND p.service_id = t.service_id
       UNION ALL
       SELECT p.id, 'team_manager' AS reason, 1 AS rank FROM team_managers tm JOIN people p ON p.id = tm.person_id
       WHERE tm.team_id = $1 AND p.active
     ) r WHERE id <> $2 ORDER BY id, rank`,
    [teamId, raisedBy],
  );
  return rows.map((r) => ({ personId: r.id, reason: r.reason }));
}

export async function headsOfService(db: Queryable, teamId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM teams t JOIN services s ON s.id = t.service_id JOIN people p ON p.id = s.head_of_service_id
     WHERE t.id = $1 AND p.active`,
    [teamId],
  );
  return rows.map((r) => r.id);
}
