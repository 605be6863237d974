/**
 * Hostile-input findings from outside probing, one test each, through the whole app in-process: each
 * request once answered a 500 (or, for the return path and invalid UTF-8, was accepted). Now
 * each is refused with a 400 that names the field, as JSON with the security headers, and
 * nothing is stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { safeNextPath } from '../oidc/oidc-logins';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const MANAGER = 'farah.manager@demo.lantern.invalid';
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = '\ud800';

interface ErrorBody {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
}

/** The answer is a 400 in JSON, with the security headers, naming `field`. */
async function expectRefused(response: Response, field: string): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  const body = JSON.parse(text) as ErrorBody;
  expect(
    body.fields?.map((f) => f.path),
    text,
  ).toContain(field);
  return body;
}

describe.each(ENGINES)('hostile input on $engine', (engine) => {
  const t = useTestApp(engine);
  let admin: Client;
  let qa: Client;
  let manager: Client;
  let serviceId: string;
  beforeAll(async () => {
    [admin, qa, manager] = await Promise.all([t.as(ADMIN), t.as(QA_LEAD), t.as(MANAGER)]);
    const [service] = await t.db.query<{ id: string }>('SELECT id FROM services ORDER BY name LIMIT 1');
    serviceId = service?.id ?? '';
  }, 180_000);

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: string }>(sql, params))[0]?.n ?? 0);

  it('refuses U+0000 in a text field outside sync, naming it, and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM plans');
    const response = await manager.request('/api/plans', {
      method: 'POST',
      json: { title: `Plan${NUL}one`, kind: 'inspection' },
    });
    await expectRefused(response, 'title');
    expect(await count('SELECT count(*) AS n FROM plans')).toBe(before);
  });

  it('refuses U+0000 in a query parameter, naming it', async () => {
    await expectRefused(await manager.request(`/api/findings?q=a%00b`), 'q');
  });

  it('refuses a lone UTF-16 surrogate in a name, naming it, and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM teams');
    const response = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: `Team ${LONE_SURROGATE}`, serviceId },
    });
    await expectRefused(response, 'name');
    expect(await count('SELECT count(*) AS n FROM teams')).toBe(before);
  });

  it('refuses the year 0000 in a date, naming it', async () => {
    await expectRefused(
      await manager.request('/api/metrics/trend?item=overall&passing=0,1&from=0000-01-01&to=2026-09-30'),
      'from',
    );
  });

  it('answers 99999999999999999999 as a framework version without a server error', async () => {
    const response = await qa.request('/api/frameworks/lantern-default/99999999999999999999');
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses the year 0000 in the audit-log export as JSON with the security headers, no database text', async () => {
    const response = await qa.request('/api/audit-log/export?from=0000-01-01');
    const body = await expectRefused(response, 'from');
    expect(JSON.stringify(body)).not.toMatch(/date\/time|out of range for type|SQL|ERROR/i);
  });

  it('refuses invalid UTF-8 in a JSON body instead of storing U+FFFD, naming the field', async () => {
    const before = await count('SELECT count(*) AS n FROM plans');
    const bytes = Buffer.concat([
      Buffer.from('{"title":"Plan '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","kind":"inspection"}'),
    ]);
    const response = await manager.request('/api/plans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    await expectRefused(response, 'title');
    expect(await count('SELECT count(*) AS n FROM plans')).toBe(before);
    expect(await count("SELECT count(*) AS n FROM plans WHERE title LIKE '%' || chr(65533) || '%'")).toBe(0);
  });

  it.each([
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['https://evil.example/', '/'],
    ['/audits?tab=mine', '/audits?tab=mine'],
  ])('keeps the sign-in return path on Lantern: %j → %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
    expect(new URL(safeNextPath(next), 'https://lantern.invalid').origin).toBe('https://lantern.invalid');
  });
});
