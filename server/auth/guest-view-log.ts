/**
 * Every request a guest makes is in the audit log ("every view they make is logged"):
 * one `guest.request` row per API call, with the route, the path (which names the record), the
 * query and the answer's status, whether the handler logs its own view or not. Written after
 * the handler has answered, so a refused request is logged with its refusal too (the error
 * handler has set the status by then).
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { recordEvent } from '../audit-log/record-event';
import { requestOrigin } from '../audit-log/log-access';

export function guestViewLog(deps: Pick<AppDeps, 'db' | 'config'>): MiddlewareHandler<LanternEnv> {
  return async (c, next) => {
    try {
      await next();
    } finally {
      const person = c.get('person');
      if (person?.guest) {
        const endpoint = matchedRoutes(c).find((route) => route.method !== 'ALL');
        const url = new URL(c.req.url);
        await recordEvent(deps.db, {
          actorId: person.id,
          action: 'guest.request',
          entityType: 'round',
          entityId: person.guest.roundId,
          detail: {
            method: c.req.method,
            route: endpoint ? endpoint.path : '',
            path: url.pathname.slice(0, 500),
            query: url.search.slice(0, 500),
            status: c.res.status,
          },
          ...requestOrigin(c, deps),
        });
      }
    }
  };
}
