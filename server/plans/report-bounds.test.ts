/**
 * A found problem: "GET /api/plans/:id/report?asOf=9999-12-31 (and its export) blocks the event loop
 * for minutes and grows past 3.5 GB; asOf=2600-12-31 takes 10 s." Dates outside 2000–2100 are
 * refused with a 400 naming `asOf`, and within the bounds a report covers at most
 * MAX_MEASURE_PERIODS periods per measure, so `/api/health` keeps answering in under a second
 * while the hostile requests run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { watchHealth } from '../../tests/support/health-watch';
import type { BoardReportView } from '../../shared/plans/plan-views';
import { MAX_MEASURE_PERIODS } from '../measures/measure-figures';

const MANAGER = 'farah.manager@demo.lantern.invalid';

describe.each(ENGINES)('the board report within date bounds on $engine', (engine) => {
  const t = useTestApp(engine);
  let manager: Client;
  let planId: string;
  beforeAll(async () => {
    manager = await t.as(MANAGER);
    const [plan] = await t.db.query<{ id: string }>(
      // A plan of the manager's own service: another service's plan is refused before its dates are read.
      `SELECT p.id FROM plans p WHERE EXISTS (SELECT 1 FROM plan_measures m WHERE m.plan_id = p.id)
         AND p.service_id = (SELECT service_id FROM people WHERE email = $1) ORDER BY p.id LIMIT 1`,
      [MANAGER],
    );
    planId = plan?.id ?? '';
    expect(planId).not.toBe('');
  }, 180_000);

  it.each(['report', 'export'])(
    'refuses an as-of date outside 2000–2100 on the %s quickly, naming asOf, while health answers',
    async (what) => {
      const health = watchHealth(t);
      for (const asOf of ['9999-12-31', '2600-12-31', '0000-01-01', '1999-12-31', '2101-01-01']) {
        const started = performance.now();
        const response = await manager.request(`/api/plans/${planId}/${what}?asOf=${asOf}`);
        const text = await response.text();
        expect(response.status, `${asOf}: ${text}`).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ fields: [{ path: 'asOf' }] });
        expect(performance.now() - started, asOf).toBeLessThan(1_000);
      }
      const { slowestMs, failures } = await health.stop();
      expect(failures).toBe(0);
      expect(slowestMs).toBeLessThan(1_000);
    },
  );

  it('bounds the work at the far end of the range: at most MAX_MEASURE_PERIODS periods a measure', async () => {
    const health = watchHealth(t);
    const started = performance.now();
    const [report, workbook] = await Promise.all([
      manager.request(`/api/plans/${planId}/report?asOf=2100-12-31`),
      manager.request(`/api/plans/${planId}/export?asOf=2100-12-31`),
    ]);
    expect(report.status).toBe(200);
    expect(workbook.status).toBe(200);
    const view = (await report.json()) as BoardReportView;
    await workbook.arrayBuffer();
    const { slowestMs, failures } = await health.stop();
    expect(view.measures.length).toBeGreaterThan(0);
    for (const measure of view.measures) {
      expect(measure.points.length).toBeLessThanOrEqual(MAX_MEASURE_PERIODS);
      expect(measure.points.at(-1)?.endDate).toBe('2100-12-31');
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(failures).toBe(0);
    expect(slowestMs).toBeLessThan(1_000);
  });
});
