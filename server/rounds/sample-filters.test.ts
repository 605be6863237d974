/**
 * A round's sample by case flag, team and worker, and a census, over HTTP on each engine, in the
 * world of two services: a census of a flag draws exactly the cases a query of the flag finds; a
 * sample stratified by flag and team is the same for the same seed, and what is used is what
 * was shown; a sample narrowed to a worker draws only their cases; and a spec naming another
 * service's team or worker, or an unknown flag or case type, is refused field by field with
 * nothing drawn or stored. The teams and workers offered are the round's service's only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import { samplePreviewResponseSchema, sampleChoicesResponseSchema } from '../../shared/rounds/sample-schemas';
import { roundResponseSchema } from '../../shared/rounds/round-schemas';

const EXPLOITATION = 'at-risk-of-exploitation';
const LOOKED_AFTER = 'looked-after';

describe.each(ENGINES)('samples by flag, team and worker on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  let roundId: string;
  const call = async (personId: string, path: string, json?: unknown) =>
    t.request(path, {
      method: json === undefined ? 'GET' : 'POST',
      headers: await world.headers(personId),
      ...(json === undefined ? {} : { json }),
    });
  const preview = async (json: unknown) => {
    const response = await call(world.alpha.people.qa, `/api/rounds/${roundId}/sample/preview`, json);
    expect(response.status, await response.clone().text()).toBe(200);
    return samplePreviewResponseSchema.parse(await response.json()).sample;
  };

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    await t.db.query(
      `INSERT INTO case_flags (key, label) VALUES ($1, 'At risk of exploitation'), ($2, 'Looked after')
       ON CONFLICT DO NOTHING`,
      [EXPLOITATION, LOOKED_AFTER],
    );
    // Alpha's cases 0, 1, 3 and 6 carry the exploitation flag (1 and 6 are also looked after), 5
    // is looked after only; bravo's case 0 carries it too, and must never be drawn for alpha.
    const { alpha, bravo } = world;
    const flagsOf: [string | undefined, string[]][] = [
      [alpha.caseIds[0], [EXPLOITATION]],
      [alpha.caseIds[1], [LOOKED_AFTER, EXPLOITATION]],
      [alpha.caseIds[3], [EXPLOITATION]],
      [alpha.caseIds[5], [LOOKED_AFTER]],
      [alpha.caseIds[6], [EXPLOITATION, LOOKED_AFTER]],
      [bravo.caseIds[0], [EXPLOITATION]],
    ];
    for (const [id, flags] of flagsOf)
      await t.db.query('UPDATE cases SET flags = $2::text[] WHERE id = $1', [id, flags]);
    const created = await call(alpha.people.qa, '/api/rounds', {
      name: 'Alpha exploitation audit',
      kind: 'thematic',
      theme: 'Children at risk of exploitation',
      startDate: '2026-11-02',
      endDate: '2026-11-27',
      frameworkKey: 'lantern-default',
      frameworkVersion: 1,
      moderationShare: 0.1,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    roundId = roundResponseSchema.parse(await created.json()).round.id;
  }, 180_000);

  it('offers the teams and workers of the round’s service only', async () => {
    const response = await call(world.alpha.people.qa, `/api/rounds/${roundId}/sample/choices`);
    expect(response.status).toBe(200);
    const choices = sampleChoicesResponseSchema.parse(await response.json());
    expect(choices.teams.map((team) => team.id).sort()).toEqual([...world.alpha.teamIds].sort());
    expect(choices.workers).toEqual([
      { id: world.alpha.people.practitioner, name: 'Alpha practitioner person' },
    ]);
    const outsider = await call(world.bravo.people.qa, `/api/rounds/${roundId}/sample/choices`);
    expect([403, 404]).toContain(outsider.status);
    expect(await outsider.text()).not.toContain('Alpha');
  });

  it('draws a census of every case with a flag: exactly the cases a query of the flag finds', async () => {
    const sample = await preview({
      method: 'random',
      quota: { kind: 'all' },
      flags: [EXPLOITATION],
      excludeAuditedWithinMonths: 0,
      seed: 11,
    });
    const expected = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.service_id = $1 AND $2 = ANY (c.flags) AND NOT c.closed`,
      [world.alpha.serviceId, EXPLOITATION],
    );
    expect(expected).toHaveLength(4);
    expect(sample.drawn.map((d) => d.caseId).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(sample.target).toBe(sample.eligible);
  });

  it('stratifies by flag and team, the same for the same seed, and uses exactly what was shown', async () => {
    const spec = {
      method: 'stratified',
      strata: ['flag', 'team'],
      quota: { kind: 'count', value: 3 },
      flags: [EXPLOITATION, LOOKED_AFTER],
      excludeAuditedWithinMonths: 0,
      seed: 2026,
    };
    const first = await preview(spec);
    const again = await preview(spec);
    expect(again).toEqual(first);
    expect(first.eligible).toBe(5);
    expect(first.strata.reduce((sum, s) => sum + s.drawn, 0)).toBe(3);
    expect(first.strata.reduce((sum, s) => sum + s.eligible, 0)).toBe(5);
    // Case 1 (looked after, then exploitation) counts under the first chosen flag: exploitation.
    expect(first.strata.map((s) => [s.label, s.eligible])).toEqual([
      ['At risk of exploitation · Alpha team one', 2],
      ['At risk of exploitation · Alpha team two', 2],
      ['Looked after · Alpha team two', 1],
    ]);
    const used = await call(world.alpha.people.qa, `/api/rounds/${roundId}/sample`, spec);
    expect(used.status).toBe(200);
    const stored = await t.db.query<{ case_id: string; stratum: string }>(
      'SELECT case_id, stratum FROM round_cases WHERE round_id = $1 ORDER BY position',
      [roundId],
    );
    expect(stored.map((r) => ({ caseId: r.case_id, stratum: r.stratum }))).toEqual(
      first.drawn.map((d) => ({ caseId: d.caseId, stratum: d.stratum })),
    );
  });

  it('narrows to a worker: only the cases they are the practitioner of, stratified by worker', async () => {
    const sample = await preview({
      method: 'stratified',
      strata: ['worker'],
      quota: { kind: 'all' },
      workerIds: [world.alpha.people.practitioner],
      excludeAuditedWithinMonths: 0,
      seed: 5,
    });
    expect(sample.drawn.map((d) => d.caseId).sort()).toEqual(
      [world.alpha.caseIds[0], world.alpha.caseIds[2]].sort(),
    );
    expect(sample.strata.map((s) => [s.label, s.drawn])).toEqual([['Alpha practitioner person', 2]]);
  });

  it('narrows to a team and says “No worker recorded” for cases without one', async () => {
    const sample = await preview({
      method: 'stratified',
      strata: ['worker'],
      quota: { kind: 'all' },
      teamIds: [world.alpha.teamIds[1]],
      excludeAuditedWithinMonths: 0,
      seed: 5,
    });
    const expected = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE team_id = $1', [
      world.alpha.teamIds[1],
    ]);
    expect(sample.drawn.map((d) => d.caseId).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(sample.strata.map((s) => s.label)).toEqual(['No worker recorded']);
  });

  it('refuses another service’s team and worker and unknown flags and case types, by field, storing nothing', async () => {
    const before = await t.db.query<{ case_id: string }>(
      'SELECT case_id FROM round_cases WHERE round_id = $1 ORDER BY position',
      [roundId],
    );
    const spec = {
      method: 'random',
      quota: { kind: 'all' },
      teamIds: [world.alpha.teamIds[0], world.bravo.teamIds[0]],
      workerIds: [world.bravo.people.practitioner],
      flags: ['no-such-flag'],
      caseTypes: ['no-such-type'],
      seed: 1,
    };
    for (const path of [`/api/rounds/${roundId}/sample/preview`, `/api/rounds/${roundId}/sample`]) {
      const response = await call(world.alpha.people.qa, path, spec);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toContain('Bravo');
      const body = JSON.parse(text) as { code: string; fields: { path: string; message: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.fields.map((f) => f.path)).toEqual(['teamIds.1', 'workerIds.0', 'caseTypes.0', 'flags.0']);
      expect(body.fields[0]?.message).toMatch(/not a team of the round’s service/);
    }
    const after = await t.db.query<{ case_id: string }>(
      'SELECT case_id FROM round_cases WHERE round_id = $1 ORDER BY position',
      [roundId],
    );
    expect(after).toEqual(before);
  });

  it('refuses a team id that is not an id, naming the field', async () => {
    const response = await call(world.alpha.people.qa, `/api/rounds/${roundId}/sample/preview`, {
      method: 'random',
      quota: { kind: 'all' },
      teamIds: ['team one'],
      seed: 1,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string }[] };
    expect(body.fields.map((f) => f.path)).toEqual(['teamIds.0']);
  });
});
