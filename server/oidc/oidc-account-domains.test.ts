/**
 * Accounts made on a first single sign-on (LANTERN_OIDC_ACCOUNT_DOMAINS), with the OpenID
 * Connect client replaced by a stand-in that returns a chosen identity: a verified address in a
 * listed domain gets an account with no role, signs in, is logged, and waits in the admin's list
 * of people; the same person again reuses the account; an unlisted domain (a subdomain included)
 * or an unverified address gets no account.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { StandInOidcClient, standInSettings, useOidcApp } from '../../tests/support/oidc-stand-in';
import { DEMO_PASSWORD } from '../demo/demo-people';
import type { VerifiedIdentity } from './oidc-client';

describe.each(ENGINES)('accounts on first single sign-on on $engine', (engine) => {
  const client = new StandInOidcClient({ subject: 's', email: null, emailVerified: false });
  const sso = useOidcApp(engine, standInSettings(['council.invalid']), client, '192.0.2.30');
  const request = sso.request;

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
    sso.target.db.query<{ id: string; display_name: string; roles: string[]; created_via: string }>(
      'SELECT id, display_name, roles, created_via FROM people WHERE email = $1',
      [email],
    );

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
    const logged = await sso.target.db.query<{ action: string; detail: Record<string, unknown> }>(
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
