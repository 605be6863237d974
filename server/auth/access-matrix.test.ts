/**
 * The access matrix, generated from the app itself: every API route Hono lists in
 * `app.routes` × signed out and each role × (for scoped rules) a record in the caller's own
 * place and just outside their reach. Allowed means the request got past access (not 401 or
 * 403, and no server error); refused means exactly 401 or 403 with a body of `{ code, message }`
 * and nothing else. A route without a rule fails the first test, which names it.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { ROLES, type Role } from '../../shared/accounts/roles';
import { ACCESS_RULES, ruleFor } from './access-rules';
import { matrixCases, type Placement } from './access-matrix-cases';
import { TARGET_FIXTURES, type FixturePlace } from './access-target-fixtures';
import { createSession } from './sessions';

const unusedDb: Database = new Proxy({} as Database, {
  get: () => {
    throw new Error('listing routes must not touch the database');
  },
});
const listed = createApp({ db: unusedDb, config: TEST_CONFIG, schemaVersion: 0, oidc: null }).routes;
/** Every API endpoint as `METHOD /path`; `all()` registrations are middleware or the 404 answer. */
const ROUTES = [
  ...new Set(
    listed.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
  ),
];

/** Path parameters that must look like something other than an id to reach the handler. */
const PARAM_SAMPLES: Record<string, string> = { version: '1', key: 'default' };

describe('the access-rule registry', () => {
  it('has a rule for every API route', () => {
    const missing = ROUTES.filter((key) => !ruleFor(key));
    expect(
      missing,
      `These API routes have no access rule. Add one line for each to ACCESS_RULES in server/auth/access-rules.ts:\n${missing
        .map((key) => `  '${key}': allow(/* roles */),`)
        .join('\n')}\n`,
    ).toEqual([]);
  });

  it('has no rule for a route that does not exist (a stale or misspelt key)', () => {
    const stale = Object.keys(ACCESS_RULES).filter((key) => !ROUTES.includes(key));
    expect(stale, `Remove or correct these keys in server/auth/access-rules.ts: ${stale.join(', ')}`).toEqual(
      [],
    );
  });

  it('sees API endpoints only under a real method (all() is for middleware and the not-found answer)', () => {
    const catchAll = listed.filter(
      (r) => r.path.startsWith('/api') && r.method === 'ALL' && !r.path.endsWith('*'),
    );
    expect(catchAll.map((r) => r.path)).toEqual([]);
  });

  it('keeps every scoped rule on a path parameter its route has', () => {
    for (const [key, rule] of Object.entries(ACCESS_RULES)) {
      if (rule.kind === 'roles' && rule.target) expect(key, key).toContain(`/:${rule.target.param}`);
    }
  });
});

interface Caller {
  personId: string;
  place: FixturePlace;
}

describe.each(ENGINES)('access matrix on $engine', (engine) => {
  const t = useTestApp(engine);
  const callers = new Map<Role, Caller>();
  /** Where each placement is, relative to any caller (all callers share one team). */
  let places: Record<Placement, FixturePlace>;

  beforeAll(async () => {
    const id = () => randomUUID();
    const [s1, s2, a1, a2, b1, bystander] = [id(), id(), id(), id(), id(), id()];
    await t.db.query(
      "INSERT INTO services (id, name) VALUES ($1, 'Matrix service 1'), ($2, 'Matrix service 2')",
      [s1, s2],
    );
    await t.db.query(
      "INSERT INTO teams (id, service_id, name) VALUES ($1, $4, 'Matrix A1'), ($2, $4, 'Matrix A2'), ($3, $5, 'Matrix B1')",
      [a1, a2, b1, s1, s2],
    );
    const addPerson = async (personId: string, email: string, roles: string[]) =>
      t.db.query(
        `INSERT INTO people (id, email, display_name, team_id, service_id, roles) VALUES ($1, $2, $2, $3, $4, $5)`,
        [personId, email, a1, s1, roles],
      );
    await addPerson(bystander, 'matrix-bystander@test.invalid', ['auditor']);
    for (const role of ROLES) {
      const personId = id();
      await addPerson(personId, `matrix-${role}@test.invalid`, [role]);
      callers.set(role, { personId, place: { teamId: a1, serviceId: s1, assigneeId: personId } });
    }
    places = {
      own: { teamId: a1, serviceId: s1, assigneeId: '' },
      'other-team': { teamId: a2, serviceId: s1, assigneeId: bystander },
      'other-service': { teamId: b1, serviceId: s2, assigneeId: bystander },
      'other-assignee': { teamId: a1, serviceId: s1, assigneeId: bystander },
    };
  });

  /** A fresh session per request: a route like sign-out-everywhere must not end the next test's. */
  async function headersFor(who: Role | 'signed-out'): Promise<Record<string, string>> {
    if (who === 'signed-out') return {};
    const caller = callers.get(who);
    if (!caller) throw new Error(`no caller for ${who}`);
    const session = await createSession(
      t.db,
      caller.personId,
      { idleMinutes: 60, maxHours: 1 },
      {
        ip: '192.0.2.10',
        userAgent: 'matrix',
        method: 'password',
      },
    );
    return { cookie: `lantern_session=${session.token}`, 'x-csrf-token': session.csrfToken };
  }

  /** The route's path with each parameter filled: the scoped one with a record in `placement`. */
  async function pathFor(
    key: string,
    who: Role | 'signed-out',
    placement: Placement | null,
  ): Promise<string> {
    const rule = ruleFor(key);
    const target = rule?.kind === 'roles' ? rule.target : null;
    let scopedValue: string | null = null;
    if (target && placement) {
      // 'own' is the caller's own place (signed out: any person's), the rest are shared places.
      const own = callers.get(who === 'signed-out' ? 'auditor' : who);
      scopedValue = await TARGET_FIXTURES[target.kind](
        t.db,
        placement === 'own' && own ? own.place : places[placement],
      );
    }
    const path = key.slice(key.indexOf(' ') + 1);
    return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_match, name: string) =>
      encodeURIComponent(
        target && name === target.param && scopedValue ? scopedValue : (PARAM_SAMPLES[name] ?? randomUUID()),
      ),
    );
  }

  for (const key of ROUTES) {
    const rule = ruleFor(key);
    if (!rule) continue; // reported by the registry test above
    const [method = 'GET'] = key.split(' ');
    describe(key, () => {
      it.each(matrixCases(rule))('$title', async ({ who, placement, expect: expected }) => {
        const path = await pathFor(key, who, placement);
        const hasBody = method !== 'GET' && method !== 'HEAD';
        const response = await t.request(path, {
          method,
          headers: await headersFor(who),
          ...(hasBody ? { json: {} } : {}),
        });
        const text = await response.text();
        if (expected === 'allowed') {
          expect([401, 403], `${key} as ${who}: ${response.status} ${text}`).not.toContain(response.status);
          expect(response.status, `${key} as ${who}: ${text}`).toBeLessThan(500);
        } else {
          expect(response.status, `${key} as ${who}: ${text}`).toBe(expected);
          const body: unknown = JSON.parse(text);
          expect(body).toEqual({
            code: expected === 401 ? 'unauthenticated' : 'forbidden',
            message: expect.any(String),
          });
        }
      });
    });
  }
});
