/**
 * The admin's teams, services and roles API: list with counts, add, rename, move a team to
 * another service (its people follow), clear field errors for a duplicate name or a missing
 * service, and a log row for each change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import type { AdminRole, AdminService, AdminTeam } from '../../shared/accounts/team-schemas';

const ADMIN = 'gus.admin@demo.lantern.invalid';

let counter = 0;
const unique = (name: string): string => `${name} ${++counter}-${Date.now()}`;

describe.each(ENGINES)('admin teams, services and roles on $engine', (engine) => {
  const t = useTestApp(engine);
  let admin: Client;
  let demoServiceId: string;
  beforeAll(async () => {
    admin = await t.as(ADMIN);
    const [service] = await t.db.query<{ id: string }>('SELECT id FROM services LIMIT 1');
    demoServiceId = service?.id ?? '';
  });

  const addService = async (name = unique('Early Help')): Promise<AdminService> => {
    const response = await admin.request('/api/admin/services', { method: 'POST', json: { name } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { service: AdminService }).service;
  };
  const addTeam = async (name: string, serviceId: string): Promise<AdminTeam> => {
    const response = await admin.request('/api/admin/teams', { method: 'POST', json: { name, serviceId } });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { team: AdminTeam }).team;
  };
  const actions = async (entityId: string) =>
    (
      await t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [
        entityId,
      ])
    ).map((r) => r.action);

  it('lists teams with their service and how many active people each has', async () => {
    const { teams } = (await (await admin.request('/api/admin/teams')).json()) as { teams: AdminTeam[] };
    const [members] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM people p JOIN teams t ON t.id = p.team_id WHERE t.name = 'Assessment Team A' AND p.active",
    );
    expect(members?.n).toBeGreaterThan(0);
    expect(teams.find((team) => team.name === 'Assessment Team A')).toMatchObject({
      serviceName: "Children's Social Care (demo)",
      members: members?.n,
    });
  });

  it('adds a service and a team in it, and logs both', async () => {
    const service = await addService();
    const team = await addTeam(unique('Early Help North'), service.id);
    expect(team).toMatchObject({ serviceId: service.id, serviceName: service.name, members: 0 });
    expect(await actions(service.id)).toEqual(['service.created']);
    expect(await actions(team.id)).toEqual(['team.created']);
    const { services } = (await (await admin.request('/api/admin/services')).json()) as {
      services: AdminService[];
    };
    expect(services.find((s) => s.id === service.id)?.teams).toBe(1);
  });

  it('refuses a duplicate name in any case, and a service that does not exist, naming the field', async () => {
    const name = unique('Fostering');
    await addTeam(name, demoServiceId);
    const duplicate = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: name.toUpperCase(), serviceId: demoServiceId },
    });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'name',
    ]);
    const noService = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: unique('Adoption'), serviceId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(((await noService.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'serviceId',
    ]);
    const blank = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: ' ', serviceId: 'x' },
    });
    expect(((await blank.json()) as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'name', message: 'Enter the name of the team.' },
      { path: 'serviceId', message: 'Choose a service from the list.' },
    ]);
  });

  it('renames a team and moves it to another service, with its people', async () => {
    const team = await addTeam(unique('Edge of Care'), demoServiceId);
    const [member] = await t.db.query<{ id: string }>(
      `INSERT INTO people (id, email, display_name, team_id, service_id, roles)
       VALUES (gen_random_uuid(), $1, 'Member', $2, $3, '{auditor}') RETURNING id`,
      [`${unique('member').replace(/\W/g, '')}@test.invalid`, team.id, demoServiceId],
    );
    const elsewhere = await addService();
    const renamed = unique('Edge of Care and Adolescents');
    const response = await admin.request(`/api/admin/teams/${team.id}`, {
      method: 'PUT',
      json: { name: renamed, serviceId: elsewhere.id },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { team: AdminTeam }).team).toMatchObject({
      name: renamed,
      serviceId: elsewhere.id,
    });
    const [moved] = await t.db.query<{ service_id: string }>('SELECT service_id FROM people WHERE id = $1', [
      member?.id,
    ]);
    expect(moved?.service_id).toBe(elsewhere.id);
    const [row] = await t.db.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE entity_id = $1 AND action = 'team.updated'",
      [team.id],
    );
    expect(row?.detail).toEqual({
      changes: {
        name: { from: team.name, to: renamed },
        serviceId: { from: demoServiceId, to: elsewhere.id },
      },
    });
  });

  it('lists the roles with what each may do and how many active people hold it', async () => {
    const { roles } = (await (await admin.request('/api/admin/roles')).json()) as { roles: AdminRole[] };
    expect(roles.map((r) => r.role)).toEqual([
      'auditor',
      'moderator',
      'qa_lead',
      'manager',
      'admin',
      'practitioner',
    ]);
    expect(roles.find((r) => r.role === 'admin')).toMatchObject({ label: 'Admin', people: 1 });
    expect(roles.find((r) => r.role === 'admin')?.description).toMatch(/reads no audit content/i);
  });
});
