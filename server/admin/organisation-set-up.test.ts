/**
 * The organisation as an admin sets it up, on each engine: case types and case flags (add,
 * rename, retire, bring back; the key never changes, so history stays), teams with named team
 * managers, services with a named head of service, the set-up problems the admin and QA lead
 * see, and who a safeguarding alert goes to (named people only, never a job title). Every
 * change is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { answerJson } from '../../tests/support/answer-json';
import type { Client } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import type { AdminService, AdminTeam } from '../../shared/accounts/team-schemas';
import type { CaseLabel } from '../../shared/organisation/case-label-schemas';
import type { SetUpProblem } from '../../shared/organisation/set-up-problems';
import { firstRecipients, headsOfService } from '../alerts/alert-recipients';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const AUDITOR = 'ben.auditor@demo.lantern.invalid';

let counter = 0;
const unique = (name: string): string => `${name} ${++counter}${Date.now() % 100_000}`;

describe.each(ENGINES)('setting up the organisation on $engine', (engine) => {
  const t = useTestApp(engine);
  const admin = useSignedIn(t, ADMIN);

  const actions = async (entityId: string) =>
    (
      await t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [
        entityId,
      ])
    ).map((r) => r.action);
  /** A person made straight in the database, so each test has its own. */
  const person = async (jobTitle = 'Social worker', teamId: string | null = null, active = true) => {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO people (id, email, display_name, job_title, team_id, roles, active)
       VALUES ($1, $2, $3, $4, $5, '{auditor}', $6)`,
      [id, `p-${id.slice(0, 8)}@test.invalid`, `Person ${id.slice(0, 4)}`, jobTitle, teamId, active],
    );
    return id;
  };
  const addService = async (headOfServiceId: string | null = null) =>
    (
      await answerJson<{ service: AdminService }>(
        await admin.request('/api/admin/services', {
          method: 'POST',
          json: { name: unique('Early Help'), headOfServiceId },
        }),
        201,
      )
    ).service;
  const addTeam = async (serviceId: string, managerIds: string[] = []) =>
    (
      await answerJson<{ team: AdminTeam }>(
        await admin.request('/api/admin/teams', {
          method: 'POST',
          json: { name: unique('Locality'), serviceId, managerIds },
        }),
        201,
      )
    ).team;

  it('built the demo through the same set-up: named team managers, heads of service, flags and opened dates on cases', async () => {
    const teams = (await answerJson<{ teams: AdminTeam[] }>(await admin.request('/api/admin/teams'), 200))
      .teams;
    expect(teams.find((team) => team.name === 'Assessment Team A')?.managers.map((m) => m.name)).toEqual([
      'Amara Osei (demo)',
    ]);
    const services = (
      await answerJson<{ services: AdminService[] }>(await admin.request('/api/admin/services'), 200)
    ).services;
    for (const service of services.filter((s) => s.name.endsWith('(demo)')))
      expect(service.headOfService, service.name).not.toBeNull();
    const flags = (
      await answerJson<{ items: CaseLabel[] }>(await admin.request('/api/admin/case-flags'), 200)
    ).items;
    expect(flags.find((f) => f.key === 'at-risk-of-exploitation')?.cases).toBeGreaterThan(0);
    const [cases] = await t.db.query<{ undated: number }>(
      'SELECT count(*) FILTER (WHERE opened_on IS NULL) AS undated FROM cases',
    );
    expect(cases?.undated).toBe(0);
  });

  describe.each(['case-types', 'case-flags'] as const)('%s', (kind) => {
    const entity = kind === 'case-types' ? 'case-type' : 'case-flag';
    const add = (label: string) => admin.request(`/api/admin/${kind}`, { method: 'POST', json: { label } });
    const update = (key: string, body: unknown) =>
      admin.request(`/api/admin/${kind}/${key}`, { method: 'PUT', json: body });
    const list = async (client: Client = admin) =>
      (await answerJson<{ items: CaseLabel[] }>(await client.request(`/api/admin/${kind}`), 200)).items;

    it('adds one with a key made from its name, renames it without changing the key, retires and brings it back', async () => {
      const label = unique('At risk of exploitation');
      const { item } = await answerJson<{ item: CaseLabel }>(await add(`  ${label}  `), 201);
      expect(item).toEqual({
        key: label.toLowerCase().replace(/ /g, '-'),
        label,
        retired: false,
        cases: 0,
      });
      const renamed = `${label} (CE)`;
      expect(
        (
          await answerJson<{ item: CaseLabel }>(
            await update(item.key, { label: renamed, retired: false }),
            200,
          )
        ).item,
      ).toMatchObject({ key: item.key, label: renamed, retired: false });
      await answerJson(await update(item.key, { label: renamed, retired: true }), 200);
      expect((await list()).find((x) => x.key === item.key)).toMatchObject({ label: renamed, retired: true });
      await answerJson(await update(item.key, { label: renamed, retired: false }), 200);
      expect(await actions(item.key)).toEqual([
        `${entity}.created`,
        `${entity}.renamed`,
        `${entity}.retired`,
        `${entity}.reinstated`,
      ]);
    });

    it('refuses a name already used, in any case, naming the field; and an empty name', async () => {
      const label = unique('Care leaver');
      await answerJson(await add(label), 201);
      const taken = await answerJson<{ code: string; fields: { path: string; message: string }[] }>(
        await add(label.toUpperCase()),
        409,
      );
      expect(taken.fields).toEqual([{ path: 'label', message: expect.stringContaining('already') }]);
      const empty = await answerJson<{ fields: { path: string }[] }>(await add('   '), 400);
      expect(empty.fields.map((f) => f.path)).toEqual(['label']);
      expect((await update('no-such-key', { label: 'x', retired: false })).status).toBe(404);
    });

    it('never reuses a retired key for a new name, and lets QA leads read the list but not change it', async () => {
      const label = unique('Disabled child');
      const first = (await answerJson<{ item: CaseLabel }>(await add(label), 201)).item;
      await answerJson(await update(first.key, { label: `${label} old`, retired: true }), 200);
      const second = (await answerJson<{ item: CaseLabel }>(await add(label), 201)).item;
      expect(second.key).toBe(`${first.key}-2`);
      const qa = await t.as(QA_LEAD);
      expect((await list(qa)).map((x) => x.key)).toContain(second.key);
      expect((await qa.request(`/api/admin/${kind}`, { method: 'POST', json: { label: 'x' } })).status).toBe(
        403,
      );
      expect((await (await t.as(AUDITOR)).request(`/api/admin/${kind}`)).status).toBe(403);
    });
  });

  it('keeps a retired case type on the cases and audits that carry it, counted on the list', async () => {
    const [row] = await t.db.query<{ case_type: string; n: number }>(
      'SELECT case_type, count(*) AS n FROM cases GROUP BY case_type ORDER BY case_type LIMIT 1',
    );
    const response = await admin.request(`/api/admin/case-types/${row!.case_type}`, {
      method: 'PUT',
      json: { label: 'Assessment (retired)', retired: true },
    });
    const { item } = await answerJson<{ item: CaseLabel }>(response, 200);
    expect(item).toMatchObject({ key: row!.case_type, retired: true, cases: row!.n });
    const [audits] = await t.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM audits WHERE case_type = $1',
      [row!.case_type],
    );
    expect(audits!.n).toBeGreaterThan(0);
    // Bring it back for the other tests of this file.
    await answerJson(
      await admin.request(`/api/admin/case-types/${row!.case_type}`, {
        method: 'PUT',
        json: { label: 'Assessment', retired: false },
      }),
      200,
    );
  });

  it('adds a team with named managers, changes them, and logs each change', async () => {
    const service = await addService();
    const [a, b] = [await person(), await person()];
    const team = await addTeam(service.id, [a, a]);
    expect(team.managers.map((m) => m.id)).toEqual([a]);
    const changed = await answerJson<{ team: AdminTeam }>(
      await admin.request(`/api/admin/teams/${team.id}`, {
        method: 'PUT',
        json: { name: team.name, serviceId: service.id, managerIds: [b, a] },
      }),
      200,
    );
    expect(changed.team.managers.map((m) => m.id).sort()).toEqual([a, b].sort());
    // A rename that does not send managerIds keeps them.
    const renamed = await answerJson<{ team: AdminTeam }>(
      await admin.request(`/api/admin/teams/${team.id}`, {
        method: 'PUT',
        json: { name: `${team.name} North`, serviceId: service.id },
      }),
      200,
    );
    expect(renamed.team.managers).toHaveLength(2);
    expect(await actions(team.id)).toEqual(['team.created', 'team.managers-changed', 'team.updated']);
  });

  it('refuses a manager who is not a person or is deactivated, naming the entry, and writes nothing', async () => {
    const service = await addService();
    const gone = await person('Team manager', null, false);
    const name = unique('Locality');
    const refused = await answerJson<{ fields: { path: string; message: string }[] }>(
      await admin.request('/api/admin/teams', {
        method: 'POST',
        json: { name, serviceId: service.id, managerIds: [await person(), gone] },
      }),
      400,
    );
    expect(refused.fields).toEqual([
      { path: 'managerIds.1', message: expect.stringContaining('deactivated') },
    ]);
    expect(await t.db.query('SELECT id FROM teams WHERE name = $1', [name])).toEqual([]);
    const unknown = await answerJson<{ fields: { path: string }[] }>(
      await admin.request('/api/admin/teams', {
        method: 'POST',
        json: { name, serviceId: service.id, managerIds: [randomUUID()] },
      }),
      400,
    );
    expect(unknown.fields.map((f) => f.path)).toEqual(['managerIds.0']);
  });

  it('names and changes a service’s head of service, and renames the service, each logged', async () => {
    const [head, next] = [await person('Head of service'), await person()];
    const service = await addService(head);
    expect(service.headOfService?.id).toBe(head);
    const updated = await answerJson<{ service: AdminService }>(
      await admin.request(`/api/admin/services/${service.id}`, {
        method: 'PUT',
        json: { name: `${service.name} and Prevention`, headOfServiceId: next },
      }),
      200,
    );
    expect(updated.service).toMatchObject({
      name: `${service.name} and Prevention`,
      headOfService: { id: next },
    });
    expect(await actions(service.id)).toEqual(['service.created', 'service.updated', 'service.head-changed']);
  });

  it('shows a team without a manager and a service without a head as set-up problems, to the admin and QA lead', async () => {
    const service = await addService();
    const team = await addTeam(service.id);
    const managed = await addTeam(service.id, [await person()]);
    const read = async (client: Client) =>
      (
        await answerJson<{ problems: SetUpProblem[] }>(
          await client.request('/api/admin/set-up-problems'),
          200,
        )
      ).problems;
    const problems = await read(admin);
    expect(problems).toContainEqual({
      kind: 'service-without-head',
      serviceId: service.id,
      serviceName: service.name,
    });
    expect(problems).toContainEqual({
      kind: 'team-without-manager',
      teamId: team.id,
      teamName: team.name,
      serviceName: service.name,
    });
    expect(problems.some((p) => p.kind === 'team-without-manager' && p.teamId === managed.id)).toBe(false);
    // A QA lead sees their own service's set-up only; the service added here is another one.
    const [qaService] = await t.db.query<{ name: string }>(
      'SELECT s.name FROM people p JOIN services s ON s.id = p.service_id WHERE p.email = $1',
      [QA_LEAD],
    );
    const qaProblems = await read(await t.as(QA_LEAD));
    expect(qaProblems.length).toBeGreaterThan(0);
    expect(qaProblems.every((p) => p.serviceName === qaService?.name)).toBe(true);
    expect(qaProblems).toEqual(problems.filter((p) => p.serviceName === qaService?.name));
    expect((await (await t.as(AUDITOR)).request('/api/admin/set-up-problems')).status).toBe(403);
  });

  it('sends a team’s alerts to its named managers, never to someone whose job title only says "Team manager"', async () => {
    const service = await addService();
    const team = await addTeam(service.id);
    const titled = await person('Team manager, Locality', team.id);
    const named = await person('Senior practitioner');
    const raisedBy = await person();
    expect(
      (await firstRecipients(t.db, team.id, raisedBy)).filter((r) => r.reason === 'team_manager'),
    ).toEqual([]);
    await answerJson(
      await admin.request(`/api/admin/teams/${team.id}`, {
        method: 'PUT',
        json: { name: team.name, serviceId: service.id, managerIds: [named] },
      }),
      200,
    );
    const recipients = await firstRecipients(t.db, team.id, raisedBy);
    expect(recipients.filter((r) => r.reason === 'team_manager')).toEqual([
      { personId: named, reason: 'team_manager' },
    ]);
    expect(recipients.map((r) => r.personId)).not.toContain(titled);
    // The service's QA lead is always a first recipient, manager or not.
    const qaLead = randomUUID();
    await t.db.query(
      "INSERT INTO people (id, email, display_name, service_id, roles) VALUES ($1, $2, 'QA Lead', $3, '{qa_lead}')",
      [qaLead, `qa-${qaLead.slice(0, 8)}@test.invalid`, service.id],
    );
    expect(await firstRecipients(t.db, team.id, raisedBy)).toContainEqual({
      personId: qaLead,
      reason: 'qa_lead',
    });
    // A deactivated manager receives nothing; the raiser never receives their own.
    await t.db.query('UPDATE people SET active = false WHERE id = $1', [named]);
    expect((await firstRecipients(t.db, team.id, raisedBy)).some((r) => r.personId === named)).toBe(false);
  });

  it('escalates to the named head of service only, not to every manager of the service', async () => {
    const head = await person('Director of children’s services');
    const service = await addService(head);
    const team = await addTeam(service.id);
    await t.db.query(
      "INSERT INTO people (id, email, display_name, job_title, service_id, roles) VALUES ($1, $2, 'Other Manager', 'Head of service', $3, '{manager}')",
      [randomUUID(), `m-${Date.now()}@test.invalid`, service.id],
    );
    expect(await headsOfService(t.db, team.id)).toEqual([head]);
    const headless = await addService();
    expect(await headsOfService(t.db, (await addTeam(headless.id)).id)).toEqual([]);
  });
});
