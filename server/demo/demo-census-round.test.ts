/**
 * The demo's census round, on each engine: its stored sample is every open case of the service
 * flagged "At risk of exploitation" (a query of the flag finds the same cases), stratified by
 * flag and team, and the QA lead redrawing it from the stored spec gets the same cases in the
 * same order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { roundListSchema } from '../../shared/rounds/round-schemas';
import { samplePreviewResponseSchema } from '../../shared/rounds/sample-schemas';
import { DEMO_CENSUS_ROUND_NAME } from './demo-census-round';

describe.each(ENGINES)('the demo’s census round on $engine', (engine) => {
  const t = useTestApp(engine, {}, 300_000);
  let qa: Client;
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
  }, 300_000);

  it('holds every open exploitation-flagged case of the service, and redraws the same from its spec', async () => {
    const rounds = roundListSchema.parse(await (await qa.request('/api/rounds')).json()).rounds;
    const census = rounds.find((r) => r.name === DEMO_CENSUS_ROUND_NAME);
    expect(census?.sampleSpec).toMatchObject({ quota: { kind: 'all' }, strata: ['flag', 'team'] });
    const stored = await t.db.query<{ case_id: string; stratum: string }>(
      'SELECT case_id, stratum FROM round_cases WHERE round_id = $1 ORDER BY position',
      [census?.id],
    );
    const flagged = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_flags f ON f.key = ANY (c.flags)
       WHERE f.label = 'At risk of exploitation' AND NOT c.closed
         AND t.service_id = (SELECT service_id FROM rounds WHERE id = $1)`,
      [census?.id],
    );
    expect(flagged.length).toBeGreaterThan(0);
    expect(stored.map((r) => r.case_id).sort()).toEqual(flagged.map((r) => r.id).sort());
    for (const row of stored) expect(row.stratum).toMatch(/^At risk of exploitation · /);

    const redrawn = samplePreviewResponseSchema.parse(
      await (
        await qa.request(`/api/rounds/${census?.id ?? ''}/sample/preview`, {
          method: 'POST',
          json: census?.sampleSpec,
        })
      ).json(),
    ).sample;
    expect(redrawn.drawn.map((d) => ({ case_id: d.caseId, stratum: d.stratum }))).toEqual(stored);
  });
});
