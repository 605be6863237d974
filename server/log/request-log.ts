/**
 * The first middleware of every request: gives it a request id (kept from a sane incoming
 * X-Request-Id, otherwise new) that every log line of the request carries and the answer
 * returns in X-Request-Id; then writes one access line when the answer is ready and counts it
 * in the metrics.
 *
 * The access line holds the method, the route pattern Hono matched (`/api/audits/:auditId`),
 * never the path or its query — a query can hold a search text or a set-password token, and
 * the client's own paths are not worth the risk — the status, the time taken in ms and the
 * person's id (never a name). No header, cookie or body is ever logged.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { accessLog } from './logger';
import { setAnswerHeader } from '../http/answer-header';
import { requestIdFrom, withRequestContext, type RequestContext } from './request-context';
import { httpDuration, httpRequests } from '../monitoring/prometheus-metrics';

/**
 * The pattern of the route that answered (`/api/audits/:auditId`), or of the catch-all that
 * did (`/api/*` for the API's not-found, `/*` for the client's pages): never the path itself.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  return (routes.find((route) => route.method !== 'ALL') ?? routes.at(-1))?.path ?? '(none)';
}

export function requestLog(): MiddlewareHandler {
  return (c, next) => {
    const context: RequestContext = { requestId: requestIdFrom(c.req.header('x-request-id')) };
    const started = performance.now();
    return withRequestContext(context, async () => {
      try {
        await next();
      } finally {
        setAnswerHeader(c, 'X-Request-Id', context.requestId);
        const route = routePattern(c);
        const status = c.res.status;
        const ms = performance.now() - started;
        const line = { type: 'access', method: c.req.method, route, status, ms: Math.round(ms * 10) / 10 };
        const message = `${c.req.method} ${route} ${status}`;
        if (status >= 500) accessLog.warn(line, message);
        else accessLog.info(line, message);
        httpRequests.inc({ method: c.req.method, route, status: String(status) });
        httpDuration.observe({ method: c.req.method, route }, ms / 1000);
      }
    });
  };
}
