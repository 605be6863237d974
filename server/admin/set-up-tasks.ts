/**
 * GET /api/admin/set-up-tasks: what the admin's task list on an empty install is decided from
 * (shared/organisation/set-up-tasks.ts), counted in one statement. PUT /api/admin/organisation:
 * the council's own name in place of the placeholder an empty install starts with, logged.
 * Admins only: these are the organisation's set-up, not audit data.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import { parseBody } from '../http/parse-body';
import { logChange } from '../audit-log/log-access';
import {
  organisationNameInputSchema,
  PLACEHOLDER_ORGANISATION_NAME,
  setUpTasks,
  type SetUpCounts,
} from '../../shared/organisation/set-up-tasks';

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

export function setUpTasksRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) =>
    c.json({ tasks: setUpTasks(await readSetUpCounts(deps.db)) }),
  );
}

export function organisationNameRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().put('/', async (c) => {
    const body = await parseBody(c, organisationNameInputSchema);
    const name = await deps.db.transaction(async (tx) => {
      const [org] = await tx.query<{ id: string; name: string }>(
        'SELECT id, name FROM organisation ORDER BY created_at LIMIT 1 FOR UPDATE',
      );
      if (!org) {
        const [created] = await tx.query<{ id: string }>(
          'INSERT INTO organisation (id, name, is_demo) VALUES (gen_random_uuid(), $1, false) RETURNING id',
          [body.name],
        );
        await logChange(
          c,
          deps,
          tx,
          'organisation',
          created?.id ?? '',
          { name: body.name },
          'organisation.renamed',
        );
        return body.name;
      }
      if (org.name !== body.name) {
        await tx.query('UPDATE organisation SET name = $2 WHERE id = $1', [org.id, body.name]);
        await logChange(
          c,
          deps,
          tx,
          'organisation',
          org.id,
          { changes: { name: { from: org.name, to: body.name } } },
          'organisation.renamed',
        );
      }
      return body.name;
    });
    return c.json({ name });
  });
}
