/**
 * The guests store: a round's people from outside the council, adding one (the answer carries
 * their one-time link), a fresh link, and joint audits — withdrawing a lead names the further
 * auditors it took with it.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useQaGuestsStore } from './qa-guests-store';

const server = withFakeApi();
const ROUND = '0f8e9a52-1b3c-4c7d-8e9f-0a1b2c3d4e5f';
const AUDITOR = '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c';

const guest = {
  id: 'g1',
  email: 'gwen.guest@demo.lantern.invalid',
  name: 'Gwen Guest',
  jobTitle: 'Named nurse',
  teamId: null,
  teamName: null,
  serviceId: 's1',
  serviceName: 'Children’s services',
  roles: ['auditor' as const],
  active: true,
  hasPassword: false,
  lastSignInAt: null,
  agency: 'health' as const,
  organisation: 'City NHS Trust',
  guest: { roundId: ROUND, roundName: 'December practice week', lastDay: '2026-12-18' },
};
const link = { path: '/set-password?token=abc', expiresAt: '2026-12-12T09:00:00Z' };

describe('guests store', () => {
  it('adds a guest for the round only and hands back their one-time link', async () => {
    server().answer('POST /api/rounds/:roundId/guests', { person: guest, passwordLink: link }, 201);
    const added = await useQaGuestsStore().addGuest(ROUND, {
      name: 'Gwen Guest',
      email: 'gwen.guest@demo.lantern.invalid',
      organisation: 'City NHS Trust',
      agency: 'health',
      lastDay: '2026-12-18',
      roles: ['auditor'],
    });
    expect(added.passwordLink.path).toBe('/set-password?token=abc');
    expect(server().calls[0]?.path).toBe(`/api/rounds/${ROUND}/guests`);
  });

  it('lists the round’s guests and makes a fresh link for one', async () => {
    server().answer('GET /api/rounds/:roundId/guests', { guests: [guest] });
    server().answer('POST /api/rounds/:roundId/guests/:personId/password-link', { passwordLink: link }, 201);
    const store = useQaGuestsStore();
    expect((await store.guests(ROUND)).map((g) => g.organisation)).toEqual(['City NHS Trust']);
    expect(await store.newLink(ROUND, 'g1')).toEqual(link);
  });

  it('joins a further auditor to an allocated case, and withdrawing the lead names who went with it', async () => {
    server().answer(
      'POST /api/allocations/:allocationId/joint',
      { allocationId: 'al2', auditId: 'au2' },
      201,
    );
    server().answer('POST /api/allocations/:allocationId/withdraw', {
      withdrawn: true,
      jointWithdrawn: ['Gwen Guest'],
    });
    const store = useQaGuestsStore();
    expect(await store.addJointAuditor('al1', AUDITOR)).toEqual({ allocationId: 'al2', auditId: 'au2' });
    expect(await store.withdraw('al1')).toEqual(['Gwen Guest']);
    expect(server().calls[0]?.body).toEqual({ auditorId: AUDITOR });
  });
});
