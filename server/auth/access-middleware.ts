/**
 * Enforces access-rules.ts on every /api request, before any handler runs: finds the route
 * Hono matched, its declared rule, and refuses — 401 when nobody is signed in, 403 when the
 * person holds none of the roles or the record is outside their reach. On a route whose rule
 * names roles it sets the person's data scope (service-scope.ts) for the handler. A route with no rule
 * is refused too (fail closed) and named in the server log. A refusal says only
 * `{ code, message }`, never what exists behind it.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { ACCESS_RULES, ruleFor, type AccessRule } from './access-rules';
import { TARGET_RESOLVERS } from './access-targets';
import { reachCovers, reachesOf } from './reach';
import { scopeFor } from './service-scope';
import { log } from '../log/logger';

const SIGNED_OUT = 'Your session has ended. Sign in again to continue.';
const REFUSED = 'You do not have access to this.';
const NO_SERVICE =
  'You are not in a service yet, so Lantern shows you no audits. Ask an administrator to add you to one.';

export function accessMiddleware(
  deps: { db: Queryable },
  rules: Readonly<Record<string, AccessRule>> = ACCESS_RULES,
): MiddlewareHandler<LanternEnv> {
  return async (c, next) => {
    // Middleware is registered with ALL; the endpoint is the first route with a real method.
    // None matched: the request falls through to the API's not-found answer.
    const endpoint = matchedRoutes(c).find((route) => route.method !== 'ALL');
    if (!endpoint) return next();
    const key = `${endpoint.method} ${endpoint.path}`;
    const rule = ruleFor(key, rules);
    if (!rule) {
      log.error(`no access rule for ${key}; refused. Add one to server/auth/access-rules.ts.`);
      throw appError('forbidden', REFUSED);
    }
    if (rule.kind === 'public') return next();
    const person = c.get('person');
    if (!person) throw appError('unauthenticated', SIGNED_OUT);
    if (rule.kind === 'signed-in') return next();

    const granted = reachesOf(person, rule.reach);
    if (granted.length === 0) throw appError('forbidden', REFUSED);
    // Fail closed: a service-wide reach of a person in no service reaches nothing, never everything.
    const reaches = person.serviceId === null ? granted.filter((reach) => reach !== 'service') : granted;
    const scope = scopeFor(person, reaches);
    if (!scope) throw appError('forbidden', NO_SERVICE);
    c.set('scope', scope);
    if (scope.reach !== 'all') {
      if (!rule.target) {
        if (rule.scopedList) return next();
        throw appError('forbidden', REFUSED);
      }
      const id = pathParam(endpoint.path, c.req.path, rule.target.param);
      const place = id === undefined ? null : await TARGET_RESOLVERS[rule.target.kind](deps.db, id);
      if (!place) throw appError('not_found', 'There is nothing here. It may have been removed.');
      if (!reaches.some((reach) => reachCovers(person, reach, place))) throw appError('forbidden', REFUSED);
    }
    return next();
  };
}

/**
 * The value of `:name` in a request path for a route pattern such as '/api/teams/:teamId'.
 * Handlers read params through Hono; middleware runs before the endpoint is chosen, so it reads
 * the segment itself.
 */
export function pathParam(pattern: string, path: string, name: string): string | undefined {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  const index = patternParts.findIndex((part) => new RegExp(`^:${name}(\\{.*\\})?\\??$`).test(part));
  const raw = index < 0 ? undefined : pathParts[index];
  if (raw === undefined || raw === '') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
