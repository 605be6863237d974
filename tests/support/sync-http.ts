/**
 * A device's side of the sync protocol over real HTTP, for tests and benchmarks that run
 * Lantern as separate server processes: sign in as a browser would (session cookie and CSRF
 * token), push and pull. Replies are parsed with the protocol's own schemas, never cast.
 */
import { z } from 'zod';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import {
  pullResponseSchema,
  pushResponseSchema,
  type PullResponse,
  type PushResponse,
} from '../../shared/sync/protocol';
import { pushBody } from './sync-fixtures';

export interface HttpSession {
  email: string;
  personId: string;
  cookie: string;
  csrfToken: string;
}

const signInReplySchema = z.object({ csrfToken: z.string(), person: z.object({ id: z.string() }) });

export async function signInOverHttp(baseUrl: string, email: string): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const reply = signInReplySchema.parse(await response.json());
  return { email, personId: reply.person.id, cookie, csrfToken: reply.csrfToken };
}

/** The headers of a signed-in request with a JSON body: the session cookie and its CSRF token. */
export const headersOf = (session: HttpSession): Record<string, string> => ({
  cookie: session.cookie,
  'x-csrf-token': session.csrfToken,
  'content-type': 'application/json',
});

/** POST /api/sync/push. Throws on a network failure (the caller decides what that means). */
export async function pushOverHttp(
  baseUrl: string,
  session: HttpSession,
  deviceId: string,
  mutations: unknown[],
): Promise<PushResponse> {
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    headers: headersOf(session),
    body: JSON.stringify(pushBody(deviceId, mutations)),
  });
  const text = await response.text();
  if (response.status !== 200) throw new HttpStatusError(response.status, text);
  return pushResponseSchema.parse(JSON.parse(text));
}

/** GET /api/sync/pull. */
export async function pullOverHttp(
  baseUrl: string,
  session: HttpSession,
  checkpoint: string | undefined,
  limit: number,
): Promise<PullResponse> {
  const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint } : {}) });
  const response = await fetch(`${baseUrl}/api/sync/pull?${query}`, { headers: headersOf(session) });
  const text = await response.text();
  if (response.status !== 200) throw new HttpStatusError(response.status, text);
  return pullResponseSchema.parse(JSON.parse(text));
}

/** The server answered, but not with 200: unlike a network failure, never retried blindly. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}
