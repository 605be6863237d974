/**
 * Runs before every /api route: finds the signed-in person from the session cookie, and
 * refuses state-changing requests that could be forged from another site — a foreign
 * Origin, or a session request without its CSRF token.
 */
import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { findSession, hashToken, type FoundSession, type SessionLimits } from './sessions';
import { SessionCache } from './session-cache';
import { readSessionCookie } from './session-cookie';
import { appError } from '../../shared/errors/app-error';
import { currentRequestContext } from '../log/request-context';
import { DEFAULT_SESSION_CACHE_SECONDS } from '../config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<LanternEnv> {
  const limits = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };
  const lookUp = sessionLookUp(deps, limits);
  return async (c, next) => {
    c.set('person', null);
    c.set('session', null);
    const token = readSessionCookie(c, deps.config.secureCookies);
    if (token) {
      const found = await lookUp(token);
      if (found) {
        c.set('person', found.person);
        c.set('session', found.session);
        // Every later log line of this request names who sent it, by id only. NOTE: mutates
        // the request's log context.
        const context = currentRequestContext();
        if (context) context.personId = found.person.id;
      }
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = (deps.config.trustProxy > 0 && c.req.header('x-forwarded-host')) || c.req.header('host');
      if (origin && origin !== 'null' && host && safeHost(origin) !== host) {
        throw appError('forbidden', 'This request came from another site and was refused.');
      }
      const session = c.get('session');
      if (session) {
        const sent = c.req.header('x-csrf-token') ?? '';
        if (!sameToken(sent, session.csrfToken)) {
          throw appError(
            'csrf_failed',
            'The security token is missing or out of date. Reload the page and try again.',
          );
        }
      } else if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        // Without a session, only JSON requests (which a foreign form cannot send) get through.
        throw appError('forbidden', 'This request was refused: it must be sent as JSON.');
      }
    }
    await next();
  };
}

/**
 * How a cookie's session is found: through the process's SessionCache when the database tells
 * of changes and the cache is on (LANTERN_SESSION_CACHE_SECONDS), straight from the database
 * otherwise.
 */
function sessionLookUp(
  deps: AppDeps,
  limits: SessionLimits,
): (token: string) => Promise<FoundSession | null> {
  const seconds = deps.config.sessionCacheSeconds ?? DEFAULT_SESSION_CACHE_SECONDS;
  // Made at the first request: building the app (to list its routes, say) touches no database.
  let cache: SessionCache | null | undefined;
  const cacheOf = (): SessionCache | null => {
    if (cache !== undefined) return cache;
    if (!deps.db.onChange || seconds <= 0) return (cache = null);
    const made = new SessionCache(seconds * 1000);
    deps.db.onChange((notice) => made.hear(notice));
    return (cache = made);
  };
  return async (token) => {
    const kept = cacheOf();
    if (!kept) return findSession(deps.db, token, limits);
    const tokenHash = hashToken(token);
    const answer = kept.get(tokenHash);
    if (answer) return answer;
    const ticket = kept.ticket();
    const found = await findSession(deps.db, token, limits);
    if (found) kept.keep(tokenHash, found, ticket);
    return found;
  };
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}
