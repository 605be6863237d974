/**
 * The set-password page's calls: whose account a one-time link sets, and setting the password
 * with it. Errors reach the page as ApiError with the server's field problems.
 */
import { defineStore } from 'pinia';
import { api } from '../api/http';
import { passwordLinkInfoSchema, type PasswordLinkInfo } from '../../shared/accounts/password-rules';

export const useSetPasswordStore = defineStore('set-password', () => {
  async function check(token: string): Promise<PasswordLinkInfo> {
    return passwordLinkInfoSchema.parse(
      await api<unknown>('/api/auth/set-password/check', { method: 'POST', body: { token } }),
    );
  }

  async function setPassword(token: string, password: string, confirmPassword: string): Promise<void> {
    await api('/api/auth/set-password', { method: 'POST', body: { token, password, confirmPassword } });
  }

  return { check, setPassword };
});
