/**
 * Metric filters by case flag and by case age, on each engine: the counts are not keyed by
 * either, so such a trend is read by the scan and evaluated by the shared rule
 * (shared/organisation/case-age.ts); its figures equal a count made straight from the tables.
 * The dashboard's table of every item takes the same filters; a plan measure filtered so says so
 * in words and counts the same audits; a filter naming a flag Lantern does not know is refused.
 * A retired flag keeps filtering its audits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { addMeasure, planWithAction } from '../../tests/support/plan-with-action';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const MANAGER = 'farah.manager@demo.lantern.invalid';
const RANGE = { from: '2025-01-01', to: '2026-10-31' };

interface Trend {
  method: string;
  series: { overall: { k: number; n: number } }[];
}

describe.each(ENGINES)('metric filters by case flag and case age on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let manager: Client;
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    manager = await t.as(MANAGER);
    await t.db.query(
      "INSERT INTO case_flags (key, label) VALUES ('at-risk-of-exploitation', 'At risk of exploitation'), ('care-leaver', 'Care leaver') ON CONFLICT DO NOTHING",
    );
    // Every third audited case carries the flag; every fourth was opened in 2019, the rest last month.
    await t.db.query(
      `UPDATE cases c SET flags = CASE WHEN r.n % 3 = 0 THEN ARRAY['at-risk-of-exploitation'] ELSE ARRAY['care-leaver'] END,
              opened_on = CASE WHEN r.n % 4 = 0 THEN DATE '2019-06-01' ELSE DATE '2026-09-20' END
       FROM (SELECT id, row_number() OVER (ORDER BY reference) AS n FROM cases) r WHERE r.id = c.id`,
    );
  }, 180_000);

  const trend = async (extra: Record<string, string>): Promise<Trend> => {
    const query = new URLSearchParams({
      item: 'overall.grade',
      passing: '0,1',
      bucket: 'quarter',
      ...RANGE,
      ...extra,
    });
    const response = await qa.request(`/api/metrics/trend?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Trend;
  };
  /**
   * k and n counted straight from the tables, for audits of the QA lead's service (the figures
   * a person sees are their service's) whose case matches `where`; self-audits never count.
   */
  const counted = async (where: string) => {
    const [row] = await t.db.query<{ k: number; n: number }>(
      `SELECT count(*) FILTER (WHERE a.overall_grade IN (0, 1))::int AS k, count(*)::int AS n
       FROM audits a JOIN cases c ON c.id = a.case_id
       WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade IS NOT NULL
         AND a.stage = 'independent'
         AND a.team_id IN (SELECT t.id FROM teams t JOIN people p ON p.service_id = t.service_id WHERE p.email = $3)
         AND (a.completed_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date AND ${where}`,
      [RANGE.from, RANGE.to, QA_LEAD],
    );
    return row!;
  };

  it('counts only audits of cases carrying the flag, by the scan', async () => {
    const answer = await trend({ flagIds: 'at-risk-of-exploitation' });
    const expected = await counted("c.flags @> ARRAY['at-risk-of-exploitation']");
    expect(expected.n).toBeGreaterThan(0);
    expect(answer.method).toBe('scan');
    expect(answer.series[0]?.overall).toMatchObject(expected);
    const all = await trend({});
    expect(all.method).toBe('counts');
    expect(all.series[0]!.overall.n).toBeGreaterThan(expected.n);
  });

  it('counts only audits of cases open longer than N months when audited', async () => {
    const answer = await trend({ openLongerThanMonths: '6' });
    // Opened 2026-09-20: never six months old by any audit in the range; 2019-06-01: always.
    const expected = await counted("c.opened_on = DATE '2019-06-01'");
    expect(expected.n).toBeGreaterThan(0);
    expect(answer.method).toBe('scan');
    expect(answer.series[0]?.overall).toMatchObject(expected);
  });

  it('gives the table of every item the same filters as the trend', async () => {
    const query = new URLSearchParams({
      ...RANGE,
      flagIds: 'at-risk-of-exploitation',
      openLongerThanMonths: '6',
    });
    const response = await qa.request(`/api/metrics/items?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const { sections } = (await response.json()) as {
      sections: { items: { key: string; overall: { k: number; n: number } }[] }[];
    };
    const overall = sections.flatMap((s) => s.items).find((i) => i.key === 'overall.grade');
    const expected = await counted(
      "c.flags @> ARRAY['at-risk-of-exploitation'] AND c.opened_on = DATE '2019-06-01'",
    );
    expect(expected.n).toBeGreaterThan(0);
    expect(overall?.overall).toMatchObject(expected);
  });

  it('refuses a case age that is not a whole number of months, naming the field', async () => {
    const query = new URLSearchParams({ ...RANGE, openLongerThanMonths: 'six' });
    const response = await qa.request(`/api/metrics/items?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string; message: string }[] };
    expect(body.fields).toContainEqual({
      path: 'openLongerThanMonths',
      message: 'Enter a whole number of months.',
    });
  });

  describe('a plan measure filtered by case flag and case age', () => {
    const trajectory = {
      baseline: { date: '2025-01-31', value: 0.4 },
      milestones: [{ date: '2026-12-31', target: 0.8 }],
    };
    const newAction = async (): Promise<{ planId: string; actionId: string }> => {
      const { plan, actionId } = await planWithAction(manager, {
        area: {
          reference: 'B',
          title: 'Children at risk of exploitation',
          theme: 'Exploitation',
          timescale: 'within-3-months',
        },
        action: {
          number: 'B1',
          description: 'Audit every exploitation case quarterly',
          owner: 'Head of QA',
          targetDate: '2026-12-31',
        },
      });
      return { planId: plan.id, actionId };
    };
    const metric = (filters: Record<string, unknown>) => ({
      name: 'Exploitation cases rated at least good',
      source: { item: 'overall.grade' },
      passing: [0, 1],
      filters,
      bucket: 'quarter',
    });

    it('says which audits it counts, and counts exactly those', async () => {
      const { planId, actionId } = await newAction();
      const measure = await addMeasure(
        manager,
        { planId, actionId },
        {
          title: 'Exploitation cases rated at least good',
          source: 'audits',
          metric: metric({ flagIds: ['at-risk-of-exploitation'], openLongerThanMonths: 6 }),
          trajectory,
        },
      );
      expect(measure.whichAudits).toBe(
        'submitted audits of cases flagged At risk of exploitation, open longer than 6 months when audited',
      );
      const sum = (key: 'k' | 'n') => measure.points.reduce((total, p) => total + (p[key] ?? 0), 0);
      const [expected] = await t.db.query<{ k: number; n: number }>(
        `SELECT count(*) FILTER (WHERE a.overall_grade IN (0, 1))::int AS k, count(*)::int AS n
         FROM audits a JOIN cases c ON c.id = a.case_id
         WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade IS NOT NULL
           AND a.stage = 'independent'
           AND a.team_id IN (SELECT t.id FROM teams t JOIN people p ON p.service_id = t.service_id WHERE p.email = $1)
           AND (a.completed_at AT TIME ZONE 'Europe/London')::date >= DATE '2025-01-01'
           AND c.flags @> ARRAY['at-risk-of-exploitation'] AND c.opened_on = DATE '2019-06-01'`,
        [MANAGER],
      );
      expect(expected?.n).toBeGreaterThan(0);
      expect({ k: sum('k'), n: sum('n') }).toEqual(expected);
    });

    it.each([
      [
        'a flag Lantern does not know',
        { flagIds: ['no-such-flag'] },
        'metric.filters.flagIds',
        'It filters on a case flag Lantern does not know (“no-such-flag”).',
      ],
      [
        'a case type Lantern does not know',
        { caseTypeIds: ['no-such-type'] },
        'metric.filters.caseTypeIds',
        'It filters on a case type Lantern does not know (“no-such-type”).',
      ],
      [
        'a case age of 0 months',
        { openLongerThanMonths: 0 },
        'metric.filters.openLongerThanMonths',
        'Enter 1 month or more, or leave the case age out.',
      ],
    ])(
      'is refused with %s, naming the field, and nothing is saved',
      async (_name, filters, path, message) => {
        const { planId, actionId } = await newAction();
        const response = await manager.request(`/api/plans/${planId}/actions/${actionId}/measures`, {
          method: 'POST',
          json: { title: 'Refused', source: 'audits', metric: metric(filters), trajectory },
        });
        expect(response.status).toBe(400);
        const body = (await response.json()) as { fields: { path: string; message: string }[] };
        expect(body.fields).toContainEqual({ path, message });
        const [saved] = await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM plan_measures WHERE action_id = $1',
          [actionId],
        );
        expect(saved?.n).toBe(0);
      },
    );
  });

  it('keeps filtering by a flag after it is retired, and lists it as retired', async () => {
    await t.db.query("UPDATE case_flags SET retired_at = now() WHERE key = 'care-leaver'");
    const answer = await trend({ flagIds: 'care-leaver' });
    expect(answer.series[0]?.overall).toMatchObject(await counted("c.flags @> ARRAY['care-leaver']"));
    const options = (await (await qa.request('/api/metrics/options')).json()) as {
      caseFlags: { id: string; name: string }[];
    };
    expect(options.caseFlags).toContainEqual({ id: 'care-leaver', name: 'Care leaver (retired)' });
  });
});
