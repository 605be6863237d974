/**
 * Every request gets a request id — a sane one a proxy sent is kept, anything else replaced —
 * returned in X-Request-Id and carried by every log line of that request; one access line per
 * request names the route pattern (never the query), the status, the time taken and the
 * person's id, never their name or e-mail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { createTestApp, type TestApp } from '../../tests/support/test-app';
import { captureLogLines } from './logger';

type Line = Record<string, unknown>;

describe.each(ENGINES)('request ids and the access log on $engine', (engine) => {
  let t: TestApp;
  let capture: ReturnType<typeof captureLogLines> | null = null;
  const lines = (): Line[] => (capture?.lines() ?? []).map((line) => JSON.parse(line) as Line);
  const accessLines = (): Line[] => lines().filter((line) => line.type === 'access');

  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 240_000);
  afterAll(() => t.close());
  afterEach(() => capture?.stop());

  it('keeps a sane incoming X-Request-Id, returns it and puts it on the access line', async () => {
    capture = captureLogLines();
    const response = await t.request('/api/health', { headers: { 'X-Request-Id': 'lb-4f2a9c1e' } });
    expect(response.headers.get('x-request-id')).toBe('lb-4f2a9c1e');
    expect(accessLines()).toEqual([
      expect.objectContaining({
        requestId: 'lb-4f2a9c1e',
        method: 'GET',
        route: '/api/health',
        status: 200,
        ms: expect.any(Number),
        level: 'info',
        time: expect.any(String),
      }),
    ]);
  });

  it.each([
    ['one that could forge a log field', 'abc","level":"fatal'],
    ['one with spaces', 'not a plain id at all'],
    ['one too long', 'x'.repeat(200)],
    ['a short one', 'a1'],
  ])('replaces %s with a new UUID', async (_name, sent) => {
    capture = captureLogLines();
    const response = await t.request('/api/health/live', { headers: { 'X-Request-Id': sent } });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(accessLines()[0]).toMatchObject({ requestId: id });
  });

  it('makes one when none is sent, different for each request', async () => {
    const a = (await t.request('/api/health/live')).headers.get('x-request-id');
    const b = (await t.request('/api/health/live')).headers.get('x-request-id');
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('logs the route pattern and the person id, never the path, the query, a name or an e-mail', async () => {
    const email = 'erin.qalead@demo.lantern.invalid';
    const [person] = await t.db.query<{ id: string; name: string }>(
      'SELECT id::text, display_name AS name FROM people WHERE email = $1',
      [email],
    );
    const qaLead = await t.as(email);
    capture = captureLogLines();
    const response = await qaLead.request(
      `/api/audits/${person!.id}/history?search=${encodeURIComponent('seen alone at school')}`,
    );
    const cookie = qaLead.cookie;
    const [line] = accessLines();
    expect(line).toMatchObject({ personId: person!.id, route: '/api/audits/:auditId/history' });
    expect(line?.status).toBe(response.status);
    const text = capture.lines().join('\n');
    expect(text).not.toContain('seen alone');
    expect(text).not.toContain(person!.name);
    expect(text).not.toContain('erin.qalead');
    expect(text).not.toContain(cookie.split('=')[1]);
  });

  it('names a request nothing serves by the catch-all that answered it, not by its path', async () => {
    capture = captureLogLines();
    expect((await t.request('/api/no-such-thing/CASE-REF-123')).status).toBe(404);
    expect(accessLines()[0]).toMatchObject({ route: '/api/*', status: 404 });
    expect(capture.lines().join('\n')).not.toContain('CASE-REF-123');
  });
});
