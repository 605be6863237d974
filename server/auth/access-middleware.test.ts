/**
 * The access middleware on routes scoped to a record, before any real scoped route exists: a
 * small app with made-up people and teams shows that reach is enforced per role (own team,
 * own service, assigned, organisation-wide), that the widest of several roles wins, that an
 * admin gets no audit content, that a route without a rule is refused and named, and that the
 * matrix generator expects exactly what the middleware does.
 */
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { LanternEnv, Person } from '../http/app-env';
import { onError } from '../http/on-error';
import type { Queryable } from '../db/database';
import type { Role } from '../../shared/accounts/roles';
import { allow, on, within, SIGNED_IN, type AccessRule } from './access-rules';
import { accessMiddleware, pathParam } from './access-middleware';
import { matrixCases } from './access-matrix-cases';
import { log as logger } from '../log/logger';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const A1 = 'aaaaaaa1-0000-4000-8000-000000000000';
const A2 = 'aaaaaaa2-0000-4000-8000-000000000000';
const B1 = 'bbbbbbb1-0000-4000-8000-000000000000';
const TEAMS: Record<string, string> = { [A1]: S1, [A2]: S1, [B1]: S2 };

const fakeDb: Queryable = {
  async query<T>(_sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const service = TEAMS[String(params[0])];
    return (service ? [{ service_id: service }] : []) as T[];
  },
  async exec() {},
};

const person = (roles: Role[], teamId: string | null = A1, serviceId: string | null = S1): Person => ({
  id: `person-${roles.join('-')}`,
  email: 'x@test.invalid',
  name: 'X',
  jobTitle: '',
  roles,
  teamId,
  serviceId,
});

const RULES: Record<string, AccessRule> = {
  'GET /api/teams/:teamId/cases': within(
    { auditor: 'team', qa_lead: 'service', manager: 'service', admin: 'all' },
    on('team', 'teamId'),
  ),
  'GET /api/teams/:teamId/audits': within({ qa_lead: 'service', manager: 'service' }, on('team', 'teamId'), {
    auditContent: true,
  }),
  'GET /api/me': SIGNED_IN,
  'GET /api/people': allow('admin'),
};

function appFor(who: Person | null) {
  const app = new Hono<LanternEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('person', who);
    c.set('session', null);
    await next();
  });
  app.use('/api/*', accessMiddleware({ db: fakeDb }, RULES));
  const api = app.basePath('/api');
  api.get('/teams/:teamId/cases', (c) => c.json({ team: c.req.param('teamId') }));
  api.get('/teams/:teamId/audits', (c) => c.json({ team: c.req.param('teamId') }));
  api.get('/me', (c) => c.json({ ok: true }));
  api.get('/people', (c) => c.json({ ok: true }));
  api.get('/unruled', (c) => c.json({ secret: 'leaked' }));
  return app;
}

const status = async (who: Person | null, path: string): Promise<number> =>
  (await appFor(who).request(path)).status;

describe('scoped access', () => {
  it.each([
    ['an auditor, own team', person(['auditor']), A1, 200],
    ['an auditor, another team of the same service', person(['auditor']), A2, 403],
    ['a QA lead, another team of the same service', person(['qa_lead'], null), A2, 200],
    ['a QA lead, a team of another service', person(['qa_lead'], null), B1, 403],
    ['a manager without a service', person(['manager'], null, null), A1, 403],
    ['an admin, anywhere', person(['admin'], null, null), B1, 200],
    ['an auditor who is also a QA lead: the wider reach wins', person(['auditor', 'qa_lead']), A2, 200],
    ['a moderator, not listed', person(['moderator']), A1, 403],
  ])('%s → %i', async (_name, who, team, expected) => {
    expect(await status(who, `/api/teams/${team}/cases`)).toBe(expected);
  });

  it('answers 404 for a record that does not exist, and 401 when signed out', async () => {
    expect(await status(person(['qa_lead']), '/api/teams/99999999-0000-4000-8000-000000000000/cases')).toBe(
      404,
    );
    expect(await status(person(['qa_lead']), '/api/teams/not-an-id/cases')).toBe(404);
    expect(await status(null, `/api/teams/${A1}/cases`)).toBe(401);
  });

  it('keeps an admin out of audit content unless they hold another role that may', async () => {
    expect(await status(person(['admin']), `/api/teams/${A1}/audits`)).toBe(403);
    expect(await status(person(['admin', 'qa_lead']), `/api/teams/${A1}/audits`)).toBe(200);
    expect(() => within({ admin: 'all' }, on('team', 'teamId'), { auditContent: true })).toThrow(/admin/);
  });

  it('refuses a route with no rule, says only {code, message}, and names the route in the log', async () => {
    const log = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const response = await appFor(person(['admin'])).request('/api/unruled');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 'forbidden', message: 'You do not have access to this.' });
    expect(log.mock.calls.flat().join(' ')).toContain('GET /api/unruled');
    log.mockRestore();
  });
});

describe('the matrix generator agrees with the middleware on a scoped rule', () => {
  const rule = RULES['GET /api/teams/:teamId/cases'] ?? SIGNED_IN;
  const placeTeam = { own: A1, 'other-team': A2, 'other-service': B1, 'other-assignee': A1 } as const;

  it.each(matrixCases(rule))('$title', async ({ who, placement, expect: expected }) => {
    const caller = who === 'signed-out' ? null : person([who], who === 'admin' ? null : A1, S1);
    const team = placeTeam[placement ?? 'own'];
    const got = await status(caller, `/api/teams/${team}/cases`);
    expect(got).toBe(expected === 'allowed' ? 200 : expected);
  });

  it('tries each narrower reach just outside it, and organisation-wide reach in another service', () => {
    const titles = matrixCases(rule).map((c) => c.title);
    expect(titles).toEqual([
      'signed out → 401',
      'auditor → allowed (own)',
      'auditor → 403 (other-team)',
      'moderator → 403 (role)',
      'qa_lead → allowed (own)',
      'qa_lead → 403 (other-service)',
      'manager → allowed (own)',
      'manager → 403 (other-service)',
      'admin → allowed (other-service)',
      'practitioner → 403 (role)',
    ]);
  });
});

describe('pathParam', () => {
  it.each([
    ['/api/teams/:teamId/cases', '/api/teams/abc/cases', 'teamId', 'abc'],
    ['/api/teams/:teamId{[0-9a-f-]+}', '/api/teams/a-1', 'teamId', 'a-1'],
    ['/api/x/:id', '/api/x/a%20b', 'id', 'a b'],
    ['/api/x/:id', '/api/x/', 'id', undefined],
    ['/api/x/:id', '/api/x/%E0%A4%A', 'id', undefined],
  ])('%s with %s → %s', (pattern, path, name, expected) => {
    expect(pathParam(pattern, path, name)).toBe(expected);
  });
});
