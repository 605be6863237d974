/** The set-password store: checking a one-time link and setting the password, with the server's field problems. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useSetPasswordStore } from './set-password-store';

const server = withFakeApi();

describe('set-password store', () => {
  it('checks a link, then sets the password with it, passing the server’s field problems on', async () => {
    server().answer('POST /api/auth/set-password/check', {
      email: 'new.auditor@demo.lantern.invalid',
      name: 'New Auditor',
      expiresAt: '2026-12-12T09:00:00Z',
    });
    server().refuse('POST /api/auth/set-password', 400, 'validation', 'Check the password.', [
      { field: 'password', message: 'Choose a longer password.' },
    ]);
    const store = useSetPasswordStore();
    expect((await store.check('a'.repeat(43))).name).toBe('New Auditor');
    await expect(store.setPassword('a'.repeat(43), 'short', 'short')).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'password', message: 'Choose a longer password.' }],
    });
  });
});
