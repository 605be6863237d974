/**
 * The admin's people API: list, add with a one-time set-password link, edit details and
 * roles, deactivate (which ends their sessions) and reactivate; each bad field named; and a
 * log row for every change, role changes on their own, written in the change's transaction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client, TestApp } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { DEMO_PASSWORD } from '../demo/demo-people';
import type { AdminPerson, PersonWithLink } from '../../shared/accounts/person-schemas';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const AUDITOR = 'amara.auditor@demo.lantern.invalid';

interface LogRow {
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: Record<string, unknown>;
  ip: string;
  user_agent: string;
}

const logRows = (t: TestApp, entityId: string): Promise<LogRow[]> =>
  t.db.query<LogRow>(
    'SELECT actor_id, action, entity_type, entity_id, detail, ip, user_agent FROM audit_log WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );

let counter = 0;
const uniqueEmail = (): string => `person${++counter}-${Date.now()}@test.invalid`;

describe.each(ENGINES)('admin people on $engine', (engine) => {
  const t = useTestApp(engine);
  let admin: Client;
  let adminId: string;
  let teamA: { id: string; serviceId: string };
  beforeAll(async () => {
    admin = await t.as(ADMIN);
    const [me] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [ADMIN]);
    adminId = me?.id ?? '';
    const [team] = await t.db.query<{ id: string; service_id: string }>(
      "SELECT id, service_id FROM teams WHERE name = 'Assessment Team A'",
    );
    teamA = { id: team?.id ?? '', serviceId: team?.service_id ?? '' };
  });

  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await admin.request('/api/admin/people', {
      method: 'POST',
      json: {
        email: uniqueEmail(),
        name: 'Nia Test',
        jobTitle: 'QA auditor',
        teamId: teamA.id,
        roles: ['auditor'],
        ...overrides,
      },
      headers: { 'user-agent': 'admin-test-browser' },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as PersonWithLink;
  };

  const edit = (person: AdminPerson, changes: Record<string, unknown>, client: Client = admin) =>
    client.request(`/api/admin/people/${person.id}`, {
      method: 'PUT',
      json: {
        name: person.name,
        jobTitle: person.jobTitle,
        teamId: person.teamId,
        serviceId: person.serviceId,
        roles: person.roles,
        active: person.active,
        ...changes,
      },
    });

  it('lists people with their team, service, roles and whether they have a password', async () => {
    const response = await admin.request('/api/admin/people');
    expect(response.status).toBe(200);
    const { people } = (await response.json()) as { people: AdminPerson[] };
    expect(people.find((p) => p.email === AUDITOR)).toMatchObject({
      name: 'Amara Osei (demo)',
      teamName: 'Assessment Team A',
      serviceName: "Children's Social Care (demo)",
      roles: ['auditor'],
      active: true,
      hasPassword: true,
    });
  });

  it('adds a person with a one-time set-password link, and logs who added them, from where', async () => {
    const { person, passwordLink } = await create({
      email: '  New.Person@Council.GOV.uk ',
      serviceId: teamA.serviceId,
    });
    expect(person).toMatchObject({
      email: 'new.person@council.gov.uk',
      teamId: teamA.id,
      serviceId: teamA.serviceId,
      roles: ['auditor'],
      active: true,
      hasPassword: false,
    });
    expect(passwordLink.path).toMatch(/^\/set-password\?token=[\w-]{40,}$/);
    const hoursLeft = (Date.parse(passwordLink.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(71.9);
    expect(hoursLeft).toBeLessThanOrEqual(72);
    const rows = await logRows(t, person.id);
    expect(rows.map((r) => r.action)).toEqual(['person.created', 'password-link.created']);
    expect(rows[0]).toMatchObject({
      actor_id: adminId,
      entity_type: 'person',
      ip: '192.0.2.10',
      user_agent: 'admin-test-browser',
      detail: { email: 'new.person@council.gov.uk', roles: ['auditor'] },
    });
    const [stored] = await t.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM password_links WHERE person_id = $1',
      [person.id],
    );
    expect(stored?.token_hash).not.toContain(passwordLink.path.split('=')[1]);
  });

  it('names each bad field of a new person', async () => {
    const response = await admin.request('/api/admin/people', {
      method: 'POST',
      json: { email: 'not-an-address', name: '  ', teamId: 'team-a', roles: [] },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; fields: { path: string; message: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(Object.fromEntries(body.fields.map((f) => [f.path, f.message]))).toEqual({
      email: 'Enter an e-mail address, like name@council.gov.uk.',
      name: "Enter the person's full name.",
      teamId: 'Choose a team from the list.',
      roles: 'Choose at least one role.',
    });
  });

  it('refuses a team that does not exist, a service that is not the team’s, and an e-mail already used', async () => {
    const fieldsOf = async (json: Record<string, unknown>) => {
      const response = await admin.request('/api/admin/people', { method: 'POST', json });
      return { status: response.status, body: (await response.json()) as { fields: { path: string }[] } };
    };
    const base = { email: uniqueEmail(), name: 'X', roles: ['auditor'] };
    const noTeam = await fieldsOf({ ...base, teamId: '00000000-0000-4000-8000-000000000000' });
    expect(noTeam.body.fields.map((f) => f.path)).toEqual(['teamId']);
    const [other] = await t.db.query<{ id: string }>(
      'INSERT INTO services (id, name) VALUES (gen_random_uuid(), $1) RETURNING id',
      [`Elsewhere ${uniqueEmail()}`],
    );
    const mismatch = await fieldsOf({ ...base, teamId: teamA.id, serviceId: other?.id });
    expect(mismatch.body.fields.map((f) => f.path)).toEqual(['serviceId']);
    const taken = await fieldsOf({ ...base, email: AUDITOR.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.fields.map((f) => f.path)).toEqual(['email']);
  });

  it('edits details and roles, logging the details and the role change as separate rows', async () => {
    const { person } = await create();
    const response = await edit(person, {
      name: 'Nia Renamed',
      roles: ['moderator', 'auditor'],
      teamId: null,
    });
    expect(response.status).toBe(200);
    const { person: after } = (await response.json()) as { person: AdminPerson };
    expect(after).toMatchObject({ name: 'Nia Renamed', roles: ['auditor', 'moderator'], teamId: null });
    const rows = await logRows(t, person.id);
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r]));
    expect(byAction['person.updated']?.detail).toEqual({
      changes: { name: { from: 'Nia Test', to: 'Nia Renamed' }, teamId: { from: teamA.id, to: null } },
    });
    expect(byAction['person.roles-changed']).toMatchObject({
      actor_id: adminId,
      detail: { from: ['auditor'], to: ['auditor', 'moderator'] },
    });
    // Saving the same roles again is not a role change.
    await edit(after, { jobTitle: 'Practice lead' });
    const again = await logRows(t, person.id);
    expect(again.filter((r) => r.action === 'person.roles-changed')).toHaveLength(1);
  });

  it('deactivating ends every session and set-password link of the person; reactivating lets them back', async () => {
    const { person, passwordLink } = await create({ email: uniqueEmail() });
    await t.db.query(
      'UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE email = $1) WHERE id = $2',
      [AUDITOR, person.id],
    );
    const theirTablet = await t.as(person.email);
    const response = await edit(person, { active: false });
    expect(response.status).toBe(200);
    expect((await theirTablet.request('/api/auth/session')).status).toBe(401);
    const token = passwordLink.path.split('=')[1];
    expect(
      (await t.request('/api/auth/set-password/check', { method: 'POST', json: { token } })).status,
    ).toBe(404);
    const signIn = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: person.email, password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(401);
    const deactivated = (await logRows(t, person.id)).find((r) => r.action === 'person.deactivated');
    expect(deactivated?.detail).toEqual({ sessionsEnded: 1 });

    const back = await edit({ ...person, active: false }, { active: true });
    expect(back.status).toBe(200);
    expect((await logRows(t, person.id)).map((r) => r.action)).toContain('person.reactivated');
    expect(
      (
        await t.request('/api/auth/sign-in', {
          method: 'POST',
          json: { email: person.email, password: DEMO_PASSWORD },
        })
      ).status,
    ).toBe(200);
  });

  it('gives a new set-password link that replaces the old one, and logs it', async () => {
    const { person, passwordLink: first } = await create();
    const response = await admin.request(`/api/admin/people/${person.id}/password-link`, { method: 'POST' });
    expect(response.status).toBe(201);
    const { passwordLink: second } = (await response.json()) as PersonWithLink;
    const check = (path: string) =>
      t.request('/api/auth/set-password/check', { method: 'POST', json: { token: path.split('=')[1] } });
    expect((await check(first.path)).status).toBe(404);
    expect((await check(second.path)).status).toBe(200);
    expect((await logRows(t, person.id)).filter((r) => r.action === 'password-link.created')).toHaveLength(2);
  });

  it('does not let an admin deactivate themselves', async () => {
    const [me] = (
      (await (await admin.request('/api/admin/people')).json()) as { people: AdminPerson[] }
    ).people.filter((p) => p.email === ADMIN);
    if (!me) throw new Error('no admin');
    const response = await edit(me, { active: false });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string }[] };
    expect(body.fields.map((f) => f.path)).toEqual(['active']);
  });

  it('answers 404 for a person that does not exist, or an id that is not one', async () => {
    expect((await admin.request('/api/admin/people/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.request('/api/admin/people/not-an-id')).status).toBe(404);
  });

  it('refuses a change without the CSRF token, and changes nothing', async () => {
    const { person } = await create();
    const response = await t.request(`/api/admin/people/${person.id}`, {
      method: 'PUT',
      headers: { cookie: admin.cookie },
      json: { name: 'Forged', jobTitle: '', teamId: null, serviceId: null, roles: ['admin'], active: true },
    });
    expect(response.status).toBe(403);
    const [row] = await t.db.query<{ display_name: string; roles: string[] }>(
      'SELECT display_name, roles FROM people WHERE id = $1',
      [person.id],
    );
    expect(row).toEqual({ display_name: 'Nia Test', roles: ['auditor'] });
  });
});

describe.each(ENGINES)('the last admin on $engine', (engine) => {
  const t = useTestApp(engine);

  it('cannot lose the admin role, and the refused change leaves no log row', async () => {
    const admin = await t.as(ADMIN);
    const { people } = (await (await admin.request('/api/admin/people')).json()) as { people: AdminPerson[] };
    const me = people.find((p) => p.email === ADMIN);
    if (!me) throw new Error('no admin');
    const response = await admin.request(`/api/admin/people/${me.id}`, {
      method: 'PUT',
      json: {
        name: me.name,
        jobTitle: me.jobTitle,
        teamId: null,
        serviceId: me.serviceId,
        roles: ['qa_lead'],
        active: true,
      },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'roles',
    ]);
    const [row] = await t.db.query<{ roles: string[] }>('SELECT roles FROM people WHERE id = $1', [me.id]);
    expect(row?.roles).toEqual(['admin']);
    expect(await t.db.query("SELECT id FROM audit_log WHERE action LIKE 'person.%'")).toEqual([]);
  });
});
