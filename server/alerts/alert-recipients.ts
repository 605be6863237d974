/**
 * Who an alert goes to (PRODUCT.md: "notifies the QA lead and the case's team"), decided in
 * one place:
 * - QA leads: active people with the QA lead role in the case's service, or with no service
 *   (organisation-wide);
 * - the case's team manager(s): active people in the case's team who hold the manager or QA
 *   lead role, or whose job title begins "Team manager" (Lantern has no team-manager role;
 *   team managers usually hold the auditor role and their title says what they are);
 * - on escalation, the head of service: active managers of the case's service whose job title
 *   mentions "head of service", or, when none does, every active manager of that service.
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
       WHERE t.id = $1 AND p.active AND 'qa_lead' = ANY (p.roles) AND (p.service_id = t.service_id OR p.service_id IS NULL)
       UNION ALL
       SELECT p.id, 'team_manager' AS reason, 1 AS rank FROM people p
       WHERE p.team_id = $1 AND p.active
         AND (p.roles && ARRAY['manager', 'qa_lead']::text[] OR p.job_title ILIKE 'team manager%')
     ) r WHERE id <> $2 ORDER BY id, rank`,
    [teamId, raisedBy],
  );
  return rows.map((r) => ({ personId: r.id, reason: r.reason }));
}

export async function headsOfService(db: Queryable, teamId: string): Promise<string[]> {
  const rows = await db.query<{ id: string; titled: boolean }>(
    `SELECT p.id, p.job_title ILIKE '%head of service%' AS titled FROM people p JOIN teams t ON t.service_id = p.service_id
     WHERE t.id = $1 AND p.active AND 'manager' = ANY (p.roles)`,
    [teamId],
  );
  const titled = rows.filter((r) => r.titled);
  return (titled.length > 0 ? titled : rows).map((r) => r.id);
}
