/**
 * /api/admin/people: the admin lists, adds and edits people — name, job title, team or service,
 * roles, active — and hands out one-time set-password links. Deactivating someone ends every
 * session they had and revokes their links; Lantern always keeps one active admin. Each change
 * is logged in the same transaction, role changes as their own `person.roles-changed` row.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { appError } from '../../shared/errors/app-error';
import {
  createPersonSchema,
  updatePersonSchema,
  type AdminPerson,
  type PersonWithLink,
} from '../../shared/accounts/person-schemas';
import { requirePerson } from '../auth/require-person';
import { revokeAllSessions } from '../auth/sessions';
import { issuePasswordLink, linkAnswer, revokePasswordLinks } from '../auth/password-links';
import { logChange } from '../audit-log/log-access';
import type { Queryable } from '../db/database';
import { idParam } from './id-param';
import {
  assertEmailFree,
  checkPlacement,
  countActiveAdmins,
  findPerson,
  insertPerson,
  listPeople,
  lockPeople,
  updatePerson,
  type PersonChange,
} from './people-store';

const LAST_ADMIN = 'Lantern needs at least one active admin. Give the admin role to someone else first.';

export function peopleRoutes(deps: AppDeps) {
  const log = (
    c: Context<LanternEnv>,
    tx: Queryable,
    action: string,
    id: string,
    detail: Record<string, unknown>,
  ) => logChange(c, deps, tx, 'person', id, detail, action);

  const mustFind = async (db: Queryable, id: string): Promise<AdminPerson> => {
    const person = await findPerson(db, id);
    if (!person) throw appError('not_found', 'There is no person with that id.');
    return person;
  };

  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ people: await listPeople(deps.db) }))
    .get('/:personId', async (c) =>
      c.json({ person: await mustFind(deps.db, idParam(c, 'personId', 'person')) }),
    )
    .post('/', async (c) => {
      const admin = requirePerson(c);
      const body = await parseBody(c, createPersonSchema);
      const result = await deps.db.transaction(async (tx) => {
        await assertEmailFree(tx, body.email);
        const place = await checkPlacement(tx, body.teamId, body.serviceId);
        const id = await insertPerson(tx, { ...body, ...place });
        await log(c, tx, 'person.created', id, {
          email: body.email,
          roles: body.roles,
          agency: body.agency,
          ...place,
        });
        const link = await issuePasswordLink(tx, id, admin.id);
        await log(c, tx, 'password-link.created', id, { expiresAt: link.expiresAt });
        return { person: await mustFind(tx, id), link };
      });
      const answer: PersonWithLink = {
        person: result.person,
        passwordLink: linkAnswer(result.link),
      };
      return c.json(answer, 201);
    })
    .put('/:personId', async (c) => {
      const admin = requirePerson(c);
      const id = idParam(c, 'personId', 'person');
      const body = await parseBody(c, updatePersonSchema);
      const person = await deps.db.transaction(async (tx) => {
        await lockPeople(tx);
        const before = await mustFind(tx, id);
        const place = await checkPlacement(tx, body.teamId, body.serviceId);
        if (!body.active && id === admin.id) {
          throw appError('validation_failed', 'You cannot deactivate your own account.', [
            { path: 'active', message: 'You cannot deactivate your own account. Ask another admin.' },
          ]);
        }
        await updatePerson(tx, id, { ...body, ...place });
        if ((await countActiveAdmins(tx)) === 0) {
          throw appError('conflict', LAST_ADMIN, [
            { path: body.active ? 'roles' : 'active', message: LAST_ADMIN },
          ]);
        }
        await logUpdate(c, tx, before, { ...body, ...place });
        return mustFind(tx, id);
      });
      return c.json({ person });
    })
    .post('/:personId/password-link', async (c) => {
      const admin = requirePerson(c);
      const id = idParam(c, 'personId', 'person');
      const link = await deps.db.transaction(async (tx) => {
        const person = await mustFind(tx, id);
        if (!person.active)
          throw appError('conflict', 'Reactivate the account before making a set-password link.');
        const issued = await issuePasswordLink(tx, id, admin.id);
        await log(c, tx, 'password-link.created', id, { expiresAt: issued.expiresAt });
        return issued;
      });
      return c.json({ passwordLink: linkAnswer(link) }, 201);
    });

  /** One row per kind of change: details, roles, and activation each searchable on their own. */
  async function logUpdate(
    c: Context<LanternEnv>,
    tx: Queryable,
    before: AdminPerson,
    after: PersonChange,
  ): Promise<void> {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['name', 'jobTitle', 'teamId', 'serviceId'] as const) {
      if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
    }
    if (after.agency !== undefined && after.agency !== before.agency)
      changes.agency = { from: before.agency, to: after.agency };
    if (Object.keys(changes).length > 0) await log(c, tx, 'person.updated', before.id, { changes });
    if (before.roles.join(',') !== after.roles.join(',')) {
      await log(c, tx, 'person.roles-changed', before.id, { from: before.roles, to: after.roles });
    }
    if (before.active && !after.active) {
      const sessionsEnded = await revokeAllSessions(tx, before.id);
      await revokePasswordLinks(tx, before.id);
      await log(c, tx, 'person.deactivated', before.id, { sessionsEnded });
    } else if (!before.active && after.active) {
      await log(c, tx, 'person.reactivated', before.id, {});
    }
  }
}
