/**
 * How people may sign in here: always a password, and "Sign in with your council account"
 * when single sign-on is configured. Offline, the sign-in page shows the password form only.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import { authMethodsSchema, type AuthMethods } from '../../shared/accounts/auth-methods';

export const useAuthMethodsStore = defineStore('auth-methods', () => {
  const methods = ref<AuthMethods | null>(null);

  async function load(): Promise<void> {
    try {
      methods.value = authMethodsSchema.parse(await api<unknown>('/api/auth/methods'));
    } catch {
      // Offline or unreadable: signing in needs the server anyway, and the form says so.
      methods.value = null;
    }
  }

  /** Where the council-account button goes: the server starts the sign-in and returns to `next`. */
  const singleSignOnHref = (next: string): string => `/api/auth/oidc/start?next=${encodeURIComponent(next)}`;

  return { methods, load, singleSignOnHref };
});
