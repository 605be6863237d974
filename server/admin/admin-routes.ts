/**
 * /api/admin: people, teams, services, case types, case flags and roles, for admins (QA leads
 * and managers may read the case types and flags for their filters; see
 * server/auth/access-rules.ts). Nothing here reads audit content.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../shared/accounts/roles';
import type { AdminRole } from '../../shared/accounts/team-schemas';
import { peopleRoutes } from './people-routes';
import { peopleImportRoutes } from '../imports/people-import-routes';
import { mailFromEnv } from '../auth/password-link-emails';
import { servicesRoutes, teamsRoutes } from './teams-routes';
import { caseLabelsRoutes } from './case-labels-routes';
import { listSetUpProblems } from './set-up-problems';
import { dataScope } from '../auth/service-scope';
import { organisationNameRoutes, setUpTasksRoutes } from './set-up-tasks';
import { activePeopleByRole } from './people-store';

export function adminRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .route('/people', peopleRoutes(deps))
    .route('/teams', teamsRoutes(deps))
    .route('/services', servicesRoutes(deps))
    .route(
      '/people-imports',
      peopleImportRoutes(deps, deps.mail === undefined ? mailFromEnv(process.env) : deps.mail),
    )
    .route('/case-types', caseLabelsRoutes(deps, 'case-types'))
    .route('/case-flags', caseLabelsRoutes(deps, 'case-flags'))
    .route('/set-up-tasks', setUpTasksRoutes(deps))
    .route('/organisation', organisationNameRoutes(deps))
    .get('/set-up-problems', async (c) =>
      c.json({ problems: await listSetUpProblems(deps.db, dataScope(c)) }),
    )
    .get('/roles', async (c) => {
      const counts = await activePeopleByRole(deps.db);
      const roles: AdminRole[] = ROLES.map((role) => ({
        role,
        label: ROLE_LABELS[role],
        description: ROLE_DESCRIPTIONS[role],
        people: counts.get(role) ?? 0,
      }));
      return c.json({ roles });
    });
}
