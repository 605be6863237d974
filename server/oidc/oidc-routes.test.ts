/**
 * The single sign-on routes' own decisions, with the OpenID Connect client replaced by a
 * stand-in that returns a chosen identity (the real client against a real provider is proved
 * end to end in tests/e2e/oidc.spec.ts): a return is accepted once, only in the browser that
 * started it and within 10 minutes; only a verified e-mail of an active account signs in, with
 * method 'oidc'; everything else goes back to the sign-in page with a reason, and is logged.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { StandInOidcClient, standInSettings, useOidcApp } from '../../tests/support/oidc-stand-in';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { createApp } from '../app';
import { log as logger } from '../log/logger';

const AUDITOR = 'amara.auditor@demo.lantern.invalid';
describe.each(ENGINES)('single sign-on routes on $engine', (engine) => {
  const client = new StandInOidcClient({ subject: 'sub-1', email: AUDITOR, emailVerified: true });
  const sso = useOidcApp(engine, standInSettings([]), client, '192.0.2.20');
  const request = sso.request;

  beforeEach(() => {
    client.identity = { subject: 'sub-1', email: AUDITOR, emailVerified: true };
    client.reachable = true;
  });

  /** Starts a sign-in as a browser would, returning the handle cookie and the checks it holds. */
  const start = async (next = '/audits') => {
    const response = await request(`/api/auth/oidc/start?next=${encodeURIComponent(next)}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { response, cookie: setCookie.split(';')[0] ?? '', setCookie };
  };
  const callback = (cookie: string, query = 'code=the-code&state=state') =>
    request(`/api/auth/oidc/callback?${query}`, { headers: cookie ? { cookie } : {} });
  const failures = async (reason: string) =>
    sso.target.db.query<{ actor_label: string; detail: Record<string, unknown> }>(
      "SELECT actor_label, detail FROM audit_log WHERE action = 'sign-in.failed' AND detail->>'reason' = $1",
      [reason],
    );

  it('says single sign-on is available', async () => {
    expect(await (await request('/api/auth/methods')).json()).toEqual({ password: true, oidc: true });
  });

  it('sends the browser to the provider, remembering the sign-in in an HttpOnly cookie', async () => {
    const { response, setCookie } = await start();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(
      /^https:\/\/login\.council\.example\/authorize\?state=state-/,
    );
    expect(setCookie).toMatch(/^lantern_oidc=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=600/);
  });

  it('signs a verified, known person in with method oidc, once, and logs it', async () => {
    const { cookie } = await start('/audits?tab=2');
    const response = await callback(cookie, 'code=abc&state=state-x');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/audits?tab=2');
    expect(client.finished.at(-1)?.url).toBe(
      'https://lantern.council.example/api/auth/oidc/callback?code=abc&state=state-x',
    );
    const session = (response.headers.get('set-cookie') ?? '').match(/lantern_session=[^;]+/)?.[0] ?? '';
    const info = (await (await request('/api/auth/session', { headers: { cookie: session } })).json()) as {
      person: { email: string };
      method: string;
    };
    expect(info).toMatchObject({ person: { email: AUDITOR }, method: 'oidc' });
    const [logged] = await sso.target.db.query<{ detail: Record<string, unknown> }>(
      "SELECT l.detail FROM audit_log l JOIN people p ON p.id = l.actor_id WHERE l.action = 'sign-in' AND p.email = $1",
      [AUDITOR],
    );
    expect(logged?.detail).toEqual({ method: 'oidc', subject: 'sub-1' });

    const replay = await callback(cookie, 'code=abc&state=state-x');
    expect(replay.headers.get('location')).toBe('/sign-in?sso=failed');
  });

  it.each([
    ['an unverified e-mail', { subject: 's', email: AUDITOR, emailVerified: false }, 'email-not-verified'],
    ['no e-mail at all', { subject: 's', email: null, emailVerified: true }, 'email-not-verified'],
    [
      'an e-mail Lantern does not know',
      { subject: 's', email: 'stranger@council.example', emailVerified: true },
      'unknown-account',
    ],
  ])(
    'sends %s back to the sign-in page with a reason, without a session',
    async (_name, identity, reason) => {
      client.identity = identity;
      const { cookie } = await start();
      const response = await callback(cookie);
      expect(response.headers.get('location')).toBe(`/sign-in?sso=${reason}`);
      expect(response.headers.get('set-cookie') ?? '').not.toMatch(/lantern_session=[^;]/);
    },
  );

  it('refuses a deactivated account and logs the address tried', async () => {
    await sso.target.db.query(
      "UPDATE people SET active = false WHERE email = 'ben.auditor@demo.lantern.invalid'",
    );
    client.identity = { subject: 's', email: 'ben.auditor@demo.lantern.invalid', emailVerified: true };
    const { cookie } = await start();
    expect((await callback(cookie)).headers.get('location')).toBe('/sign-in?sso=inactive');
    expect((await failures('account deactivated'))[0]?.actor_label).toBe('ben.auditor@demo.lantern.invalid');
  });

  it('refuses a return without the cookie of the browser that started it, or after 10 minutes', async () => {
    expect((await callback('')).headers.get('location')).toBe('/sign-in?sso=failed');
    const { cookie } = await start();
    expect((await callback('lantern_oidc=someone-elses')).headers.get('location')).toBe(
      '/sign-in?sso=failed',
    );
    await sso.target.db.query("UPDATE oidc_logins SET expires_at = now() - interval '1 second'");
    expect((await callback(cookie)).headers.get('location')).toBe('/sign-in?sso=failed');
  });

  it('refuses when the provider reports an error or the code exchange fails, and logs why', async () => {
    const first = await start();
    expect((await callback(first.cookie, 'error=access_denied&state=x')).headers.get('location')).toBe(
      '/sign-in?sso=failed',
    );
    expect(await failures('the provider answered access_denied')).toHaveLength(1);
    client.identity = new Error('unexpected ID Token "nonce" claim value');
    const second = await start();
    expect((await callback(second.cookie)).headers.get('location')).toBe('/sign-in?sso=failed');
    expect(await failures('unexpected ID Token "nonce" claim value')).toHaveLength(1);
  });

  it('offers only passwords, and has no sign-on routes to use, when single sign-on is not set up', async () => {
    const plain = createApp({ db: sso.target.db, config: TEST_CONFIG, schemaVersion: 0, oidc: null });
    expect(await (await plain.request('/api/auth/methods')).json()).toEqual({ password: true, oidc: false });
    expect((await plain.request('/api/auth/oidc/start')).status).toBe(404);
    expect((await plain.request('/api/auth/oidc/callback?code=x')).status).toBe(404);
  });

  it('says so when the provider cannot be reached', async () => {
    client.reachable = false;
    const log = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { response } = await start();
    expect(response.headers.get('location')).toBe('/sign-in?sso=unavailable');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
