/**
 * A scripted session through a real server process (as `npm start` runs it), then its whole
 * log is searched: an admin invites someone, the set-password link is opened, checked and
 * used, the new person signs in (once with a wrong password), an auditor pushes a note and
 * a conflict, and requests carry a cookie, a bearer token and a hostile request id. No line
 * holds a note, a password, a token, a cookie or a CSRF token — and the log is not empty:
 * every request left an access line with its request id, and the signed-in ones the
 * person's id.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../tests/support/server-process';
import { createPostgresTestDatabase } from '../../tests/support/test-databases';
import { pullOverHttp, pushOverHttp, signInOverHttp, type HttpSession } from '../../tests/support/sync-http';
import { AUDITOR_A, draftFor, mutation } from '../../tests/support/sync-fixtures';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { DEMO_NOTE_TEXTS } from '../demo/synthetic-answers';
import { forbiddenInLogs, scanLog } from '../../tests/support/log-hygiene';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const NEW_PASSWORD = 'correct horse battery staple lantern';
const WRONG_PASSWORD = 'wrong horse battery staple lantern';
const NOTE = 'Seen alone at school; said she is frightened of the new partner.';
const BEARER = 'bearer-secret-0123456789abcdef';

const engines = [
  { engine: 'pglite', env: async () => ({ env: {}, drop: async () => undefined }) },
  ...(process.env.DATABASE_URL
    ? [
        {
          engine: 'postgresql',
          env: async () => {
            const target = await createPostgresTestDatabase(process.env.DATABASE_URL ?? '');
            return { env: { DATABASE_URL: target.url }, drop: () => target.drop() };
          },
        },
      ]
    : []),
];

const post = (url: string, session: HttpSession | null, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });

describe.each(engines)('what a real server logs on $engine', ({ env }) => {
  let server: ServerProcess;
  let drop: () => Promise<void> = async () => undefined;
  const secrets: Record<string, string> = {};
  let auditorId = '';

  beforeAll(async () => {
    const setUp = await env();
    drop = setUp.drop;
    server = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip', ...setUp.env }, timeoutMs: 240_000 });
    const url = server.url;

    const admin = await signInOverHttp(url, ADMIN);
    const me = (await (
      await fetch(`${url}/api/auth/session`, { headers: { cookie: admin.cookie } })
    ).json()) as {
      person: { id: string };
    };
    const person = await post(`${url}/api/admin/people`, admin, {
      email: `logs.${randomUUID().slice(0, 8)}@test.invalid`,
      name: 'Logan Quill',
      jobTitle: 'Senior practitioner',
      teamId: null,
      serviceId: null,
      roles: ['auditor'],
    });
    expect(person.status).toBe(201);
    const created = (await person.json()) as { person: { email: string }; passwordLink: { path: string } };
    const token = created.passwordLink.path.split('token=')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    await fetch(`${url}${created.passwordLink.path}`);
    expect((await post(`${url}/api/auth/set-password/check`, null, { token })).status).toBe(200);
    const set = await post(`${url}/api/auth/set-password`, null, {
      token,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(set.status).toBe(200);
    expect(
      (await post(`${url}/api/auth/sign-in`, null, { email: created.person.email, password: WRONG_PASSWORD }))
        .status,
    ).toBe(401);
    const signIn = await post(`${url}/api/auth/sign-in`, null, {
      email: created.person.email,
      password: NEW_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const newCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const auditor = await signInOverHttp(url, AUDITOR_A);
    auditorId = auditor.personId;
    const page = await pullOverHttp(url, auditor, undefined, 200);
    const allocation = page.allocations.find((a) => !page.audits.some((audit) => audit.id === a.id));
    expect(allocation).toBeDefined();
    const draft = draftFor(
      { id: allocation!.id, case_id: allocation!.caseId },
      {
        'plan.evidence': { kind: 'text', value: NOTE },
        'lived-experience.evidence': { kind: 'text', value: DEMO_NOTE_TEXTS[0]! },
      },
    );
    const first = await pushOverHttp(url, auditor, randomUUID(), [mutation(draft, 0)]);
    expect(first.results[0]?.status).toBe('applied');
    const second = await pushOverHttp(url, auditor, randomUUID(), [mutation(draft, 0)]);
    expect(second.results[0]?.status).toBe('conflict');

    await fetch(`${url}/api/health`, {
      headers: { authorization: `Bearer ${BEARER}`, cookie: auditor.cookie, 'x-request-id': 'a b"c' },
    });
    await server.stop();
    Object.assign(secrets, {
      'the demo password': DEMO_PASSWORD,
      'the new password': NEW_PASSWORD,
      'the wrong password': WRONG_PASSWORD,
      'the set-password token': token,
      'the admin session cookie': admin.cookie.split('=')[1] ?? '',
      'the auditor session cookie': auditor.cookie.split('=')[1] ?? '',
      'the new person session cookie': newCookie.split('=')[1] ?? '',
      'the admin CSRF token': admin.csrfToken,
      'the auditor CSRF token': auditor.csrfToken,
      'the note': NOTE,
      'a demo note text': DEMO_NOTE_TEXTS[0]!,
      'a bearer token': BEARER,
      "the new person's name": 'Logan Quill',
      "the new person's e-mail": created.person.email,
      "the admin's e-mail": ADMIN,
    });
    expect(me.person.id).toBeTruthy();
  }, 480_000);
  afterAll(async () => {
    await server?.stop();
    await drop();
  });

  const jsonLines = (): Record<string, unknown>[] =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('wrote JSON lines, one access line per request, each with its request id', () => {
    const access = jsonLines().filter((line) => line.type === 'access');
    expect(access.length).toBeGreaterThanOrEqual(12);
    for (const line of access) {
      expect(line).toMatchObject({ requestId: expect.any(String), route: expect.any(String) });
      expect(String(line.route)).not.toContain('?');
    }
    const pushes = access.filter((line) => line.route === '/api/sync/push');
    expect(pushes).toHaveLength(2);
    for (const line of pushes) expect(line.personId).toBe(auditorId);
    // The hostile request id was replaced, not written.
    expect(server.output()).not.toContain('a b"c');
  });

  it('holds none of the session’s secrets, notes or personal details', () => {
    const output = server.output();
    expect(output.length).toBeGreaterThan(0);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(5);
      expect(output.includes(secret) || output.includes(JSON.stringify(secret).slice(1, -1)), what).toBe(
        false,
      );
    }
  });

  it('passes the same scan the end-to-end run’s logs get', () => {
    const scan = scanLog('server', server.output(), forbiddenInLogs());
    expect(scan.findings).toEqual([]);
    expect(scan.accessLines).toBeGreaterThan(0);
  });
});
