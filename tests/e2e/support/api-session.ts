/**
 * A signed-in API session for a demo person, for the set-up a spec does over HTTP rather than
 * through the screens.
 */
import { expect, request, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../../../server/demo/demo-people';

/** Signs in with the demo password; the CSRF token goes in `x-csrf-token` on every change. */
export async function apiSession(
  baseUrl: string,
  email: string,
): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: baseUrl });
  const response = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return { api, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}
