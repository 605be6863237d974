/**
 * The SQL behind the admin's set-up tasks on an empty install: what they are decided from
 * (shared/organisation/set-up-tasks.ts), counted in one statement.
 */
import type { Queryable } from '../db/database';
import { PLACEHOLDER_ORGANISATION_NAME, type SetUpCounts } from '../../shared/organisation/set-up-tasks';

/** What the set-up tasks are decided from, counted in one statement. */
export async function readSetUpCounts(db: Queryable): Promise<SetUpCounts> {
  const [row] = await db.query<Record<keyof SetUpCounts, number | boolean>>(
    `SELECT
       EXISTS (SELECT 1 FROM organisation WHERE name <> $1) AS "organisationNamed",
       (SELECT count(*)::int FROM services) AS services,
       (SELECT count(*)::int FROM services s
         WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.head_of_service_id AND p.active)) AS "servicesWithoutHead",
       (SELECT count(*)::int FROM teams) AS teams,
       (SELECT count(*)::int FROM teams t
         WHERE NOT EXISTS (SELECT 1 FROM team_managers tm JOIN people p ON p.id = tm.person_id
                           WHERE tm.team_id = t.id AND p.active)) AS "teamsWithoutManager",
       (SELECT count(*)::int FROM case_types WHERE retired_at IS NULL) AS "caseTypes",
       (SELECT count(*)::int FROM case_flags WHERE retired_at IS NULL) AS "caseFlags",
       (SELECT count(*)::int FROM people WHERE active AND roles <> ARRAY['admin']::text[]) AS people,
       (SELECT count(*)::int FROM people WHERE active AND 'qa_lead' = ANY (roles)) AS "qaLeads",
       (SELECT count(*)::int FROM people WHERE active AND 'auditor' = ANY (roles)) AS auditors`,
    [PLACEHOLDER_ORGANISATION_NAME],
  );
  const number = (value: unknown): number => Number(value ?? 0);
  return {
    organisationNamed: row?.organisationNamed === true,
    services: number(row?.services),
    servicesWithoutHead: number(row?.servicesWithoutHead),
    teams: number(row?.teams),
    teamsWithoutManager: number(row?.teamsWithoutManager),
    caseTypes: number(row?.caseTypes),
    caseFlags: number(row?.caseFlags),
    people: number(row?.people),
    qaLeads: number(row?.qaLeads),
    auditors: number(row?.auditors),
  };
}
