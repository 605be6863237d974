/** The auth-methods store: which sign-in ways the sign-in page offers, online and offline. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAuthMethodsStore } from './auth-methods-store';

const server = withFakeApi();

describe('auth methods store', () => {
  it('offers single sign-on only when the server says it is set up', async () => {
    server().answer('GET /api/auth/methods', { password: true, oidc: true });
    const store = useAuthMethodsStore();
    await store.load();
    expect(store.methods).toEqual({ password: true, oidc: true });
    expect(store.singleSignOnHref('/audits?x=1')).toBe('/api/auth/oidc/start?next=%2Faudits%3Fx%3D1');
  });

  it('offers nothing but the password form offline', async () => {
    server().goOffline();
    const store = useAuthMethodsStore();
    await store.load();
    expect(store.methods).toBeNull();
  });
});
