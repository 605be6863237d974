/**
 * Metrics by round, by round theme and by agency, on each engine, in the two-service world:
 * Alpha's round holds its first two audits, a second Alpha round the next two; Alpha's first
 * auditor is from health and gave one answer of a social-care colleague's audit. The figures
 * (trend, table of every item, a plan measure, the round comparison's split by agency) equal a
 * hand count of those audits, and a person of Bravo receives none of Alpha's rounds, themes or
 * agency figures: not in the choices, not in a figure asked for by Alpha's round or theme, and a
 * measure naming them is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import { insertRows } from '../db/insert-rows';
import { ROUND_ALLOCATION_COLUMNS } from '../demo/demo-columns';
import { DEFAULT_FRAMEWORK_REF } from '../demo/synthetic-answers';
import { roundComparisonSchema } from '../../shared/rounds/round-comparison-schemas';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const THEME = 'Alpha exploitation theme';

interface Series {
  group: string | null;
  label: string;
  overall: { k: number; n: number };
}

describe.each(ENGINES)('metrics by round, theme and agency on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  let secondRoundId: string;

  const get = async (personId: string, path: string) => {
    const response = await t.request(path, { headers: await world.headers(personId) });
    return response;
  };
  const trend = async (personId: string, extra: Record<string, string>) => {
    const query = new URLSearchParams({
      item: 'overall.grade',
      passing: '0,1',
      bucket: 'quarter',
      ...MARCH,
      ...extra,
    });
    const response = await get(personId, `/api/metrics/trend?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { method: string; series: Series[] };
  };
  const overallOf = (body: { series: Series[] }) =>
    body.series.reduce((sum, s) => ({ k: sum.k + s.overall.k, n: sum.n + s.overall.n }), { k: 0, n: 0 });

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    const a = world.alpha;
    // Alpha's audits, as the world writes them: i-th graded 1, 2, 1, 2, 3 (at least good: 0 and 2),
    // by auditor1, auditor2, moderator, auditor1, auditor2. Auditor 1 is from health.
    await t.db.query("UPDATE people SET agency = 'health' WHERE id = $1", [a.people.auditor1]);
    await t.db.query('UPDATE rounds SET theme = $2 WHERE id = $1', [a.roundId, THEME]);
    const second = await t.request('/api/rounds', {
      method: 'POST',
      headers: await world.headers(a.people.qa),
      json: {
        name: 'Alpha second round',
        kind: 'thematic',
        theme: 'Alpha neglect theme',
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        frameworkKey: DEFAULT_FRAMEWORK_REF.key,
        frameworkVersion: DEFAULT_FRAMEWORK_REF.version,
        moderationShare: 0.3,
      },
    });
    expect(second.status, await second.clone().text()).toBe(201);
    secondRoundId = ((await second.json()) as { round: { id: string } }).round.id;
    // Each audit's id is its allocation's: the world puts audits 0 and 1 in its round; 2 and 3
    // go in the second.
    const auditors = [a.people.moderator, a.people.auditor1];
    await insertRows(
      t.db,
      'allocations',
      ROUND_ALLOCATION_COLUMNS,
      auditors.map((auditorId, i) => ({
        id: a.auditIds[i + 2],
        case_id: a.caseIds[i + 2],
        auditor_id: auditorId,
        framework_key: DEFAULT_FRAMEWORK_REF.key,
        framework_version: DEFAULT_FRAMEWORK_REF.version,
        round_name: 'Alpha second round',
        round_id: secondRoundId,
        active: false,
        finished: true,
      })),
    );
    // A joint answer: health's auditor 1 gave the plan grade in auditor 2's audit (audit 1).
    await t.db.query(
      `UPDATE audits SET answers = jsonb_set(answers, '{plan.grade}',
         jsonb_build_object('kind', 'grade', 'value', 0, 'by',
           jsonb_build_object('personId', $2::text, 'name', 'Alpha auditor1', 'agency', 'health')))
       WHERE id = $1`,
      [a.auditIds[1], a.people.auditor1],
    );
  }, 180_000);

  it('counts only the audits of a round, or of rounds on a theme, by the scan', async () => {
    const byRound = await trend(world.alpha.people.manager, { roundIds: world.alpha.roundId });
    expect(byRound.method).toBe('scan');
    expect(overallOf(byRound)).toEqual({ k: 1, n: 2 });
    const both = await trend(world.alpha.people.manager, {
      roundIds: `${world.alpha.roundId},${secondRoundId}`,
    });
    expect(overallOf(both)).toEqual({ k: 2, n: 4 });
    const byTheme = await trend(world.alpha.people.manager, { themes: `${THEME}|Alpha neglect theme` });
    expect(overallOf(byTheme)).toEqual({ k: 2, n: 4 });
    const oneTheme = await trend(world.alpha.people.manager, {
      themes: 'Alpha neglect theme',
      kinds: 'monthly',
    });
    // Audits 2 and 3 are of the monthly kind (the world's), in the second round.
    expect(overallOf(oneTheme)).toEqual({ k: 1, n: 2 });
  });

  it('splits a figure by agency: the overall grade by the auditor’s, every other answer by who gave it', async () => {
    const overall = await trend(world.alpha.people.manager, { groupBy: 'agency' });
    expect(overall.series.map((s) => [s.label, s.overall.k, s.overall.n])).toEqual([
      ['Health', 1, 2],
      ['Social care', 1, 3],
    ]);
    const plan = await trend(world.alpha.people.manager, {
      item: 'plan.grade',
      roundIds: world.alpha.roundId,
      groupBy: 'agency',
    });
    // Audit 0 is health's own; audit 1's plan grade was given by health (Outstanding).
    expect(plan.series.map((s) => [s.group, s.overall.n])).toEqual([['health', 2]]);
  });

  it('gives the table of every item the same round and theme filters', async () => {
    const query = new URLSearchParams({ ...MARCH, themes: THEME });
    const response = await get(world.alpha.people.manager, `/api/metrics/items?${query}`);
    expect(response.status).toBe(200);
    const { sections } = (await response.json()) as {
      sections: { items: { key: string; overall: { k: number; n: number } }[] }[];
    };
    expect(sections.flatMap((s) => s.items).find((i) => i.key === 'overall.grade')?.overall).toMatchObject({
      k: 1,
      n: 2,
    });
  });

  it('offers the rounds and themes of the person’s own service only', async () => {
    type Options = {
      rounds: { id: string; name: string }[];
      themes: { id: string }[];
      agencies: { id: string }[];
    };
    const own = (await (await get(world.alpha.people.manager, '/api/metrics/options')).json()) as Options;
    const alphaRounds = await t.db.query<{ id: string }>(
      'SELECT id::text AS id FROM rounds WHERE service_id = $1 ORDER BY id',
      [world.alpha.serviceId],
    );
    expect(own.rounds.map((r) => r.id).sort()).toEqual(alphaRounds.map((r) => r.id).sort());
    expect(own.rounds.map((r) => r.id)).toEqual(expect.arrayContaining([world.alpha.roundId, secondRoundId]));
    expect(own.rounds.find((r) => r.id === secondRoundId)?.name).toBe(
      'Alpha second round (Thematic audit: Alpha neglect theme)',
    );
    expect(own.themes.map((x) => x.id)).toEqual(['Alpha exploitation theme', 'Alpha neglect theme']);
    expect(own.agencies.map((x) => x.id)).toContain('health');
    for (const outsider of [world.bravo.people.manager, world.bravo.people.qa, world.loose.manager]) {
      const text = await (await get(outsider, '/api/metrics/options')).text();
      for (const marker of [world.alpha.roundId, secondRoundId, 'Alpha second round', THEME, 'Alpha neglect'])
        expect(text).not.toContain(marker);
    }
  });

  it('gives a person of another service none of the round’s, theme’s or agency’s figures', async () => {
    for (const outsider of [world.bravo.people.manager, world.bravo.people.qa]) {
      expect(overallOf(await trend(outsider, { roundIds: world.alpha.roundId }))).toEqual({ k: 0, n: 0 });
      expect(overallOf(await trend(outsider, { themes: THEME }))).toEqual({ k: 0, n: 0 });
      const agencies = await trend(outsider, { groupBy: 'agency' });
      // Bravo's own five audits, all by social care: nothing of Alpha's health auditor.
      expect(agencies.series.map((s) => [s.group, s.overall.n])).toEqual([['social_care', 5]]);
      const compared = await get(
        outsider,
        `/api/round-comparison?first=${world.alpha.roundId}&second=${secondRoundId}`,
      );
      expect([403, 404]).toContain(compared.status);
      expect(await compared.text()).not.toContain('Alpha');
    }
  });

  it('compares two rounds with the overall figure by agency, as counted by hand', async () => {
    const response = await get(
      world.alpha.people.qa,
      `/api/round-comparison?first=${world.alpha.roundId}&second=${secondRoundId}`,
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const comparison = roundComparisonSchema.parse(await response.json());
    expect(comparison.measures.find((m) => m.key === 'overall.grade')).toMatchObject({
      first: { k: 1, n: 2 },
      second: { k: 1, n: 2 },
    });
    // First round: audit 0 (health, Good), audit 1 (social care, RI). Second: audit 2 (social
    // care, Good), audit 3 (health, RI).
    expect(comparison.byAgency.map((r) => [r.agency, r.first.k, r.first.n, r.second.k, r.second.n])).toEqual([
      ['social_care', 0, 1, 1, 1],
      ['health', 1, 1, 0, 1],
    ]);
    expect(comparison.byAgency[1]?.difference?.difference).toBe(1);
  });

  describe('a plan measure by round or theme', () => {
    const measure = (filters: Record<string, unknown>) => ({
      title: 'By round',
      source: 'audits',
      metric: {
        name: 'By round',
        source: { item: 'overall.grade' },
        passing: [0, 1],
        filters,
        bucket: 'month',
      },
      trajectory: {
        baseline: { date: '2026-01-31', value: 0.4 },
        milestones: [{ date: '2026-12-31', target: 0.8 }],
      },
    });
    const post = async (personId: string, planId: string, actionId: string, json: unknown) =>
      t.request(`/api/plans/${planId}/actions/${actionId}/measures`, {
        method: 'POST',
        headers: await world.headers(personId),
        json,
      });

    it('says which round it counts, and counts exactly its audits', async () => {
      const a = world.alpha;
      const response = await post(a.people.manager, a.planId, a.actionId, measure({ roundIds: [a.roundId] }));
      expect(response.status, await response.clone().text()).toBe(201);
      const saved = (
        (await response.json()) as {
          measures: {
            title: string;
            whichAudits: string;
            points: { k: number | null; n: number | null }[];
          }[];
        }
      ).measures.find((m) => m.title === 'By round');
      expect(saved?.whichAudits).toBe(`submitted audits, in the round ${a.roundName}`);
      const counted = { k: 0, n: 0 };
      for (const p of saved?.points ?? []) {
        counted.k += p.k ?? 0;
        counted.n += p.n ?? 0;
      }
      expect(counted).toEqual({ k: 1, n: 2 });
    });

    it.each([
      ['round', { roundIds: ['ALPHA'] }, 'metric.filters.roundIds'],
      ['theme', { themes: [THEME] }, 'metric.filters.themes'],
    ])('is refused naming another service’s %s, and nothing is saved', async (_name, filters, path) => {
      const b = world.bravo;
      const named = 'roundIds' in filters ? { roundIds: [world.alpha.roundId] } : filters;
      const before = await t.db.query('SELECT id FROM plan_measures WHERE plan_id = $1', [b.planId]);
      const response = await post(b.people.manager, b.planId, b.actionId, measure(named));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { fields: { path: string; message: string }[] };
      expect(body.fields.map((f) => f.path)).toContain(path);
      expect(JSON.stringify(body)).not.toContain('Alpha practice week');
      const after = await t.db.query('SELECT id FROM plan_measures WHERE plan_id = $1', [b.planId]);
      expect(after.length).toBe(before.length);
    });
  });
});
