/**
 * One-time set-password links at the public end: the link says whose account it sets, sets a
 * password once (then never again), refuses a weak password field by field without using the
 * link up, expires after 72 hours, ends the person's other sessions, and is logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import type { PersonWithLink } from '../../shared/accounts/person-schemas';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const STRONG = 'a long and memorable passphrase';

let counter = 0;

describe.each(ENGINES)('set-password links on $engine', (engine) => {
  const t = useTestApp(engine);
  let admin: Client;
  beforeAll(async () => {
    admin = await t.as(ADMIN);
  });

  const invite = async () => {
    const email = `invited${++counter}@council.gov.uk`;
    const response = await admin.request('/api/admin/people', {
      method: 'POST',
      json: { email, name: 'Invited Person', roles: ['auditor'] },
    });
    const { person, passwordLink } = (await response.json()) as PersonWithLink;
    return { person, token: passwordLink.path.split('=')[1] ?? '' };
  };
  const setPassword = (token: string, password: string, confirmPassword = password) =>
    t.request('/api/auth/set-password', { method: 'POST', json: { token, password, confirmPassword } });
  const signIn = (email: string, password: string) =>
    t.request('/api/auth/sign-in', { method: 'POST', json: { email, password } });

  it('says whose account the link is for', async () => {
    const { person, token } = await invite();
    const response = await t.request('/api/auth/set-password/check', { method: 'POST', json: { token } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: person.email, name: 'Invited Person' });
  });

  it('sets the password once, logs it, and the person can sign in with it', async () => {
    const { person, token } = await invite();
    const response = await setPassword(token, STRONG);
    expect(response.status).toBe(200);
    expect((await signIn(person.email, STRONG)).status).toBe(200);
    const again = await setPassword(token, 'another long passphrase');
    expect(again.status).toBe(404);
    expect(((await again.json()) as { message: string }).message).toMatch(/Ask your Lantern administrator/);
    const rows = await t.db.query<{ actor_id: string; action: string }>(
      "SELECT actor_id, action FROM audit_log WHERE entity_id = $1 AND action = 'password.set'",
      [person.id],
    );
    expect(rows).toEqual([{ actor_id: person.id, action: 'password.set' }]);
  });

  it('refuses a weak password field by field, and the link still works afterwards', async () => {
    const { person, token } = await invite();
    const weak = await setPassword(token, person.email, 'something else');
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'password', message: 'Do not use your e-mail address, or part of it, in your password.' },
      { path: 'confirmPassword', message: 'The two passwords are not the same.' },
    ]);
    const short = await setPassword(token, 'short');
    expect(((await short.json()) as { fields: { message: string }[] }).fields[0]?.message).toBe(
      'Use at least 12 characters.',
    );
    for (const common of ['Password1234', 'Welcome2026!']) {
      const refused = await setPassword(token, common);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { fields: { path: string; message: string }[] }).fields).toEqual([
        { path: 'password', message: expect.stringMatching(/too easy to guess/) },
      ]);
    }
    expect((await setPassword(token, STRONG)).status).toBe(200);
  });

  it('refuses a link after 72 hours', async () => {
    const { person, token } = await invite();
    await t.db.query(
      "UPDATE password_links SET expires_at = now() - interval '1 second' WHERE person_id = $1",
      [person.id],
    );
    expect(
      (await t.request('/api/auth/set-password/check', { method: 'POST', json: { token } })).status,
    ).toBe(404);
    expect((await setPassword(token, STRONG)).status).toBe(404);
  });

  it('ends the sessions the person already had', async () => {
    const { person, token } = await invite();
    await setPassword(token, STRONG);
    const before = await signIn(person.email, STRONG);
    const cookie = (before.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { passwordLink } = (await (
      await admin.request(`/api/admin/people/${person.id}/password-link`, { method: 'POST' })
    ).json()) as PersonWithLink;
    await setPassword(passwordLink.path.split('=')[1] ?? '', 'yet another long passphrase');
    expect((await t.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a token that was never issued', async () => {
    expect((await setPassword('made-up-token', STRONG)).status).toBe(404);
    const empty = await setPassword('', STRONG);
    expect(empty.status).toBe(400);
  });
});
