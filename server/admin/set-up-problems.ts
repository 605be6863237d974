/**
 * GET /api/admin/set-up-problems: teams with no active named team manager and services with no
 * active head of service (shared/organisation/set-up-problems.ts), for the admin (the organisation)
 * and QA leads (their own service: another service's teams are not theirs to see).
 */
import type { Queryable } from '../db/database';
import { inScope, ORGANISATION_SCOPE, type DataScope } from '../auth/service-scope';
import type { SetUpProblem } from '../../shared/organisation/set-up-problems';

export async function listSetUpProblems(
  db: Queryable,
  scope: DataScope = ORGANISATION_SCOPE,
): Promise<SetUpProblem[]> {
  const teamParams: unknown[] = [];
  const teamScope = inScope(scope, { team: 't.id' }, teamParams);
  const teams = await db.query<{ id: string; name: string; service_name: string }>(
    `SELECT t.id, t.name, s.name AS service_name FROM teams t JOIN services s ON s.id = t.service_id
     WHERE NOT EXISTS (SELECT 1 FROM team_managers tm JOIN people p ON p.id = tm.person_id
                       WHERE tm.team_id = t.id AND p.active)
       AND ${teamScope}
     ORDER BY lower(s.name), lower(t.name)`,
    teamParams,
  );
  const serviceParams: unknown[] = [];
  const serviceScope = inScope(scope, { service: 's.id' }, serviceParams);
  const services = await db.query<{ id: string; name: string }>(
    `SELECT s.id, s.name FROM services s
     WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.head_of_service_id AND p.active)
       AND ${serviceScope}
     ORDER BY lower(s.name)`,
    serviceParams,
  );
  return [
    ...services.map((s): SetUpProblem => ({
      kind: 'service-without-head',
      serviceId: s.id,
      serviceName: s.name,
    })),
    ...teams.map((t): SetUpProblem => ({
      kind: 'team-without-manager',
      teamId: t.id,
      teamName: t.name,
      serviceName: t.service_name,
    })),
  ];
}
