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
import {
  sessionInfoSchema,
  sessionPersonSchema,
  type Role,
  type SessionPerson,
} from '../../shared/accounts/roles';

const REMEMBERED_KEY = 'lantern.person';

/** signed-in: a live server session; remembered: offline, or the session ended — work goes on locally. */
export type SessionState = 'unknown' | 'signed-in' | 'remembered' | 'signed-out';

function rememberedPerson(): SessionPerson | null {
  try {
    const parsed = sessionPersonSchema.safeParse(JSON.parse(localStorage.getItem(REMEMBERED_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
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
    const parsed = sessionInfoSchema.parse(info);
    person.value = parsed.person;
    setCsrfToken(parsed.csrfToken);
    localStorage.setItem(REMEMBERED_KEY, JSON.stringify(parsed.person));
    void writeRememberedPerson(parsed.person);
    state.value = 'signed-in';
    needsSignIn.value = false;
  }

  /** Ask the server who is signed in; offline, carry on as the remembered person. */
  async function restore(): Promise<void> {
    person.value ??= await readRememberedPerson();
    try {
      accept(await api('/api/auth/session'));
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
    const parsed = sessionInfoSchema.safeParse(info);
    if (parsed.success && parsed.data.person.id === person.value?.id) accept(parsed.data);
  }
  setSessionRefresher(refreshToken);

  return { person, state, needsSignIn, roles, hasRole, restore, signIn, sessionEnded, signOut, forget };
});
