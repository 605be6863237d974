/**
 * /api/admin/teams and /api/admin/services: the admin lists, adds and renames teams, names each
 * team's managers, moves a team to another service (its people move with it), and adds and
 * renames services and names their head of service. Each change is logged.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { appError } from '../../shared/errors/app-error';
import { serviceInputSchema, teamInputSchema } from '../../shared/accounts/team-schemas';
import { logChange } from '../audit-log/log-access';
import { idParam } from './id-param';
import {
  assertNameFree,
  assertServiceExists,
  createTeam,
  findService,
  findTeam,
  insertService,
  listServices,
  listTeams,
  renameService,
  setHeadOfService,
  setTeamManagers,
  updateTeam,
} from './teams-store';

export function teamsRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ teams: await listTeams(deps.db) }))
    .post('/', async (c) => {
      const body = await parseBody(c, teamInputSchema);
      const team = await deps.db.transaction(async (tx) => {
        const created = await createTeam(tx, body);
        await logChange(
          c,
          deps,
          tx,
          'team',
          created.id,
          { name: body.name, serviceId: body.serviceId, managerIds: created.managers.map((m) => m.id) },
          'team.created',
        );
        return created;
      });
      return c.json({ team }, 201);
    })
    .put('/:teamId', async (c) => {
      const id = idParam(c, 'teamId', 'team');
      const body = await parseBody(c, teamInputSchema);
      const team = await deps.db.transaction(async (tx) => {
        const before = await findTeam(tx, id);
        if (!before) throw appError('not_found', 'There is no team with that id.');
        await assertServiceExists(tx, body.serviceId);
        await assertNameFree(tx, 'teams', body.name, id);
        await updateTeam(tx, before, body);
        const changes: Record<string, { from: string; to: string }> = {};
        if (before.name !== body.name) changes.name = { from: before.name, to: body.name };
        if (before.serviceId !== body.serviceId) {
          changes.serviceId = { from: before.serviceId, to: body.serviceId };
        }
        if (Object.keys(changes).length > 0)
          await logChange(c, deps, tx, 'team', id, { changes }, 'team.updated');
        if (body.managerIds) {
          const managers = await setTeamManagers(tx, id, body.managerIds);
          if (managers.from.join() !== managers.to.join())
            await logChange(c, deps, tx, 'team', id, { managerIds: managers }, 'team.managers-changed');
        }
        return findTeam(tx, id);
      });
      return c.json({ team });
    });
}

export function servicesRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ services: await listServices(deps.db) }))
    .post('/', async (c) => {
      const body = await parseBody(c, serviceInputSchema);
      const service = await deps.db.transaction(async (tx) => {
        await assertNameFree(tx, 'services', body.name, null);
        const serviceId = await insertService(tx, body.name);
        const head = body.headOfServiceId ?? null;
        if (head) await setHeadOfService(tx, serviceId, head);
        await logChange(
          c,
          deps,
          tx,
          'service',
          serviceId,
          { name: body.name, headOfServiceId: head },
          'service.created',
        );
        return findService(tx, serviceId);
      });
      return c.json({ service }, 201);
    })
    .put('/:serviceId', async (c) => {
      const id = idParam(c, 'serviceId', 'service');
      const body = await parseBody(c, serviceInputSchema);
      const service = await deps.db.transaction(async (tx) => {
        const before = await findService(tx, id);
        if (!before) throw appError('not_found', 'There is no service with that id.');
        await assertNameFree(tx, 'services', body.name, id);
        await renameService(tx, id, body.name);
        if (before.name !== body.name)
          await logChange(
            c,
            deps,
            tx,
            'service',
            id,
            { changes: { name: { from: before.name, to: body.name } } },
            'service.updated',
          );
        if (body.headOfServiceId !== undefined) {
          const from = await setHeadOfService(tx, id, body.headOfServiceId);
          if (from !== body.headOfServiceId)
            await logChange(
              c,
              deps,
              tx,
              'service',
              id,
              { headOfServiceId: { from, to: body.headOfServiceId } },
              'service.head-changed',
            );
        }
        return findService(tx, id);
      });
      return c.json({ service });
    });
}
