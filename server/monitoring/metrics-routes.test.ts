/**
 * The Prometheus endpoint: not there unless a token is set; then only for that bearer token;
 * it counts requests by route pattern and status, sync pushes and their conflicts, and reads the
 * e-mail queues' ages from the database — and holds nothing a person typed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../tests/support/test-app';
import { AUDITOR_A, allocationsOf, draftFor, mutation, pushBody } from '../../tests/support/sync-fixtures';
import { createApp, type LanternApp } from '../app';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample line, `name{labels} value`, or 0 when it is not there yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each(ENGINES)('Prometheus metrics on $engine', (engine) => {
  let t: TestApp;
  let app: LanternApp;
  const scrape = async (): Promise<string> => {
    const response = await app.request('/api/health/metrics', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const [{ schema_version: schemaVersion } = { schema_version: 0 }] = await t.db.query<{
      schema_version: number;
    }>('SELECT max(version) AS schema_version FROM schema_migrations');
    app = createApp({
      db: t.db,
      config: TEST_CONFIG,
      schemaVersion,
      oidc: null,
      mail: null,
      metricsToken: TOKEN,
    });
  }, 240_000);
  afterAll(() => t.close());

  it('is not there without a token: 404, as any unknown address', async () => {
    const response = await t.request('/api/health/metrics', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(404);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-metrics-token-at-all'],
    ['the token without Bearer', TOKEN],
  ])('refuses %s with 401', async (_name, authorization) => {
    const response = await app.request('/api/health/metrics', {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('lantern_http_requests_total');
  });

  it('counts requests by route pattern and status, with their latency', async () => {
    const series = 'lantern_http_requests_total{method="GET",route="/api/health/ready",status="200"}';
    const before = sample(await scrape(), series);
    await app.request('/api/health/ready');
    await app.request('/api/health/ready');
    const text = await scrape();
    expect(sample(text, series)).toBe(before + 2);
    expect(text).toMatch(
      /lantern_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/health\/ready"\}/,
    );
  });

  it('counts sync pushes, applied mutations and conflicts', async () => {
    const auditor = await t.as(AUDITOR_A);
    const [allocation] = await allocationsOf(t.db, AUDITOR_A);
    const push = (body: unknown) => auditor.request('/api/sync/push', { method: 'POST', json: body });
    const before = await scrape();
    const secret = 'A note that must never reach the metrics.';
    const draft = draftFor(allocation!, { 'plan.evidence': { kind: 'text', value: secret } });
    const rev =
      (await t.db.query<{ rev: number }>('SELECT rev FROM audits WHERE id = $1', [allocation!.id]))[0]?.rev ??
      0;
    expect((await push(pushBody(randomUUID(), [mutation(draft, rev)]))).status).toBe(200);
    // The same base again: the server has moved on, so this one is a conflict.
    expect((await push(pushBody(randomUUID(), [mutation(draft, rev)]))).status).toBe(200);
    const after = await scrape();
    expect(sample(after, 'lantern_sync_pushes_total{kind="push"}')).toBe(
      sample(before, 'lantern_sync_pushes_total{kind="push"}') + 2,
    );
    expect(sample(after, 'lantern_sync_mutations_total{status="applied"}')).toBe(
      sample(before, 'lantern_sync_mutations_total{status="applied"}') + 1,
    );
    expect(sample(after, 'lantern_sync_conflicts_total')).toBe(
      sample(before, 'lantern_sync_conflicts_total') + 1,
    );
    expect(after).not.toContain(secret);
  });

  it('reads the age of the oldest e-mail waiting in each queue', async () => {
    await t.db.query(
      `INSERT INTO notification_emails (notification_id, created_at)
       SELECT n.id, now() - interval '3 hours' FROM notifications n
        WHERE NOT EXISTS (SELECT 1 FROM notification_emails e WHERE e.notification_id = n.id)
        LIMIT 1`,
    );
    const text = await scrape();
    expect(
      sample(text, 'lantern_email_queue_oldest_seconds{queue="notification_emails"}'),
    ).toBeGreaterThanOrEqual(3 * 3600 - 60);
    expect(sample(text, 'lantern_email_queue_pending{queue="notification_emails"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(text).toContain('lantern_email_queue_oldest_seconds{queue="alert_emails"}');
  });
});
