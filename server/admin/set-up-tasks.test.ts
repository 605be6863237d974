/**
 * The admin's task list on an empty install, on each engine: it follows what the admin has set
 * up, and the council's name replaces the placeholder (logged; refused for anyone but an admin).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { createFirstAdmin } from './create-first-admin';
import type { SetUpTask } from '../../shared/organisation/set-up-tasks';

const PASSWORD = 'a long first password';

describe.each(ENGINES)('the set-up task list on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let admin: Client;

  beforeAll(async () => {
    const link = await createFirstAdmin(t.db, {
      email: 'pat.admin@council.lantern.invalid',
      name: 'Pat Admin',
    });
    const token = link.path.split('=')[1];
    await t.request('/api/auth/set-password', {
      method: 'POST',
      json: { token, password: PASSWORD, confirmPassword: PASSWORD },
    });
    const signIn = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: 'pat.admin@council.lantern.invalid', password: PASSWORD },
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    admin = {
      cookie,
      csrfToken,
      request: (path, init = {}) =>
        t.request(path, { ...init, headers: { cookie, 'x-csrf-token': csrfToken } }),
    };
  });

  const statuses = async () => {
    const response = await admin.request('/api/admin/set-up-tasks');
    expect(response.status).toBe(200);
    const { tasks } = (await response.json()) as { tasks: SetUpTask[] };
    return Object.fromEntries(tasks.map((task) => [task.key, task.status]));
  };

  it('follows the set-up from empty, and the council names itself', async () => {
    expect(await statuses()).toMatchObject({
      organisation: 'not-started',
      services: 'not-started',
      teams: 'cannot-start',
      people: 'not-started',
    });

    const service = await admin.request('/api/admin/services', {
      method: 'POST',
      json: { name: 'Children’s Services' },
    });
    expect(service.status).toBe(201);
    const { service: created } = (await service.json()) as { service: { id: string } };
    const team = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: 'Front Door', serviceId: created.id },
    });
    expect(team.status).toBe(201);
    expect(await statuses()).toMatchObject({ services: 'incomplete', teams: 'incomplete' });

    const placeholder = await admin.request('/api/admin/organisation', {
      method: 'PUT',
      json: { name: 'Lantern' },
    });
    expect(placeholder.status).toBe(400);
    expect(await placeholder.text()).toContain('name');

    const renamed = await admin.request('/api/admin/organisation', {
      method: 'PUT',
      json: { name: 'Northshire County Council' },
    });
    expect(renamed.status).toBe(200);
    const info = (await (await t.request('/api/organisation')).json()) as { name: string; isDemo: boolean };
    expect(info).toMatchObject({ name: 'Northshire County Council', isDemo: false });
    expect((await statuses()).organisation).toBe('completed');
    const logged = await t.db.query<{ detail: unknown }>(
      "SELECT detail FROM audit_log WHERE action = 'organisation.renamed'",
    );
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]?.detail)).toContain('Northshire County Council');
  });

  it('refuses anyone who is not signed in', async () => {
    expect((await t.request('/api/admin/set-up-tasks')).status).toBe(401);
    expect(
      (await t.request('/api/admin/organisation', { method: 'PUT', json: { name: 'X Council' } })).status,
    ).toBe(401);
  });
});
