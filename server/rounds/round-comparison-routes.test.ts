/**
 * Two rounds of one tool compared over HTTP, on each engine: a practice week where every
 * audit is Good against a thematic round where 2 of 6 are; the overall measure's difference
 * and its interval checked against a hand calculation; the same round twice refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { auditRound, createRound, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { roundComparisonSchema } from '../../shared/rounds/round-comparison-schemas';
import type { Round } from '../../shared/rounds/round-schemas';

describe.each(ENGINES)('round comparison on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let practiceWeek: Round;
  let thematic: Round;

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    practiceWeek = await createRound(qa, { name: 'Practice week — compared' });
    thematic = await createRound(qa, {
      name: 'Exploitation — compared',
      kind: 'thematic',
      theme: 'Children at risk of exploitation',
    });
    await auditRound(t, qa, practiceWeek, 31, () => 1);
    await auditRound(t, qa, thematic, 32, (i) => (i < 2 ? 1 : 3));
  });

  it('gives each round its figure, the difference and its interval, as worked by hand', async () => {
    const response = await qa.request(`/api/round-comparison?first=${practiceWeek.id}&second=${thematic.id}`);
    expect(response.status).toBe(200);
    const comparison = roundComparisonSchema.parse(await response.json());
    expect(comparison.first).toMatchObject({
      name: 'Practice week — compared',
      kind: 'practice_week',
      audits: 6,
    });
    expect(comparison.second).toMatchObject({
      kind: 'thematic',
      theme: 'Children at risk of exploitation',
      audits: 6,
    });
    const overall = comparison.measures.find((m) => m.key === 'overall.grade');
    expect(overall?.first).toMatchObject({ k: 6, n: 6 });
    expect(overall?.second).toMatchObject({ k: 2, n: 6 });
    // By hand: p₁ = 6/6 = 1, Wilson 0.609666 to 1; p₂ = 2/6 = 0.333333, Wilson 0.096771 to 0.700007.
    // d = 0.666667; L = 0.666667 − √((1 − 0.609666)² + (0.700007 − 0.333333)²) = 0.666667 − √(0.152361 + 0.134449)
    //   = 0.666667 − 0.535547 = 0.131120; U = 0.666667 + √((1 − 1)² + (0.333333 − 0.096771)²) = 0.903229.
    // Beyond noise: the whole interval is above 0.
    expect(overall?.difference?.difference).toBeCloseTo(2 / 3, 12);
    expect(overall?.difference?.lower).toBeCloseTo(0.13112, 5);
    expect(overall?.difference?.upper).toBeCloseTo(0.903229, 5);
    expect(overall?.difference?.beyondNoise).toBe(true);
  });

  it('refuses the same round twice and a round it cannot find, saying which', async () => {
    const same = await qa.request(`/api/round-comparison?first=${thematic.id}&second=${thematic.id}`);
    expect(same.status).toBe(400);
    expect(((await same.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'second',
    ]);
    const missing = await qa.request(`/api/round-comparison?first=${thematic.id}&second=not-a-round`);
    expect(missing.status).toBe(400);
  });
});
