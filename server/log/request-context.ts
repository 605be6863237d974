/**
 * What every log line of one request carries: its request id (accepted from a proxy's
 * X-Request-Id when sane, otherwise made here) and, once the session is read, the id of the
 * person who sent it — never their name or e-mail. Held in an AsyncLocalStorage so a line
 * logged deep in a store still names its request without passing it down.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
  personId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Run `work` with `context` visible to every log line it writes. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context, or undefined outside a request (start-up, sweeps). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * A request id a proxy sent is kept when it is short and plain (letters, digits, `-_.:`), so
 * the proxy's log and Lantern's join on it; anything else (too long, spaces, control
 * characters, something that could forge a log line) is replaced by a new UUID.
 */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && /^[A-Za-z0-9._:-]{8,100}$/.test(incoming) ? incoming : randomUUID();
}
