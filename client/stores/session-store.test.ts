/**
 * The session store: the server's session is the authority online; offline, and after the
 * session ends, work goes on as the person remembered on the device; sign-out forgets them.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { fakeApi, memoryStorage, type FakeApi } from '../../tests/support/fake-api';
import { readRememberedPerson, writeRememberedPerson } from '../db/device-db';
import { api } from '../api/http';
import { useSessionStore } from './session-store';

const person = {
  id: 'p-amara',
  email: 'amara.auditor@demo.lantern.invalid',
  name: 'Amara Okafor',
  jobTitle: 'Practice lead',
  roles: ['auditor' as const],
  teamId: 't1',
  serviceId: 's1',
  guest: null,
};
const session = (csrfToken = 'token-1', who = person) => ({
  person: who,
  csrfToken,
  expiresAt: '2026-12-05T18:00:00Z',
  method: 'password' as const,
});

let server: FakeApi;
beforeEach(async () => {
  await writeRememberedPerson(null); // each test starts on a device nobody has used
  vi.stubGlobal('localStorage', memoryStorage());
  setActivePinia(createPinia());
  server = fakeApi();
});
afterEach(() => server.done());

describe('session store', () => {
  it('signs in: the person, their roles and the CSRF token for later writes', async () => {
    server.answer('POST /api/auth/sign-in', session('token-1'));
    server.answer('POST /api/notifications/read-all', { marked: 0, unread: 0 });
    const store = useSessionStore();
    await store.signIn('amara.auditor@demo.lantern.invalid', 'lantern-demo');
    expect(store.state).toBe('signed-in');
    expect(store.hasRole('auditor')).toBe(true);
    expect(store.hasRole('qa_lead', 'manager')).toBe(false);
    await api('/api/notifications/read-all', { method: 'POST', body: {} });
    expect(server.calls.at(-1)?.csrfToken).toBe('token-1');
    expect(await readRememberedPerson()).toMatchObject({ id: 'p-amara' });
  });

  it('carries on as the remembered person when the server cannot be reached', async () => {
    server.answer('POST /api/auth/sign-in', session());
    await useSessionStore().signIn(person.email, 'lantern-demo');
    setActivePinia(createPinia());
    server.goOffline();
    const reopened = useSessionStore();
    await reopened.restore();
    expect(reopened.state).toBe('remembered');
    expect(reopened.person?.id).toBe('p-amara');
    expect(reopened.needsSignIn).toBe(false);
  });

  it('asks to sign in again, without stopping work, when the session has ended', async () => {
    server.answer('POST /api/auth/sign-in', session());
    await useSessionStore().signIn(person.email, 'lantern-demo');
    setActivePinia(createPinia());
    server.refuse('GET /api/auth/session', 401, 'unauthenticated', 'Sign in again.');
    const reopened = useSessionStore();
    await reopened.restore();
    await reopened.sessionChecked();
    expect([reopened.state, reopened.needsSignIn]).toEqual(['remembered', true]);
  });

  it('opens at once as the remembered person on a line that connects but does not answer', async () => {
    server.answer('POST /api/auth/sign-in', session('token-1'));
    await useSessionStore().signIn(person.email, 'lantern-demo');
    setActivePinia(createPinia());
    server.answer('GET /api/auth/session', session('token-2'));
    server.answer('POST /api/notifications/read-all', { marked: 0, unread: 0 });
    server.stall();
    const reopened = useSessionStore();
    await reopened.restore(); // returns with the server's answer still owed
    expect([reopened.person?.id, reopened.state, reopened.needsSignIn]).toEqual([
      'p-amara',
      'unknown',
      false,
    ]);
    let checked = false;
    void reopened.sessionChecked().then(() => (checked = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(checked).toBe(false);
    server.release();
    await reopened.sessionChecked();
    expect(reopened.state).toBe('signed-in');
    await api('/api/notifications/read-all', { method: 'POST', body: {} });
    expect(server.calls.at(-1)?.csrfToken).toBe('token-2');
  });

  it('waits for the answer when nobody is remembered: there is no one to open as', async () => {
    server.answer('GET /api/auth/session', session('token-1'));
    server.stall();
    const store = useSessionStore();
    let restored = false;
    void store.restore().then(() => (restored = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(restored).toBe(false);
    server.release();
    await vi.waitFor(() => expect(restored).toBe(true));
    expect([store.state, store.person?.id]).toEqual(['signed-in', 'p-amara']);
  });

  it('starts the page again when the server names someone else than the person remembered', async () => {
    server.answer('POST /api/auth/sign-in', session());
    await useSessionStore().signIn(person.email, 'lantern-demo');
    setActivePinia(createPinia());
    const other = { ...person, id: 'p-ben', email: 'ben.auditor@demo.lantern.invalid', name: 'Ben Adeyemi' };
    server.answer('GET /api/auth/session', session('token-3', other));
    const reload = vi.fn();
    vi.stubGlobal('location', { reload });
    const reopened = useSessionStore();
    await reopened.restore();
    await reopened.sessionChecked();
    expect(reload).toHaveBeenCalledOnce();
    expect(await readRememberedPerson()).toMatchObject({ id: 'p-ben' });
  });

  it('is signed out when nobody was ever signed in here', async () => {
    server.refuse('GET /api/auth/session', 401, 'unauthenticated', 'Sign in.');
    const store = useSessionStore();
    await store.restore();
    expect([store.state, store.person, store.needsSignIn]).toEqual(['signed-out', null, false]);
  });

  it('forgets the person on sign-out, even when the session had already ended', async () => {
    server.answer('POST /api/auth/sign-in', session());
    server.refuse('POST /api/auth/sign-out', 401, 'unauthenticated', 'Sign in.');
    const store = useSessionStore();
    await store.signIn(person.email, 'lantern-demo');
    await store.signOut();
    expect([store.state, store.person]).toEqual(['signed-out', null]);
    expect(localStorage.getItem('lantern.person')).toBeNull();
    expect(await readRememberedPerson()).toBeNull();
  });

  it('keeps the person when sign-out fails for another reason (nothing is forgotten half-way)', async () => {
    server.answer('POST /api/auth/sign-in', session());
    const store = useSessionStore();
    await store.signIn(person.email, 'lantern-demo');
    server.goOffline();
    await expect(store.signOut()).rejects.toMatchObject({ code: 'network' });
    expect(store.person?.id).toBe('p-amara');
  });

  it('signs out everywhere through its own route', async () => {
    server.answer('POST /api/auth/sign-in', session());
    server.answer('POST /api/auth/sign-out-everywhere', { signedOut: true, sessionsEnded: 2 });
    const store = useSessionStore();
    await store.signIn(person.email, 'lantern-demo');
    await store.signOut(true);
    expect(server.routes().at(-1)).toBe('POST /api/auth/sign-out-everywhere');
  });

  it('takes a fresh CSRF token after a refusal, but never from another person’s session', async () => {
    server.answer('POST /api/auth/sign-in', session('token-1'));
    const store = useSessionStore();
    await store.signIn(person.email, 'lantern-demo');
    // Someone else signed in in another tab: the retried write must not go under their session.
    server.refuse('POST /api/notifications/read-all', 403, 'csrf_failed', 'Stale token.');
    server.answer('GET /api/auth/session', session('token-other', { ...person, id: 'p-ben', name: 'Ben' }));
    await expect(api('/api/notifications/read-all', { method: 'POST', body: {} })).rejects.toMatchObject({
      code: 'csrf_failed',
    });
    expect(
      server.calls.filter((c) => c.route === 'POST /api/notifications/read-all').map((c) => c.csrfToken),
    ).toEqual(['token-1', 'token-1']);
    expect(store.person?.id).toBe('p-amara');
  });

  it('marks the session ended on a 401 from any request: the person stays, sync waits', async () => {
    server.answer('POST /api/auth/sign-in', session());
    const store = useSessionStore();
    await store.signIn(person.email, 'lantern-demo');
    store.sessionEnded();
    expect([store.state, store.needsSignIn, store.person?.id]).toEqual(['remembered', true, 'p-amara']);
  });
});
