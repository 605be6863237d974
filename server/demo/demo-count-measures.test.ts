/**
 * The demo's count and rate measures: both services' plans hold a higher-is-better
 * count, a lower-is-better rate and the year's net gain of foster placements, each with a year of
 * monthly figures that the manager's plan judges into more than one colour.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_NOW } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import type { BoardReportView, PlanListItem } from '../../shared/plans/plan-views';

describe.each(ENGINES)('the demo’s count measures on $engine', (engine) => {
  const t = useTestApp(engine);

  it.each([
    { service: 1, manager: 'farah.manager@demo.lantern.invalid' },
    { service: 2, manager: 'ivo.manager@demo.lantern.invalid' },
  ])('service $service: counts and rates with a year of figures in several colours', async ({ manager }) => {
    const client = await t.as(manager);
    const { plans } = (await (await client.request('/api/plans')).json()) as { plans: PlanListItem[] };
    const reports = await Promise.all(
      plans.map(
        async (p) =>
          (await (
            await client.request(`/api/plans/${p.id}/report?asOf=${TEST_NOW.toISOString().slice(0, 10)}`)
          ).json()) as BoardReportView,
      ),
    );
    const measures = reports.flatMap((r) => r.measures).filter((m) => m.kind !== 'share');
    expect(measures.map((m) => `${m.title}|${m.kind}|${m.direction}`).sort()).toEqual([
      'Contacts to MASH per month|count|higher',
      'Net gain of foster placements (this year so far)|count|higher',
      'Repeat referrals within 12 months|rate|lower',
    ]);
    for (const m of measures) {
      const judged = m.points.filter((p) => p.fraction !== null);
      expect(judged.length).toBe(12);
      expect(new Set(judged.map((p) => p.rag)).size).toBeGreaterThan(1);
    }
    const all = new Set(
      measures.flatMap((m) => m.points.filter((p) => p.fraction !== null).map((p) => p.rag)),
    );
    expect([...all].sort()).toEqual(expect.arrayContaining(['amber', 'green', 'red']));
  });
});
