/** The first admin of an organisation without the demo: added once, with a working one-time link. */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { createFirstAdmin } from './create-first-admin';

describe.each(ENGINES)('the first admin on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });

  it('is added with a one-time link that sets their password, and only while there is no admin', async () => {
    // Until then the sign-in page is told how to make them.
    const organisation = async () =>
      ((await (await t.request('/api/organisation')).json()) as { firstAdmin: { command: string } | null })
        .firstAdmin;
    expect((await organisation())?.command).toMatch(/npm run create-admin/);
    const link = await createFirstAdmin(t.db, { email: 'Head.Of.IT@council.gov.uk', name: 'Pat Admin' });
    const token = link.path.split('=')[1];
    const set = await t.request('/api/auth/set-password', {
      method: 'POST',
      json: { token, password: 'a long first password', confirmPassword: 'a long first password' },
    });
    expect(set.status).toBe(200);
    const admin = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: 'head.of.it@council.gov.uk', password: 'a long first password' },
    });
    expect(((await admin.json()) as { person: { roles: string[] } }).person.roles).toEqual(['admin']);
    expect(await organisation()).toBeNull();
    await expect(
      createFirstAdmin(t.db, { email: 'someone.else@council.gov.uk', name: 'Else' }),
    ).rejects.toThrow(/already an active admin/);
  });

  it('refuses an address that is not one', async () => {
    await expect(createFirstAdmin(t.db, { email: 'nope', name: 'X' })).rejects.toThrow(/e-mail address/);
  });
});
