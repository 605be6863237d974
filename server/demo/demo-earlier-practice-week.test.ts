/**
 * The demo's earlier practice week, on each engine: in both services the QA lead can compare
 * the past practice week with the earlier one (one audit tool), every audit of both counted,
 * with a figure in each round and a difference with its interval; the earlier week's audits are
 * in the dashboards' counts.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { roundComparisonSchema } from '../../shared/rounds/round-comparison-schemas';
import { countsAndRebuild } from '../../tests/support/counts-and-rebuild';

const QA_LEADS = ['erin.qalead@demo.lantern.invalid', 'hana.qalead@demo.lantern.invalid'];

describe.each(ENGINES)('the demo’s earlier practice week on $engine', (engine) => {
  const t = useTestApp(engine);

  it.each(QA_LEADS)(
    'gives %s two practice weeks of one tool to compare, with realistic figures',
    async (email) => {
      const qa = await t.as(email);
      const rounds = await t.db.query<{ id: string; name: string; audits: number }>(
        `SELECT r.id, r.name, count(a.id)::int AS audits
       FROM rounds r JOIN people p ON p.service_id = r.service_id AND p.email = $1
         LEFT JOIN allocations x ON x.round_id = r.id
         LEFT JOIN audits a ON a.id = x.id AND a.status = 'submitted' AND NOT a.deleted
       WHERE r.kind = 'practice_week' AND r.name ~ '^Practice week — [0-9]'
       GROUP BY r.id, r.name, r.start_date ORDER BY r.start_date DESC`,
        [email],
      );
      const [past, earlier] = rounds;
      expect(rounds).toHaveLength(2);
      expect(earlier?.name).toMatch(/^Practice week — \d{1,2} \w+ \d{4}$/);
      expect(earlier?.audits).toBe(24);
      const response = await qa.request(`/api/round-comparison?first=${past?.id}&second=${earlier?.id}`);
      expect(response.status, await response.clone().text()).toBe(200);
      const comparison = roundComparisonSchema.parse(await response.json());
      expect(comparison.second.audits).toBe(24);
      const overall = comparison.measures.find((m) => m.key === 'overall.grade');
      expect(overall?.first.n).toBe(comparison.first.audits);
      expect(overall?.second.n).toBe(24);
      expect(overall?.second.fraction).toBeGreaterThan(0.1);
      expect(overall?.second.fraction).toBeLessThan(0.8);
      expect(overall?.difference).not.toBeNull();
      expect(comparison.byAgency.length).toBeGreaterThan(0);
    },
  );

  it('leaves the dashboards’ counts equal to a rebuild from the audits', async () => {
    const { kept, rebuilt } = await countsAndRebuild(t.db);
    expect(kept).toEqual(rebuilt);
  });
});
