/**
 * Signing in and out: sessions in the database, CSRF refusal, rate limiting (more in
 * sign-in-limits.test.ts), idle and absolute expiry, sign-out everywhere, and a log row for each event.
 * One app per engine; each test signs in as a person of its own (the demo password), so no
 * test's failures, sessions or log rows reach another's.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { addAuditor } from '../../tests/support/sync-world';
import { DEMO_PASSWORD } from '../demo/demo-people';

let counter = 0;

describe.each(ENGINES)('auth on $engine', (engine) => {
  const t = useTestApp(engine);

  /** A new auditor with the demo password; returns their e-mail address. */
  const newPerson = async (): Promise<string> => {
    const email = `auth-test-${++counter}@test.invalid`;
    await addAuditor(t.db, email);
    return email;
  };
  /** Log rows of an action by, or tried as, this e-mail address. */
  const logCount = async (action: string, email: string): Promise<number> =>
    (
      await t.db.query(
        `SELECT l.id FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id
         WHERE l.action = $1 AND (p.email = $2 OR l.actor_label = $2)`,
        [action, email],
      )
    ).length;
  const signIn = (email: string, password: string, ip?: string) =>
    t.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, ip });

  it('signs in with the right password, sets an HttpOnly SameSite cookie, and logs it', async () => {
    const email = await newPerson();
    const response = await signIn(email.toUpperCase(), DEMO_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lantern_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = (await response.json()) as { person: { email: string; roles: string[] }; csrfToken: string };
    expect(body.person).toMatchObject({ email, roles: ['auditor'] });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(await logCount('sign-in', email)).toBe(1);
  });

  it('logs who signed in, how, and from where; the session says how it began', async () => {
    const email = await newPerson();
    const response = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email, password: DEMO_PASSWORD },
      headers: { 'user-agent': 'Safari on iPad' },
      ip: '198.51.100.44',
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const [row] = await t.db.query<Record<string, unknown>>(
      `SELECT p.email, l.detail, l.ip, l.user_agent FROM audit_log l JOIN people p ON p.id = l.actor_id
       WHERE l.action = 'sign-in' AND p.email = $1`,
      [email],
    );
    expect(row).toEqual({
      email,
      detail: { method: 'password' },
      ip: '198.51.100.44',
      user_agent: 'Safari on iPad',
    });
    const session = (await (await t.request('/api/auth/session', { headers: { cookie } })).json()) as {
      method: string;
    };
    expect(session.method).toBe('password');
  });

  it('refuses a wrong password with the same words as an unknown account, and logs both', async () => {
    const email = await newPerson();
    const wrong = await signIn(email, 'nope');
    const unknown = await signIn(`nobody-${counter}@example.invalid`, 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(await logCount('sign-in.failed', email)).toBe(1);
    expect(await logCount('sign-in.failed', `nobody-${counter}@example.invalid`)).toBe(1);
  });

  it('names each bad field of a sign-in request', async () => {
    const response = await signIn('not-an-address', '');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; fields: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.fields.map((f) => f.path).sort()).toEqual(['email', 'password']);
  });

  it('locks an account from one address after 5 failures in 15 minutes, even with the right password', async () => {
    const email = await newPerson();
    for (let i = 0; i < 5; i++) {
      expect((await signIn(email, 'wrong', '198.51.100.7')).status).toBe(401);
    }
    const locked = await signIn(email, DEMO_PASSWORD, '198.51.100.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(await logCount('sign-in.failed', email)).toBe(5);
    expect(await logCount('sign-in.throttled', email)).toBe(1);
    // The window passes: the account opens again.
    await t.db.query(
      "UPDATE sign_in_failures SET failed_at = failed_at - interval '16 minutes' WHERE email = $1",
      [email],
    );
    expect((await signIn(email, DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token, or from another site', async () => {
    const client = await t.as(await newPerson());
    const noToken = await t.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: client.cookie },
    });
    expect(noToken.status).toBe(403);
    // Its own code, so a client that lost its token (a page loaded offline) knows to fetch it.
    expect(((await noToken.json()) as { code: string }).code).toBe('csrf_failed');
    const wrongToken = await t.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: client.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongToken.status).toBe(403);
    const foreign = await client.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { origin: 'https://evil.example', host: 'lantern.example' },
    });
    expect(foreign.status).toBe(403);
    // A plain form post without a session (login CSRF) is refused too.
    const form = await t.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&password=b',
    });
    expect(form.status).toBe(403);
    expect((await client.request('/api/auth/session')).status).toBe(200);
  });

  it('ends a session after the idle time and after the absolute time', async () => {
    const email = await newPerson();
    const ofPerson = 'person_id = (SELECT id FROM people WHERE email = $1)';
    const idle = await t.as(email);
    await t.db.query(
      `UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE ${ofPerson}`,
      [email],
    );
    expect((await idle.request('/api/auth/session')).status).toBe(401);

    const old = await t.as(email);
    await t.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND ${ofPerson}`,
      [email],
    );
    const response = await old.request('/api/auth/session');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'unauthenticated',
      message: 'Your session has ended. Sign in again to continue.',
    });
  });

  it('signs out here, or everywhere', async () => {
    const email = await newPerson();
    const tablet = await t.as(email);
    const laptop = await t.as(email);
    const phone = await t.as(email);
    expect((await tablet.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(200);
    expect((await tablet.request('/api/auth/session')).status).toBe(401);
    expect((await laptop.request('/api/auth/session')).status).toBe(200);
    const everywhere = await laptop.request('/api/auth/sign-out-everywhere', { method: 'POST' });
    expect(await everywhere.json()).toEqual({ signedOut: true, sessionsEnded: 2 });
    expect((await phone.request('/api/auth/session')).status).toBe(401);
    expect(await logCount('sign-out', email)).toBe(1);
    expect(await logCount('sign-out.everywhere', email)).toBe(1);
  });

  it('keeps the audit log append-only', async () => {
    await t.as(await newPerson());
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
  });
});
