/**
 * Who is using Lantern on this device. The server's session is the authority while online;
 * the last signed-in person is remembered on the device so that auditing goes on offline,
 * and an expired session never blocks work: it only asks the person to sign in again before
 * the next sync.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError, setCsrfToken, setSessionRefresher } from '../api/http';
import { readRememberedPerson, writeRememberedPerson } from '../db/device-db';
import type { Role, SessionInfo, SessionPerson } from '../../shared/accounts/roles';
import { isSessionInfo, isSessionPerson } from 'virtual:startup-checks';
import { startupParse, startupSafeParse } from '../validation/startup-parse';

const REMEMBERED_KEY = 'lantern.person';

/** signed-in: a live server session; remembered: offline, or the session ended — work goes on locally. */
export type SessionState = 'unknown' | 'signed-in' | 'remembered' | 'signed-out';

function rememberedPerson(): SessionPerson | null {
  try {
    return startupSafeParse<SessionPerson>(
      isSessionPerson,
      JSON.parse(localStorage.getItem(REMEMBERED_KEY) ?? 'null'),
    );
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('session', () => {
  const person = ref<SessionPerson | null>(rememberedPerson());
  const state = ref<SessionState>('unknown');
  /** True when the server said the session ended: sync waits until the person signs in again. */
  const needsSignIn = ref(false);

  const roles = computed(() => person.value?.roles ?? []);
  const hasRole = (...wanted: Role[]): boolean => wanted.some((role) => roles.value.includes(role));

  function accept(info: unknown): void {
    const parsed = startupParse<SessionInfo>(isSessionInfo, info, 'The session');
    person.value = parsed.person;
    setCsrfToken(parsed.csrfToken);
    localStorage.setItem(REMEMBERED_KEY, JSON.stringify(parsed.person));
    void writeRememberedPerson(parsed.person);
    state.value = 'signed-in';
    needsSignIn.value = false;
  }

  /** Settles once the server has said who is signed in, or could not be reached. */
  let answered: Promise<void> = Promise.resolve();
  const sessionChecked = (): Promise<void> => answered;

  /**
   * Who is signed in. A person this device remembers works from the device at once, and the
   * server's answer follows: on a line that connects but does not answer, the app still opens
   * (offline, the question fails fast anyway). With nobody remembered there is nothing to show
   * before the answer, so it is awaited.
   */
  async function restore(): Promise<void> {
    person.value ??= await readRememberedPerson();
    answered = askServer(person.value?.id);
    if (!person.value) await answered;
  }

  /** Ask the server who is signed in; offline, carry on as the remembered person. */
  async function askServer(remembered?: string): Promise<void> {
    try {
      accept(await api('/api/auth/session'));
      // Someone else has signed in in this browser since (another tab of a shared tablet): start
      // again as them (the start reads who is signed in afresh), so nothing of the remembered
      // person's stays on screen under their name.
      if (remembered && person.value?.id !== remembered) location.reload();
    } catch (error) {
      const ended = error instanceof ApiError && error.status === 401;
      if (ended) needsSignIn.value = person.value !== null;
      state.value = person.value ? 'remembered' : 'signed-out';
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    accept(await api('/api/auth/sign-in', { method: 'POST', body: { email, password } }));
  }

  /** Called when any request answers 401: keep working locally, ask to sign in before syncing. */
  function sessionEnded(): void {
    setCsrfToken(null);
    needsSignIn.value = true;
    if (state.value === 'signed-in') state.value = 'remembered';
  }

  async function signOut(everywhere = false): Promise<void> {
    try {
      await api(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', { method: 'POST' });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    forget();
  }

  /** After sign-out the next person on a shared tablet sees nothing of this one. */
  function forget(): void {
    setCsrfToken(null);
    localStorage.removeItem(REMEMBERED_KEY);
    void writeRememberedPerson(null);
    person.value = null;
    state.value = 'signed-out';
    needsSignIn.value = false;
  }

  /**
   * A request was refused for its CSRF token (http.ts retries it after this): take the fresh
   * token, but only from a session of the person this page works as. Were someone else signed
   * in now (another tab), this page must not send its person's work under their session.
   */
  async function refreshToken(): Promise<void> {
    const info = await api('/api/auth/session').catch(() => null);
    const parsed = startupSafeParse<SessionInfo>(isSessionInfo, info);
    if (parsed && parsed.person.id === person.value?.id) accept(parsed);
  }
  setSessionRefresher(refreshToken);

  return {
    person,
    state,
    needsSignIn,
    roles,
    hasRole,
    restore,
    sessionChecked,
    signIn,
    sessionEnded,
    signOut,
    forget,
  };
});
