/**
 * Outside people: a guest moderator from a neighbouring council, added by the QA lead
 * to one round, sees exactly the five audits sampled to them and nothing else — walked over
 * every GET route in the access rules, with their own records and with everyone else's — every
 * request they make is in the audit log, and the day after the round's end they are refused:
 * their session stops working and they cannot sign in again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { ACCESS_RULES } from './access-rules';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { guestWithLinkSchema } from '../../shared/accounts/guest-schemas';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';

describe.each(ENGINES)('a guest moderator from another council on $engine', (engine) => {
  const t = useTestApp(engine, {}, 300_000);
  let qa: Client;
  let guest: Client;
  let guestId: string;
  let roundId: string;
  const email = `noor.guest.${randomUUID().slice(0, 8)}@northshire.invalid`;
  const sampled: { moderationId: string; auditId: string; reference: string }[] = [];

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    // A round of the QA lead's service, running from a week ago to ten days from now (London).
    const [round] = await t.db.query<{ id: string }>(
      `SELECT r.id FROM rounds r JOIN people p ON p.service_id = r.service_id WHERE p.email = $1
       ORDER BY r.start_date DESC LIMIT 1`,
      [QA_LEAD],
    );
    roundId = round!.id;
    await t.db.query(
      `UPDATE rounds SET start_date = (now() AT TIME ZONE 'Europe/London')::date - 7,
         end_date = (now() AT TIME ZONE 'Europe/London')::date + 10 WHERE id = $1`,
      [roundId],
    );
  }, 300_000);

  it('is added by the QA lead for the round, with a set-password link, and refused a last day after the round', async () => {
    const [{ end } = { end: '' }] = await t.db.query<{ end: string }>(
      'SELECT end_date::text AS end FROM rounds WHERE id = $1',
      [roundId],
    );
    const body = {
      name: 'Noor Haddad',
      email,
      organisation: 'Northshire County Council',
      agency: 'social_care',
      lastDay: end,
      roles: ['moderator'],
    };
    const late = await qa.request(`/api/rounds/${roundId}/guests`, {
      method: 'POST',
      json: { ...body, lastDay: '2099-01-01' },
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('lastDay');

    const added = await qa.request(`/api/rounds/${roundId}/guests`, { method: 'POST', json: body });
    expect(added.status).toBe(201);
    const { person, passwordLink } = guestWithLinkSchema.parse(await added.json());
    expect(person).toMatchObject({ roles: ['moderator'], organisation: 'Northshire County Council' });
    expect(person.guest).toMatchObject({ roundId, lastDay: end });
    expect(passwordLink.path).toMatch(/^\/set-password\?token=/);
    guestId = person.id;
    const token = passwordLink.path.split('token=')[1] ?? '';
    const chosen = await t.request('/api/auth/set-password', {
      method: 'POST',
      json: { token, password: DEMO_PASSWORD },
    });
    // The demo password may be refused as too weak; then the test gives the guest its hash.
    if (chosen.status !== 200)
      await t.db.query(
        `UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE email = $2) WHERE id = $1`,
        [guestId, QA_LEAD],
      );

    // Five submitted audits of the service are sampled to the guest for moderation.
    const audits = await t.db.query<{ id: string; reference: string }>(
      `SELECT a.id, c.reference FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams tm ON tm.id = a.team_id
       JOIN rounds r ON r.service_id = tm.service_id
       WHERE r.id = $1 AND a.status = 'submitted' AND NOT a.deleted
         AND NOT EXISTS (SELECT 1 FROM moderations m WHERE m.audit_id = a.id)
       ORDER BY a.id LIMIT 5`,
      [roundId],
    );
    expect(audits).toHaveLength(5);
    for (const audit of audits) {
      const moderationId = randomUUID();
      await t.db.query(
        `INSERT INTO moderations (id, audit_id, round_id, moderator_id, sampled_by) VALUES ($1, $2, $3, $4,
           (SELECT id FROM people WHERE email = $5))`,
        [moderationId, audit.id, roundId, guestId, QA_LEAD],
      );
      sampled.push({ moderationId, auditId: audit.id, reference: audit.reference });
    }
    guest = await t.as(email);
  }, 300_000);

  it('sees exactly the five audits sampled to them and nothing else, on every route', async () => {
    const allAudits = await t.db.query<{ id: string; reference: string }>(
      'SELECT a.id, c.reference FROM audits a JOIN cases c ON c.id = a.case_id',
    );
    const allModerations = await t.db.query<{ id: string }>('SELECT id FROM moderations');
    const allowed = new Set(sampled.flatMap((s) => [s.auditId, s.moderationId, s.reference]));
    const secrets = [
      ...allAudits.flatMap((a) => [a.id, a.reference]),
      ...allModerations.map((m) => m.id),
    ].filter((x) => !allowed.has(x));
    const [other] = allAudits.filter((a) => !allowed.has(a.id));
    const [otherModeration] = allModerations.filter((m) => !allowed.has(m.id));
    const [anyRow] = await t.db.query<Record<string, string>>(
      `SELECT (SELECT id::text FROM plans LIMIT 1) AS plan, (SELECT id::text FROM teams LIMIT 1) AS team,
              (SELECT id::text FROM alerts LIMIT 1) AS alert, (SELECT id::text FROM allocations LIMIT 1) AS allocation,
              (SELECT id::text FROM cases LIMIT 1) AS "case", (SELECT id::text FROM services LIMIT 1) AS service`,
    );
    // Everyone else's records in every parameter.
    const othersValue = (param: string): string => {
      if (param === 'auditId') return other!.id;
      if (param === 'moderationId') return otherModeration!.id;
      if (param === 'roundId') return roundId;
      const kind = param.replace(/Id$/, '');
      return anyRow?.[kind] ?? randomUUID();
    };
    const gets = Object.keys(ACCESS_RULES)
      .filter((key) => key.startsWith('GET '))
      .map((key) => key.slice(4));
    const leaks: string[] = [];
    for (const route of gets) {
      const path = route.replace(/:([A-Za-z]+)(\{[^}]*\})?\??/g, (_, param: string) => othersValue(param));
      const response = await guest.request(path);
      const text = await response.text();
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${route}: ${secret}`);
      if (/:(auditId|moderationId)/.test(route))
        expect([403, 404], `${route} with someone else's record`).toContain(response.status);
    }
    expect(leaks).toEqual([]);

    // Their own: the moderation list holds exactly the five, and each opens.
    const list = await (await guest.request('/api/moderation')).text();
    for (const s of sampled) expect(list).toContain(s.moderationId);
    for (const s of sampled)
      expect((await guest.request(`/api/moderation/${s.moderationId}`)).status).toBe(200);
    // As a moderator of the round, not its QA lead: the round itself is not theirs to read.
    expect([403, 404]).toContain((await guest.request(`/api/rounds/${roundId}`)).status);
  }, 600_000);

  it('has every request in the audit log', async () => {
    await guest.request(`/api/moderation/${sampled[0]!.moderationId}`);
    const rows = await t.db.query<{ detail: { path: string; status: number } }>(
      "SELECT detail FROM audit_log WHERE actor_id = $1 AND action = 'guest.request' ORDER BY id",
      [guestId],
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.at(-1)?.detail).toMatchObject({
      path: `/api/moderation/${sampled[0]!.moderationId}`,
      status: 200,
    });
    expect(rows.some((r) => r.detail.status === 403)).toBe(true);
  });

  it('is refused the day after the round ends: the session stops working and sign-in fails', async () => {
    expect((await guest.request('/api/auth/session')).status).toBe(200);
    // The round ended yesterday (London): today is the day after its end date.
    await t.db.query(
      `UPDATE rounds SET start_date = least(start_date, (now() AT TIME ZONE 'Europe/London')::date - 1),
         end_date = (now() AT TIME ZONE 'Europe/London')::date - 1 WHERE id = $1`,
      [roundId],
    );
    expect((await guest.request('/api/auth/session')).status).toBe(401);
    expect((await guest.request('/api/moderation')).status).toBe(401);
    await expect(t.as(email)).rejects.toThrow(/401/);
    // The QA lead is not a guest: the round's end changes nothing for them.
    expect((await qa.request('/api/auth/session')).status).toBe(200);
  });
});
