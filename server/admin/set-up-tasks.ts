/**
 * GET /api/admin/set-up-tasks: what the admin's task list on an empty install is decided from
 * (shared/organisation/set-up-tasks.ts), counted by set-up-store.ts. PUT
 * /api/admin/organisation: the council's own name in place of the placeholder an empty install
 * starts with, logged.
 * Admins only: these are the organisation's set-up, not audit data.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { logChange } from '../audit-log/log-access';
import { organisationNameInputSchema, setUpTasks } from '../../shared/organisation/set-up-tasks';
import { readSetUpCounts } from './set-up-store';
import { insertOrganisation, lockOrganisation, renameOrganisation } from '../organisation/organisation-store';

export function setUpTasksRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) =>
    c.json({ tasks: setUpTasks(await readSetUpCounts(deps.db)) }),
  );
}

export function organisationNameRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().put('/', async (c) => {
    const body = await parseBody(c, organisationNameInputSchema);
    const name = await deps.db.transaction(async (tx) => {
      const org = await lockOrganisation(tx);
      if (!org) {
        const createdId = await insertOrganisation(tx, body.name);
        await logChange(c, deps, tx, 'organisation', createdId, { name: body.name }, 'organisation.renamed');
        return body.name;
      }
      if (org.name !== body.name) {
        await renameOrganisation(tx, org.id, body.name);
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
