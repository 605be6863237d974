/**
 * GET /api/health/metrics: the Prometheus text format, off unless LANTERN_METRICS_TOKEN is set,
 * and then only to a scraper that sends `Authorization: Bearer <that token>`. Off, it answers
 * 404 as if it were not there; a missing or wrong token is a 401. A bearer token, not a
 * separate port, because a council's reverse proxy and firewall already guard one port and
 * Prometheus sends a bearer token with one line of its configuration (`authorization`).
 *
 * Figures read from the database at scrape time: the age of the oldest e-mail still waiting in
 * each queue, and how many wait. Nothing personal: counts, ages, route patterns.
 */
import { Hono } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import { emailQueueOldest, emailQueuePending, registry } from './prometheus-metrics';
import { queueBacklog, type QueueTable } from '../mail/send-queued-emails';

const QUEUES: readonly QueueTable[] = ['alert_emails', 'notification_emails'];

/** Compared as digests, so neither the length nor the content leaks through timing. */
const sameSecret = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export interface MetricsDeps extends Pick<AppDeps, 'db'> {
  /** The scraper's token; absent, read from LANTERN_METRICS_TOKEN; null or empty: metrics off. */
  metricsToken?: string | null;
}

export function metricsRoutes(deps: MetricsDeps) {
  const token =
    deps.metricsToken === undefined ? process.env.LANTERN_METRICS_TOKEN?.trim() : deps.metricsToken?.trim();
  return new Hono().get('/', async (c) => {
    if (!token) throw appError('not_found', 'There is nothing at this address.');
    const sent = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(sent, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="lantern-metrics"');
      throw appError('unauthenticated', 'Send the metrics token as a bearer token.');
    }
    for (const queue of QUEUES) {
      const backlog = await queueBacklog(deps.db, queue);
      emailQueuePending.set({ queue }, backlog.pending);
      emailQueueOldest.set({ queue }, backlog.oldestSeconds);
    }
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
}
