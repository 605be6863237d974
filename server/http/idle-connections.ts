/**
 * How long an idle kept-alive connection stays open. Node closes one after 5 s; a tablet on
 * a slow line, between the steps of a sync, then sent its next request on a connection the
 * server had just closed, and Chromium sent the whole body again on a new one — a day's push
 * crossed a 150 kbit/s uplink twice (docs/PERFORMANCE.md, the slow-network bench). A minute
 * covers a sync's pauses; a reverse proxy in front keeps its own idle timeout.
 */
import type { Server } from 'node:http';

export const IDLE_CONNECTION_MS = 65_000;

export function keepIdleConnections(server: Pick<Server, 'keepAliveTimeout' | 'headersTimeout'>): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // Node requires the headers timeout to outlast the keep-alive timeout.
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
}
