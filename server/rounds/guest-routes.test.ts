/**
 * A round's guests over HTTP, on each engine: the QA lead gives a guest of the round a new
 * one-time set-password link (theirs lost or expired), which sets their password; the route gives
 * no link for someone who is not that round's guest.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { AMARA, createRound, personId, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { guestWithLinkSchema } from '../../shared/accounts/guest-schemas';

describe.each(ENGINES)('a guest’s new set-password link on $engine', (engine) => {
  const t = useTestApp(engine);
  const qa = useSignedIn(t, QA_LEAD);

  it('gives the round’s guest a new link that sets their password, and nobody else one', async () => {
    const [days] = await t.db.query<{ start: string; end: string }>(
      `SELECT ((now() AT TIME ZONE 'Europe/London')::date - 1)::text AS start,
              ((now() AT TIME ZONE 'Europe/London')::date + 5)::text AS end`,
    );
    const round = await createRound(qa, { startDate: days?.start, endDate: days?.end, dueDate: days?.end });
    const other = await createRound(qa, { startDate: days?.start, endDate: days?.end, dueDate: days?.end });
    const added = await qa.request(`/api/rounds/${round.id}/guests`, {
      method: 'POST',
      json: {
        name: 'Sam Guest',
        email: `sam.guest.${randomUUID().slice(0, 8)}@westshire.invalid`,
        organisation: 'Westshire County Council',
        agency: 'health',
        lastDay: days?.end,
        roles: ['auditor'],
      },
    });
    expect(added.status).toBe(201);
    const guestId = guestWithLinkSchema.parse(await added.json()).person.id;

    const fresh = await qa.request(`/api/rounds/${round.id}/guests/${guestId}/password-link`, {
      method: 'POST',
    });
    expect(fresh.status).toBe(201);
    const { passwordLink } = (await fresh.json()) as { passwordLink: { path: string } };
    const token = passwordLink.path.split('token=')[1] ?? '';
    const set = await t.request('/api/auth/set-password', {
      method: 'POST',
      json: {
        token,
        password: 'a-long-guest-passphrase-2026',
        confirmPassword: 'a-long-guest-passphrase-2026',
      },
    });
    expect(set.status).toBe(200);

    for (const [roundId, id] of [
      [other.id, guestId],
      [round.id, await personId(t, AMARA)],
    ] as const) {
      const refused = await qa.request(`/api/rounds/${roundId}/guests/${id}/password-link`, {
        method: 'POST',
      });
      expect(refused.status).toBe(404);
    }
  });
});
