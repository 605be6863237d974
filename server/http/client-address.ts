/**
 * Where a request came from, for the audit log and per-address sign-in limits.
 *
 * Behind reverse proxies (LANTERN_TRUST_PROXY=n, the number of proxies in front of Lantern)
 * each proxy appends the address it received the request from to X-Forwarded-For, so only the
 * right-most n entries were written by machines Lantern trusts; everything to their left came
 * from the client and can say anything. The client's address is therefore the right-most
 * entry the trusted proxies did not add: the n-th from the right (with n = 1, the last entry).
 * When the header holds fewer entries than that, the left-most one is as far as the trusted
 * proxies saw. With n = 0 (the default) the header is ignored and the socket's own address is
 * used: anyone can send the header.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address given the X-Forwarded-For header, the socket's address and the number
 * of trusted proxies (see the module header). An entry that is not an IP address (a proxy that
 * writes something else) is not trusted: the socket's address stands instead.
 * @example forwardedClient('203.0.113.9, 198.51.100.7', '10.0.0.2', 1) // '198.51.100.7'
 */
export function forwardedClient(
  forwardedFor: string | undefined,
  socket: string,
  trustedHops: number,
): string {
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return socket;
  const chosen = entries[Math.max(0, entries.length - trustedHops)] ?? '';
  return isIP(chosen) ? chosen : socket;
}

export function clientAddress(c: Context, trustedHops: number): string {
  const env = c.env as NodeBindings | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'unknown';
  return forwardedClient(c.req.header('x-forwarded-for'), socket, trustedHops);
}
