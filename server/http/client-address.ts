/**
 * Where a request came from, for the audit log and per-address rate limits. Behind a
 * reverse proxy (LANTERN_TRUST_PROXY=1) the first X-Forwarded-For address; otherwise the
 * socket's own address. Never trust the header when not told to: anyone can send it.
 */
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as NodeBindings | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
