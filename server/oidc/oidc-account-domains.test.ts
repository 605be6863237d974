/**
 * Accounts made on a first single sign-on (LANTERN_OIDC_ACCOUNT_DOMAINS), with the OpenID
 * Connect client replaced by a stand-in that returns a chosen identity: a verified address in a
 * listed domain gets an account with no role, signs in, is logged, and waits in the admin's list
 * of people; the same person again reuses the account; an unlisted domain (a subdomain included)
 * or an unverified address gets no account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { TEST_CONFIG, TEST_NOW } from '../../tests/support/test-app';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { migrate } from '../db/migrate';
import { seedFirstStart } from '../demo/seed-first-start';
import { createApp, type LanternApp } from '../app';
import type { OidcClient, VerifiedIdentity } from './oidc-client';
import type { OidcSettings } from './oidc-settings';

const SETTINGS: OidcSettings = {
  issuer: new URL('https://login.council.example/tenant/v2.0'),
  clientId: 'lantern',
  clientSecret: 'secret',
  redirectUrl: new URL('https://lantern.council.example/api/auth/oidc/callback'),
  allowHttp: false,
  accountDomains: ['council.invalid'],
};

class StandInClient implements OidcClient {
  identity: VerifiedIdentity = { subject: 's', email: null, emailVerified: false };
  private count = 0;
  async begin() {
    const n = ++this.count;
    const checks = { state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}` };
    return { url: new URL(`https://login.council.example/authorize?state=${checks.state}`), checks };
  }
  async finish() {
    return this.identity;
  }
}

describe.each(ENGINES)('accounts on first single sign-on on $engine', (engine) => {
  let target: TestDatabase;
  let app: LanternApp;
  const client = new StandInClient();
  const request = (path: string, init: RequestInit = {}) =>
    Promise.resolve(app.request(path, init, { incoming: { socket: { remoteAddress: '192.0.2.30' } } }));

  /** Signs in with the council account `identity`: where the browser is sent, and the session cookie. */
  const signIn = async (identity: VerifiedIdentity) => {
    client.identity = identity;
    const started = await request('/api/auth/oidc/start?next=/');
    const handle = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const back = await request('/api/auth/oidc/callback?code=c&state=s', { headers: { cookie: handle } });
    const session = (back.headers.get('set-cookie') ?? '').match(/lantern_session=[^;]+/)?.[0] ?? '';
    return { location: back.headers.get('location'), session };
  };
  const people = (email: string) =>
    target.db.query<{ id: string; display_name: string; roles: string[]; created_via: string }>(
      'SELECT id, display_name, roles, created_via FROM people WHERE email = $1',
      [email],
    );

  beforeAll(async () => {
    target = await engine.create();
    const { schemaVersion } = await migrate(target.db);
    await seedFirstStart(target.db, { demo: true, now: TEST_NOW });
    app = createApp({
      db: target.db,
      config: TEST_CONFIG,
      schemaVersion,
      oidc: SETTINGS,
      oidcClient: client,
    });
    // Seeding the demo organisation takes a while on a loaded machine.
  }, 180_000);
  afterAll(async () => {
    await target.drop();
  });

  it('makes an account with no role for a verified address in a listed domain, and signs them in', async () => {
    const { location, session } = await signIn({
      subject: 'sub-new',
      email: 'rowan.vale@council.invalid',
      emailVerified: true,
      name: 'Rowan Vale',
    });
    expect(location).toBe('/');
    const [person] = await people('rowan.vale@council.invalid');
    expect(person).toMatchObject({ display_name: 'Rowan Vale', roles: [], created_via: 'oidc' });
    const info = (await (await request('/api/auth/session', { headers: { cookie: session } })).json()) as {
      person: { email: string; roles: string[] };
      method: string;
    };
    expect(info).toMatchObject({
      person: { email: 'rowan.vale@council.invalid', roles: [] },
      method: 'oidc',
    });
    // No role, so nothing beyond their own session.
    expect((await request('/api/plans', { headers: { cookie: session } })).status).toBe(403);
    const logged = await target.db.query<{ action: string; detail: Record<string, unknown> }>(
      'SELECT action, detail FROM audit_log WHERE actor_id = $1 ORDER BY id',
      [person?.id],
    );
    expect(logged.map((l) => l.action)).toEqual(['person.created', 'sign-in']);
    expect(logged[0]?.detail).toMatchObject({ via: 'oidc', roles: [], subject: 'sub-new' });

    // The next sign-in finds the same account.
    expect(
      (await signIn({ subject: 'sub-new', email: 'rowan.vale@council.invalid', emailVerified: true }))
        .location,
    ).toBe('/');
    expect(await people('rowan.vale@council.invalid')).toHaveLength(1);
  });

  it('shows the admin who is waiting for a role', async () => {
    await signIn({ subject: 'sub-w', email: 'wren.holt@council.invalid', emailVerified: true });
    const admin = await request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'gus.admin@demo.lantern.invalid', password: DEMO_PASSWORD }),
    });
    const cookie = (admin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const list = (await (await request('/api/admin/people', { headers: { cookie } })).json()) as {
      people: { email: string; name: string; roles: string[]; active: boolean }[];
    };
    expect(list.people.find((p) => p.email === 'wren.holt@council.invalid')).toMatchObject({
      name: 'wren.holt',
      roles: [],
      active: true,
    });
  });

  it.each([
    ['a domain that is not listed', 'sam.moss@elsewhere.invalid', true, 'unknown-account'],
    ['a subdomain of a listed domain', 'sam.moss@schools.council.invalid', true, 'unknown-account'],
    ['an unverified address in a listed domain', 'sam.moss@council.invalid', false, 'email-not-verified'],
  ])('makes no account for %s', async (_what, email, emailVerified, reason) => {
    const { location, session } = await signIn({ subject: 'sub-x', email, emailVerified });
    expect(location).toBe(`/sign-in?sso=${reason}`);
    expect(session).toBe('');
    expect(await people(email)).toEqual([]);
  });
});
