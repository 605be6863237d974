/**
 * Hostile input on every API route, generated from the access rules (server/auth/access-rules.ts):
 * each route is called by a demo person its rule allows, with one field at a time — a path
 * parameter, a query parameter, a JSON body field (tests/support/route-input-samples.ts) —
 * replaced by a hostile value of each class: NUL, a lone UTF-16 surrogate, a C1 control
 * character, bytes that are not UTF-8, a date outside 2000–2100 and a number no column holds.
 *
 * Every answer must be below 500, in JSON, within REQUEST_BOUND_MS; a hostile query or body
 * field must be refused with a 400 naming it; `/api/health` must answer in under a second
 * all along, with the hostile requests running CONCURRENCY at a time; and the database must
 * be the same afterwards (every table's rows hashed, sessions aside), since every request
 * here is refused.
 *
 * Matrix: one value per class per field, the whole matrix on the first engine (PGlite, where
 * the app and the database share one thread, so a stall shows most); on PostgreSQL, the
 * classes that could reach the database (dates, numbers, NUL) — the text checks run before
 * any query, alike on both engines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { watchHealth } from '../../tests/support/health-watch';
import { ROUTE_INPUT_SAMPLES } from '../../tests/support/route-input-samples';
import { createApp } from '../app';
import type { Database, Queryable } from '../db/database';
import { ACCESS_RULES } from '../auth/access-rules';
import { createSession } from '../auth/sessions';
import type { Role } from '../../shared/accounts/roles';
import { DEMO_EMAIL, ROLE_PREFERENCE, preferredRoleFor } from '../../tests/support/demo-callers';

const REQUEST_BOUND_MS = 5_000;
const HEALTH_BOUND_MS = 1_000;
const CONCURRENCY = 4;

type HostileClass = 'nul' | 'lone-surrogate' | 'c1-control' | 'invalid-utf8' | 'date-range' | 'number-range';

interface HostileCase {
  title: string;
  route: string;
  method: string;
  cls: HostileClass;
  where: 'path' | 'query' | 'body';
  /** The field a 400 must name; null for path parameters (a 404 is as good). */
  field: string | null;
  url: (values: (param: string) => string) => string;
  body?: Uint8Array<ArrayBuffer>;
}

const INVALID_UTF8_MARKER = 'INVALID-UTF8-MARKER-5c1e';
const encoder = new TextEncoder();
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

/** Hostile values for a string field: per class, one value (a date field gets two). */
function hostileStrings(sample: string): [HostileClass, string][] {
  const values: [HostileClass, string][] = [
    ['nul', `a${String.fromCharCode(0)}b`],
    ['lone-surrogate', 'a\ud800b'],
    ['c1-control', 'a\u0085b'],
    ['invalid-utf8', INVALID_UTF8_MARKER],
  ];
  if (DATE.test(sample)) values.push(['date-range', '0000-01-01'], ['date-range', '9999-12-31']);
  if (TIMESTAMP.test(sample)) values.push(['date-range', '0000-01-01T00:00:00Z']);
  return values;
}

/** The same in a URL, percent-encoded as a browser or a script would send them. */
function hostileUrlValues(sample: string): [HostileClass, string][] {
  const values: [HostileClass, string][] = [
    ['nul', 'a%00b'],
    ['lone-surrogate', 'a%ED%A0%80b'],
    ['c1-control', 'a%C2%85b'],
    ['invalid-utf8', 'a%FFb'],
  ];
  if (DATE.test(sample)) values.push(['date-range', '0000-01-01'], ['date-range', '9999-12-31']);
  if (/^\d+$/.test(sample)) values.push(['number-range', '99999999999999999999']);
  return values;
}

/** Every leaf of a sample body, as a path and its value. */
function leaves(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function withLeaf(body: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(body)) return body.map((v, i) => (i === head ? withLeaf(v, rest, replacement) : v));
  const record = body as Record<string, unknown>;
  return { ...record, [String(head)]: withLeaf(record[String(head)], rest, replacement) };
}

/** The JSON bytes of a body, with the invalid-UTF-8 marker turned into bytes 0xFF 0xFE. */
function bodyBytes(body: unknown): Uint8Array<ArrayBuffer> {
  const parts = JSON.stringify(body).split(INVALID_UTF8_MARKER);
  const chunks: Uint8Array[] = [];
  parts.forEach((part, i) => {
    if (i > 0) chunks.push(new Uint8Array([0xff, 0xfe]));
    chunks.push(encoder.encode(part));
  });
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

function pathWith(
  template: string,
  values: (param: string) => string,
  hostile?: { param: string; value: string },
) {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    hostile && hostile.param === name ? hostile.value : encodeURIComponent(values(name)),
  );
}

function queryString(query: Record<string, string>, hostile?: { name: string; value: string }): string {
  const parts = Object.entries(query).map(([k, v]) =>
    hostile && hostile.name === k ? `${k}=${hostile.value}` : `${k}=${encodeURIComponent(v)}`,
  );
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Every hostile request, generated from the access rules and the route samples. */
function hostileCases(routes: readonly string[]): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const route of routes) {
    const [method = 'GET', template = '/'] = route.split(' ');
    const sample = ROUTE_INPUT_SAMPLES[route] ?? {};
    const query = sample.query ?? {};
    const validBody = sample.body === undefined ? undefined : bodyBytes(sample.body);
    for (const param of [...template.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '')) {
      for (const [cls, value] of [
        ...hostileUrlValues('1').filter(([c]) => c !== 'date-range'),
        ['date-range', '0000-01-01'] as [HostileClass, string],
      ]) {
        cases.push({
          title: `${route} — path :${param} — ${cls}`,
          route,
          method,
          cls,
          where: 'path',
          field: null,
          url: (values) => pathWith(template, values, { param, value }) + queryString(query),
          ...(validBody ? { body: validBody } : {}),
        });
      }
    }
    for (const [name, sampleValue] of Object.entries(query)) {
      for (const [cls, value] of hostileUrlValues(sampleValue)) {
        cases.push({
          title: `${route} — query ${name} — ${cls} ${value}`,
          route,
          method,
          cls,
          where: 'query',
          field: name,
          url: (values) => pathWith(template, values) + queryString(query, { name, value }),
          ...(validBody ? { body: validBody } : {}),
        });
      }
    }
    if (sample.body === undefined) continue;
    for (const leaf of leaves(sample.body)) {
      const field = leaf.path.map(String).join('.');
      const values: [HostileClass, unknown][] =
        typeof leaf.value === 'string'
          ? hostileStrings(leaf.value)
          : typeof leaf.value === 'number'
            ? [
                ['number-range', 1e20],
                ['number-range', -1e20],
              ]
            : [];
      for (const [cls, value] of values) {
        cases.push({
          title: `${route} — body ${field} — ${cls} ${JSON.stringify(value).slice(0, 24)}`,
          route,
          method,
          cls,
          where: 'body',
          field,
          url: (pathValues) => pathWith(template, pathValues) + queryString(query),
          body: bodyBytes(withLeaf(sample.body, leaf.path, value)),
        });
      }
    }
  }
  return cases;
}

const ROUTES = Object.keys(ACCESS_RULES);
const ALL_CASES = hostileCases(ROUTES);
/** On PostgreSQL, the classes whose values could reach the database. */
const DATABASE_CLASSES: ReadonlySet<HostileClass> = new Set(['nul', 'date-range', 'number-range']);

/**
 * Every table's row count and a hash of its rows: equal when no row was added, changed or
 * removed. What signing in writes is left out: sessions, and a person's last sign-in.
 */
const SIGN_IN_COLUMNS: Record<string, string[]> = { people: ['last_sign_in_at'] };

async function databaseFingerprint(db: Queryable): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'sessions' ORDER BY 1`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const row$ = (SIGN_IN_COLUMNS[name] ?? []).reduce(
      (sql, column) => `(${sql} - '${column}')`,
      'to_jsonb(t)',
    );
    const [row] = await db.query<{ n: string; hash: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(${row$}::text, '|' ORDER BY ${row$}::text)) AS hash FROM ${name} t`,
    );
    fingerprint[name] = `${row?.n ?? '?'} ${row?.hash ?? ''}`;
  }
  return fingerprint;
}

describe('the hostile-input fuzz matrix', () => {
  it('covers every API route Hono lists, and has inputs for every route that takes a body', () => {
    const unusedDb = new Proxy({} as Database, {
      get: () => {
        throw new Error('listing routes must not touch the database');
      },
    });
    const listed = createApp({ db: unusedDb, config: TEST_CONFIG, schemaVersion: 0, oidc: null }).routes;
    const appRoutes = [
      ...new Set(
        listed
          .filter((r) => r.path.startsWith('/api') && r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect([...appRoutes].sort()).toEqual([...ROUTES].sort());
    const missing = ROUTES.filter(
      (route) => (route.startsWith('POST ') || route.startsWith('PUT ')) && !ROUTE_INPUT_SAMPLES[route],
    );
    expect(missing, `Add an example body for these routes to tests/support/route-input-samples.ts`).toEqual(
      [],
    );
    const stale = Object.keys(ROUTE_INPUT_SAMPLES).filter((route) => !ROUTES.includes(route));
    expect(stale, 'Remove or correct these keys in tests/support/route-input-samples.ts').toEqual([]);
  });

  it('tries every class of hostile value', () => {
    const classes = new Set(ALL_CASES.map((c) => c.cls));
    expect([...classes].sort()).toEqual(
      ['c1-control', 'date-range', 'invalid-utf8', 'lone-surrogate', 'nul', 'number-range'].sort(),
    );
    const where = new Set(ALL_CASES.map((c) => c.where));
    expect([...where].sort()).toEqual(['body', 'path', 'query']);
  });
});

describe.each(ENGINES.map((engine, index) => ({ ...engine, index })))(
  'hostile input on every route on $engine',
  (engine) => {
    const t = useTestApp(engine);
    const people = new Map<Role, string>();
    const pathValues = new Map<string, string>();
    /** Path parameters filled with a record the caller reaches: a 403 or 404 there is a failure. */
    const reachable = new Set<string>();

    beforeAll(async () => {
      for (const role of ROLE_PREFERENCE) {
        const [person] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [
          DEMO_EMAIL[role],
        ]);
        if (!person) throw new Error(`no demo ${role}`);
        people.set(role, person.id);
      }
      // Real records of the demo organisation within the caller's reach (checked by reading
      // each through the API), so that a hostile body reaches the handler's own checks.
      const ids = async (sql: string): Promise<string[]> =>
        (await t.db.query<{ id: string }>(`${sql} LIMIT 50`)).map((row) => row.id);
      const session = await createSession(
        t.db,
        people.get('qa_lead') ?? '',
        { idleMinutes: 60, maxHours: 1 },
        { ip: '192.0.2.10', userAgent: 'fuzz', method: 'password' },
      );
      const readable = async (candidates: string[], path: (id: string) => string) => {
        for (const id of candidates) {
          const response = await t.request(path(id), {
            headers: { cookie: `lantern_session=${session.token}` },
          });
          await response.arrayBuffer();
          if (response.status === 200) return id;
        }
        return null;
      };
      const planId = await readable(
        await ids(
          'SELECT p.id::text AS id FROM plans p WHERE EXISTS (SELECT 1 FROM plan_measures m WHERE m.plan_id = p.id) ORDER BY p.id',
        ),
        (id) => `/api/plans/${id}`,
      );
      const roundId = await readable(
        await ids('SELECT id::text AS id FROM rounds ORDER BY id'),
        (id) => `/api/rounds/${id}`,
      );
      const inPlan = (table: string) =>
        ids(`SELECT id::text AS id FROM ${table} WHERE plan_id::text = '${planId ?? ''}' ORDER BY id`);
      const found: Record<string, string | null> = {
        planId,
        roundId,
        areaId: (await inPlan('plan_areas'))[0] ?? null,
        actionId: (await inPlan('plan_actions'))[0] ?? null,
        measureId: (await inPlan('plan_measures'))[0] ?? null,
        linkId: (await ids('SELECT id::text AS id FROM plan_finding_links ORDER BY id'))[0] ?? null,
        allocationId:
          (
            await ids(
              `SELECT id::text AS id FROM allocations WHERE round_id::text = '${roundId ?? ''}' ORDER BY id`,
            )
          )[0] ?? null,
        auditId: await readable(
          await ids("SELECT id::text AS id FROM audits WHERE status = 'submitted' ORDER BY id"),
          (id) => `/api/audits/${id}/history`,
        ),
        moderationId: await readable(
          await ids('SELECT id::text AS id FROM moderations ORDER BY id'),
          (id) => `/api/moderation/${id}`,
        ),
        personId: people.get('auditor') ?? null,
        teamId: (await ids('SELECT id::text AS id FROM teams ORDER BY id'))[0] ?? null,
        serviceId: (await ids('SELECT id::text AS id FROM services ORDER BY id'))[0] ?? null,
        alertId: (await ids('SELECT id::text AS id FROM alerts ORDER BY id'))[0] ?? null,
        caseActionId: await readable(
          await ids('SELECT id::text AS id FROM case_actions WHERE withdrawn_at IS NULL ORDER BY id'),
          (id) => `/api/case-actions/${id}`,
        ),
        reportId: await readable(
          await ids("SELECT id::text AS id FROM audit_reports WHERE status = 'draft' ORDER BY id"),
          (id) => `/api/reports/${id}`,
        ),
        key: 'lantern-default',
        version: '1',
      };
      found.recommendationId =
        (
          await ids(
            `SELECT id::text AS id FROM audit_report_recommendations WHERE report_id::text = '${found.reportId ?? ''}' ORDER BY id`,
          )
        )[0] ?? null;
      // The audit's case is the demo practitioner's (they alone respond to it), in the QA lead's service.
      const [audited] = await t.db.query<{ id: string }>(
        'SELECT case_id::text AS id FROM audits WHERE id = $1',
        [found.auditId],
      );
      found.caseId = audited?.id ?? null;
      await t.db.query('UPDATE cases SET practitioner_id = $1 WHERE id = $2', [
        people.get('practitioner'),
        found.caseId,
      ]);
      for (const [name, value] of Object.entries(found)) if (value) pathValues.set(name, value);
      // Records the caller was seen to reach (read back through the API), or needs no reach for.
      const reached = (param: string, ok: boolean) => ok && found[param] && reachable.add(param);
      reached('planId', true);
      for (const param of ['areaId', 'actionId', 'measureId']) reached(param, Boolean(planId));
      reached('roundId', true);
      reached('allocationId', Boolean(roundId));
      reached('caseActionId', true);
      for (const param of [
        'auditId',
        'caseId',
        'moderationId',
        'personId',
        'teamId',
        'serviceId',
        'key',
        'version',
      ]) {
        reached(param, true);
      }
    }, 180_000);

    const cases = ALL_CASES.filter((c) => engine.index === 0 || DATABASE_CLASSES.has(c.cls));

    it(`refuses ${cases.length} hostile requests without a 5xx or a stall, naming the field, changing nothing`, async () => {
      const before = await databaseFingerprint(t.db);
      const failures: string[] = [];
      const unreachedRoutes = new Set<string>();
      const health = watchHealth(t, 100);
      let next = 0;
      const valueOf = (param: string) => pathValues.get(param) ?? '00000000-0000-4000-8000-00000000000f';

      const run = async (c: HostileCase): Promise<void> => {
        const personId = people.get(preferredRoleFor(c.route)) ?? '';
        const session = await createSession(
          t.db,
          personId,
          { idleMinutes: 60, maxHours: 1 },
          { ip: '192.0.2.10', userAgent: 'fuzz', method: 'password' },
        );
        const headers: Record<string, string> = {
          cookie: `lantern_session=${session.token}`,
          'x-csrf-token': session.csrfToken,
        };
        if (c.body) headers['content-type'] = 'application/json';
        const started = performance.now();
        const response = await t.request(c.url(valueOf), {
          method: c.method,
          headers,
          ...(c.body && c.method !== 'GET' ? { body: c.body } : {}),
        });
        const text = await response.text();
        const elapsed = performance.now() - started;
        const problem = (what: string) =>
          failures.push(`${c.title}: ${what} — ${response.status} ${text.slice(0, 300)}`);
        if (elapsed > REQUEST_BOUND_MS) problem(`took ${Math.round(elapsed)} ms`);
        if (response.status >= 500) return void problem('a server error');
        if (response.status < 400) return void problem('accepted');
        if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
          return void problem('not JSON');
        }
        const body = JSON.parse(text) as { code?: string; fields?: { path: string }[] };
        if (typeof body.code !== 'string') problem('no error code');
        if (c.field !== null) {
          // A route about a record the caller could not be given (none in the demo, or out of
          // their reach) refuses before it reads the field: fine, as long as it refuses cleanly.
          const params = [...c.route.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
          const unreached = params.some((param) => !reachable.has(param));
          if (unreached && (response.status === 403 || response.status === 404)) {
            unreachedRoutes.add(c.route);
            return;
          }
          if (response.status !== 400) return void problem('not refused as bad input');
          const named = (body.fields ?? []).map((f) => f.path);
          if (!named.includes(c.field)) problem(`does not name ${c.field}`);
        } else if (response.status === 400 && !(body.fields ?? []).length) {
          problem('a 400 naming nothing');
        }
      };

      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let c = cases[next++]; c; c = cases[next++]) await run(c);
        }),
      );
      const { slowestMs, failures: healthFailures } = await health.stop();
      if (unreachedRoutes.size > 0) {
        console.warn(
          `Fields not reached (no record of the demo in reach):\n  ${[...unreachedRoutes].join('\n  ')}`,
        );
      }

      expect(failures, failures.join('\n')).toEqual([]);
      expect(healthFailures).toBe(0);
      expect(slowestMs).toBeLessThan(HEALTH_BOUND_MS);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    }, 600_000);
  },
);
