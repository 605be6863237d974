/**
 * A request body size limit that costs nothing when the request declares its length.
 *
 * Hono's `bodyLimit` decides the same way (a declared Content-Length decides; a body without
 * one is counted as it streams), but it first reads `c.req.raw.body`, which makes
 * @hono/node-server build a full web Request and body stream for every request (a profile of
 * the sync push put a large share of a request's CPU there). This looks at the headers first
 * and hands only bodies without a declared length to Hono's limit. Under Node's HTTP server a
 * declared length is binding: the parser never delivers more.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBody(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const { maxSize, onError } = options;
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(declared) > maxSize ? onError(c) : next();
    }
    return streamed(c, next);
  };
}
