/**
 * The admin store: every call goes to its described route with a body the route parses, a
 * refusal reaches the screen with the server's field problems, and the lists it keeps are the
 * server's answers.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAdminStore } from './admin-store';

const server = withFakeApi();
const SERVICE = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
const PERSON = '2f3e4d5c-6b7a-4899-8a1b-2c3d4e5f6a7b';
type Store = ReturnType<typeof useAdminStore>;

describe('admin store', () => {
  it.each<[string, string, (store: Store) => Promise<unknown>]>([
    ['loadPeople', 'GET /api/admin/people', (s) => s.loadPeople()],
    ['loadPerson', 'GET /api/admin/people/:personId', (s) => s.loadPerson(PERSON)],
    [
      'createPerson',
      'POST /api/admin/people',
      (s) =>
        s.createPerson({
          email: 'new.auditor@demo.lantern.invalid',
          name: 'New Auditor',
          teamId: null,
          serviceId: SERVICE,
          roles: ['auditor'],
        }),
    ],
    [
      'updatePerson',
      'PUT /api/admin/people/:personId',
      (s) =>
        s.updatePerson(PERSON, {
          name: 'New Auditor',
          teamId: null,
          serviceId: SERVICE,
          roles: ['auditor'],
          active: false,
        }),
    ],
    ['newPasswordLink', 'POST /api/admin/people/:personId/password-link', (s) => s.newPasswordLink(PERSON)],
    [
      'createTeam',
      'POST /api/admin/teams',
      (s) => s.createTeam({ name: 'Assessment team 3', serviceId: SERVICE }),
    ],
    [
      'updateTeam',
      'PUT /api/admin/teams/:teamId',
      (s) => s.updateTeam(PERSON, { name: 'Renamed', serviceId: SERVICE, managerIds: [] }),
    ],
    ['createService', 'POST /api/admin/services', (s) => s.createService({ name: 'Early help' })],
    [
      'updateService',
      'PUT /api/admin/services/:serviceId',
      (s) => s.updateService(SERVICE, { name: 'Early help', headOfServiceId: null }),
    ],
    ['loadCaseLabels', 'GET /api/admin/case-flags', (s) => s.loadCaseLabels('case-flags')],
    [
      'createCaseLabel',
      'POST /api/admin/case-types',
      (s) => s.createCaseLabel('case-types', { label: 'Child in need' }),
    ],
    [
      'updateCaseLabel',
      'PUT /api/admin/case-flags/:key',
      (s) => s.updateCaseLabel('case-flags', 'cse', { label: 'Child sexual exploitation', retired: true }),
    ],
    ['loadSetUpProblems', 'GET /api/admin/set-up-problems', (s) => s.loadSetUpProblems()],
    ['loadRoles', 'GET /api/admin/roles', (s) => s.loadRoles()],
  ])('%s calls %s and passes a refusal on with its field problems', async (_name, route, act) => {
    server().refuse(route, 400, 'validation', 'Check the form.', [
      { field: 'name', message: 'Enter a name.' },
    ]);
    await expect(act(useAdminStore())).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'name', message: 'Enter a name.' }],
    });
    expect(server().routes()).toEqual([route]);
  });

  it('reads teams and services together and keeps both', async () => {
    server().answer('GET /api/admin/teams', {
      teams: [
        {
          id: 't1',
          name: 'Assessment team 1',
          serviceId: SERVICE,
          serviceName: 'Children’s services',
          members: 6,
          managers: [],
        },
      ],
    });
    server().answer('GET /api/admin/services', {
      services: [{ id: SERVICE, name: 'Children’s services', teams: 1, headOfService: null }],
    });
    const store = useAdminStore();
    await store.loadTeamsAndServices();
    expect([store.teams.map((t) => t.name), store.services.map((s) => s.name)]).toEqual([
      ['Assessment team 1'],
      ['Children’s services'],
    ]);
  });

  it('keeps case types and case flags apart', async () => {
    server().answer('GET /api/admin/case-flags', {
      items: [{ key: 'cse', label: 'Child sexual exploitation', retired: false, cases: 3 }],
    });
    const store = useAdminStore();
    await store.loadCaseLabels('case-flags');
    expect(store.caseLabels['case-flags'].map((l) => l.key)).toEqual(['cse']);
    expect(store.caseLabels['case-types']).toEqual([]);
  });
});
