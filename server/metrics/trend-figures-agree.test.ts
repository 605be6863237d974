/**
 * One figure per measure on the audit trends screen: the trend the chart draws and the
 * table of every item below it answer the same filters (a case type here) over the same dates
 * (a range that starts and ends mid-month), and each equals a count made straight from the
 * stored audits by the rule in PRODUCT.md (submitted, independent audits of the person's service
 * completed in London time in the periods the range touches, whole; the grade that counts). The
 * table had counted whole quarters while the chart showed months: two figures for one measure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
// Mid-month at both ends: the months it touches and the quarters it touches count different audits.
const RANGE = { from: '2025-11-17', to: '2026-08-12' };
/** The periods a range touches are shown whole: the dates they cover. */
const WHOLE = {
  month: { from: '2025-11-01', to: '2026-08-31' },
  quarter: { from: '2025-10-01', to: '2026-09-30' },
} as const;

interface Figure {
  k: number;
  n: number;
}
interface Trend {
  series: { overall: Figure; periods: { k: number; n: number }[] }[];
}
interface Items {
  sections: { items: { key: string; overall: Figure }[] }[];
}

describe.each(ENGINES)('the trends screen shows one figure per measure on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let caseType = '';

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    const [row] = await t.db.query<{ case_type: string }>(
      `SELECT case_type FROM audits WHERE status = 'submitted' GROUP BY case_type ORDER BY count(*) DESC LIMIT 1`,
    );
    caseType = row!.case_type;
  }, 180_000);

  const get = async <T>(path: string, query: Record<string, string>): Promise<T> => {
    const response = await qa.request(`${path}?${new URLSearchParams(query)}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };
  /** The overall grade "at least good", counted from the tables for the QA lead's service. */
  const counted = async (dates: { from: string; to: string }): Promise<Figure> => {
    const [row] = await t.db.query<Figure>(
      `SELECT count(*) FILTER (WHERE a.overall_grade IN (0, 1))::int AS k, count(*)::int AS n
       FROM audits a
       WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade IS NOT NULL
         AND a.stage = 'independent' AND a.case_type = $4
         AND a.team_id IN (SELECT t.id FROM teams t JOIN people p ON p.service_id = t.service_id WHERE p.email = $3)
         AND (a.completed_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date`,
      [dates.from, dates.to, QA_LEAD, caseType],
    );
    return row!;
  };

  it.each(['month', 'quarter'] as const)(
    'by %s: the chart, its periods and the table below it equal the count from the audits',
    async (bucket) => {
      const filters = { ...RANGE, caseTypeIds: caseType };
      const trend = await get<Trend>('/api/metrics/trend', {
        item: 'overall.grade',
        passing: '0,1',
        bucket,
        ...filters,
      });
      const items = await get<Items>('/api/metrics/items', { ...filters, bucket });
      const expected = await counted(WHOLE[bucket]);
      expect(expected.n).toBeGreaterThan(0);

      const series = trend.series[0]!;
      expect(series.overall).toMatchObject(expected);
      // The periods add up to the same figure: none is rounded out beyond the range.
      const sum = series.periods.reduce((s, p) => ({ k: s.k + p.k, n: s.n + p.n }), { k: 0, n: 0 });
      expect(sum).toEqual(expected);
      const overallItem = items.sections.flatMap((s) => s.items).find((i) => i.key === 'overall.grade');
      expect(overallItem?.overall).toMatchObject(expected);
    },
    120_000,
  );
});
