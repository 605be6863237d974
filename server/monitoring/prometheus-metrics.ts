/**
 * The process's Prometheus metrics (prom-client): requests by route pattern and status, their
 * latency, sync pushes and what became of each mutation (applied, conflict, rejected), and the
 * e-mail queues' and background sweeps' ages. Counters live in this process only, as
 * Prometheus expects: with several processes behind a load balancer, scrape each one.
 * Labels are route patterns and outcomes, never ids or anything a person typed.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'lantern_' });

export const httpRequests = new Counter({
  name: 'lantern_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'lantern_http_request_duration_seconds',
  help: 'Time from a request arriving to its answer, by method and route pattern.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const syncPushes = new Counter({
  name: 'lantern_sync_pushes_total',
  help: 'Sync pushes (and device-file imports) received.',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const syncMutations = new Counter({
  name: 'lantern_sync_mutations_total',
  help: 'Pushed mutations by what became of them: applied, conflict (stale base) or rejected.',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const syncConflicts = new Counter({
  name: 'lantern_sync_conflicts_total',
  help: 'Pushed mutations answered as a conflict: the server kept its version and returned it.',
  registers: [registry],
});

export const emailQueueOldest = new Gauge({
  name: 'lantern_email_queue_oldest_seconds',
  help: 'Age of the oldest e-mail still waiting to be sent (0 when none waits), by queue.',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const emailQueuePending = new Gauge({
  name: 'lantern_email_queue_pending',
  help: 'E-mails waiting to be sent (not sent, fewer than five attempts, under two days old), by queue.',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const sweepLastRun = new Gauge({
  name: 'lantern_sweep_last_run_timestamp_seconds',
  help: 'When this process last finished a background sweep (alerts, notifications), as Unix time.',
  labelNames: ['sweep'] as const,
  registers: [registry],
});

/** Count one push's results. */
export function countPush(kind: 'push' | 'import', results: readonly { status: string }[]): void {
  syncPushes.inc({ kind });
  for (const result of results) {
    syncMutations.inc({ status: result.status });
    if (result.status === 'conflict') syncConflicts.inc();
  }
}
