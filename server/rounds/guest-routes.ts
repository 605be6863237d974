/**
 * /api/rounds/:roundId/guests — people from outside the council taking part in one round
 * (server/auth/guest-access.ts). An admin or the round's QA lead adds a guest (name, e-mail,
 * organisation, agency, last day, auditor and/or moderator) and gets their one-time
 * set-password link; the guest is placed in the round's service, so they can be allocated its
 * cases or sampled its audits, and reach nothing else. Lists the round's guests, and gives a
 * guest a new one-time link.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { assertEmailFree, findPerson, listPeople } from '../admin/people-store';
import { findRoundGuest, guestRound, insertGuest } from './guest-store';
import { issuePasswordLink, linkAnswer } from '../auth/password-links';
import { appError } from '../../shared/errors/app-error';
import { createGuestSchema, type GuestWithLink } from '../../shared/accounts/guest-schemas';

export function guestRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/:roundId/guests', async (c) => {
      const roundId = idParam(c, 'roundId', 'round');
      const people = await listPeople(deps.db);
      return c.json({ guests: people.filter((p) => p.guest?.roundId === roundId) });
    })
    .post('/:roundId/guests', async (c) => {
      const by = requirePerson(c);
      const roundId = idParam(c, 'roundId', 'round');
      const body = await parseBody(c, createGuestSchema);
      const result = await deps.db.transaction(async (tx) => {
        const round = await guestRound(tx, roundId);
        if (!round) throw appError('not_found', 'There is no round with that id.');
        if (!round.service_id)
          throw appError(
            'conflict',
            'This round belongs to no service, so a guest could reach nothing in it.',
          );
        if (body.lastDay < round.today || body.lastDay > round.end_date)
          throw appError('validation_failed', 'Some fields need correcting.', [
            {
              path: 'lastDay',
              message: `Choose a last day from today (${round.today}) to the round's end (${round.end_date}).`,
            },
          ]);
        await assertEmailFree(tx, body.email);
        const id = crypto.randomUUID();
        await insertGuest(tx, { ...body, id, serviceId: round.service_id, roundId });
        await logChange(
          c,
          deps,
          tx,
          'person',
          id,
          {
            roundId,
            email: body.email,
            organisation: body.organisation,
            agency: body.agency,
            roles: body.roles,
            lastDay: body.lastDay,
          },
          'guest.created',
        );
        const link = await issuePasswordLink(tx, id, by.id);
        await logChange(c, deps, tx, 'person', id, { expiresAt: link.expiresAt }, 'password-link.created');
        const person = await findPerson(tx, id);
        if (!person) throw appError('internal', 'The guest could not be added.');
        return { person, link };
      });
      const answer: GuestWithLink = {
        person: result.person,
        passwordLink: linkAnswer(result.link),
      };
      return c.json(answer, 201);
    })
    .post('/:roundId/guests/:personId/password-link', async (c) => {
      // A new one-time link for a guest of this round (theirs was lost or has expired); the
      // earlier links stop working when this one is used, as every set-password link does.
      const by = requirePerson(c);
      const roundId = idParam(c, 'roundId', 'round');
      const personId = idParam(c, 'personId', 'person');
      const link = await deps.db.transaction(async (tx) => {
        const guest = await findRoundGuest(tx, roundId, personId);
        if (!guest) throw appError('not_found', 'There is no guest of this round with that id.');
        if (!guest.active)
          throw appError('conflict', 'This guest’s account is not active, so a link would not let them in.');
        const issued = await issuePasswordLink(tx, personId, by.id);
        await logChange(
          c,
          deps,
          tx,
          'person',
          personId,
          { expiresAt: issued.expiresAt },
          'password-link.created',
        );
        return issued;
      });
      return c.json({ passwordLink: linkAnswer(link) }, 201);
    });
}
