/**
 * Rounds, samples, allocation and progress over HTTP, on each engine: a round fixes a
 * published framework version; a sample is reproducible for its seed and shown before use;
 * bulk allocation is balanced and never gives an auditor their own team's case; the auditor's
 * device pulls what it was given (and drops what was taken away); reallocation keeps the
 * work done; progress counts allocated, started, submitted, overdue per auditor and team; and
 * an audit takes its round's kind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  allocateInBulk,
  allocationsIn,
  AMARA,
  BEN,
  CHLOE,
  createRound,
  personId,
  pullUntil,
  push,
  QA_LEAD,
  sampleRound,
  submittableAnswers,
} from '../../tests/fixtures/case-lists/qa-steps';
import { samplePreviewResponseSchema } from '../../shared/rounds/sample-schemas';
import { roundCasesResponseSchema } from '../../shared/rounds/allocation-schemas';
import { roundProgressSchema } from '../../shared/rounds/progress-schemas';

describe.each(ENGINES)('rounds and allocation on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let auditorIds: string[];
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    auditorIds = await Promise.all([AMARA, BEN, CHLOE].map((email) => personId(t, email)));
  });

  it('refuses a round that ends before it starts, or a thematic audit without a theme, field by field', async () => {
    const response = await qa.request('/api/rounds', {
      method: 'POST',
      json: {
        name: 'Bad',
        kind: 'thematic',
        startDate: '2026-10-23',
        endDate: '2026-10-19',
        frameworkKey: 'lantern-default',
        frameworkVersion: 1,
        moderationShare: 0.1,
      },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string }[] };
    expect(body.fields.map((f) => f.path).sort()).toEqual(['endDate', 'theme']);
  });

  it('shows a reproducible sample before it is used, and uses exactly what was shown', async () => {
    const round = await createRound(qa);
    const spec = { method: 'stratified', strata: ['team'], quota: { kind: 'percent', value: 5 }, seed: 42 };
    const preview = async () =>
      samplePreviewResponseSchema.parse(
        await (
          await qa.request(`/api/rounds/${round.id}/sample/preview`, { method: 'POST', json: spec })
        ).json(),
      ).sample;
    const first = await preview();
    expect(await preview()).toEqual(first);
    expect(first.strata.reduce((sum, s) => sum + s.drawn, 0)).toBe(first.target);
    expect(first.excludedRecentlyAudited).toBeGreaterThan(0);
    expect(await t.db.query('SELECT case_id FROM round_cases WHERE round_id = $1', [round.id])).toEqual([]);

    await qa.request(`/api/rounds/${round.id}/sample`, { method: 'POST', json: spec });
    const cases = roundCasesResponseSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/cases`)).json(),
    ).cases;
    expect(cases.map((c) => c.caseId)).toEqual(first.drawn.map((d) => d.caseId));
  });

  it('allocates in bulk, balanced, never an auditor their own team, and the devices pull it', async () => {
    const round = await createRound(qa);
    await sampleRound(qa, round.id, 31);
    const preview = await allocateInBulk(qa, round.id, auditorIds, true);
    expect(await t.db.query('SELECT id FROM allocations WHERE round_id = $1', [round.id])).toEqual([]);
    const done = await allocateInBulk(qa, round.id, auditorIds);
    expect(done.allocated).toEqual(preview.allocated);
    const loads = done.perAuditor.map((p) => p.after);
    expect(loads.reduce((a, b) => a + b, 0) + done.unassigned.length).toBe(31);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const own = await t.db.query(
      `SELECT x.id FROM allocations x JOIN cases c ON c.id = x.case_id JOIN people p ON p.id = x.auditor_id
       WHERE x.round_id = $1 AND p.team_id = c.team_id`,
      [round.id],
    );
    expect(own).toEqual([]);

    const ben = await t.as(BEN);
    const mine = await allocationsIn(t, round.id, BEN);
    const pulled = await pullUntil(ben, (p) => mine.every((m) => p.allocations.some((a) => a.id === m.id)));
    const fromRound = pulled.allocations.filter((a) => a.roundName === round.name);
    expect(fromRound.map((a) => a.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect(fromRound.every((a) => a.dueDate === '2026-10-23' && a.active)).toBe(true);
  });

  it('reallocates a started case with its draft, drops it from the first device, and keeps the first draft', async () => {
    const round = await createRound(qa, { kind: 'monthly', name: 'Monthly round, realloc' });
    await sampleRound(qa, round.id, 8, 11);
    await allocateInBulk(qa, round.id, [auditorIds[0]!]);
    const amara = await t.as(AMARA);
    // One of Amara's cases that Chloe may take (the round never gives Chloe her own team's case).
    const [allocation] = await t.db.query<{ id: string; caseId: string }>(
      `SELECT x.id, x.case_id AS "caseId" FROM allocations x JOIN cases c ON c.id = x.case_id
       WHERE x.round_id = $1 AND x.auditor_id = $2 AND c.team_id IS DISTINCT FROM (SELECT team_id FROM people WHERE id = $3)
       ORDER BY x.id LIMIT 1`,
      [round.id, auditorIds[0], auditorIds[2]],
    );
    const draft = { 'plan.smart': { kind: 'question', value: 'partly' } } as const;
    expect((await push(amara, allocation!, 0, 'draft', draft)).status).toBe('applied');
    const checkpoint = (await pullUntil(amara, (p) => p.audits.some((a) => a.id === allocation!.id)))
      .checkpoint;

    const response = await qa.request(`/api/allocations/${allocation!.id}/reallocate`, {
      method: 'POST',
      json: { auditorId: auditorIds[2] },
    });
    expect(response.status).toBe(200);
    const { allocationId, copiedDraft } = (await response.json()) as {
      allocationId: string;
      copiedDraft: boolean;
    };
    expect(copiedDraft).toBe(true);

    const amaraPull = await pullUntil(amara, (p) => p.allocations.length > 0, checkpoint);
    expect(amaraPull.allocations).toEqual([expect.objectContaining({ id: allocation!.id, active: false })]);
    const chloe = await t.as(CHLOE);
    const chloePull = await pullUntil(chloe, (p) => p.audits.some((a) => a.id === allocationId));
    expect(chloePull.allocations.find((a) => a.id === allocationId)?.active).toBe(true);
    const copy = chloePull.audits.find((a) => a.id === allocationId);
    expect(copy).toMatchObject({ status: 'draft', rev: 1, answers: draft });
    expect(await t.db.query('SELECT auditor_id, status FROM audits WHERE id = $1', [allocation!.id])).toEqual(
      [{ auditor_id: auditorIds[0], status: 'draft' }],
    );
    // The new auditor carries on from the copy; the audit takes the round's kind.
    expect(
      (
        await push(
          chloe,
          { id: allocationId, caseId: allocation!.caseId },
          1,
          'submitted',
          submittableAnswers(1),
        )
      ).status,
    ).toBe('applied');
    expect(await t.db.query('SELECT kind FROM audits WHERE id = $1', [allocationId])).toEqual([
      { kind: 'monthly' },
    ]);

    const cases = roundCasesResponseSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/cases`)).json(),
    ).cases;
    const moved = cases.find((c) => c.caseId === allocation!.caseId);
    expect(moved?.allocation).toMatchObject({
      auditorName: 'Chloe Nwosu (demo)',
      state: 'submitted',
      previousAuditorName: 'Amara Osei (demo)',
    });
  });

  it('refuses to reallocate a submitted case, and to allocate a case twice in a round', async () => {
    const round = await createRound(qa);
    await sampleRound(qa, round.id, 4, 5);
    await allocateInBulk(qa, round.id, [auditorIds[1]!]);
    const ben = await t.as(BEN);
    const [allocation] = await allocationsIn(t, round.id, BEN);
    await push(ben, allocation!, 0, 'submitted', submittableAnswers(2));
    const refused = await qa.request(`/api/allocations/${allocation!.id}/reallocate`, {
      method: 'POST',
      json: { auditorId: auditorIds[0] },
    });
    expect(refused.status).toBe(409);
    const twice = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId: allocation!.caseId, auditorId: auditorIds[0] },
    });
    expect(twice.status).toBe(409);
  });

  it('shows progress per auditor and team: allocated, started, submitted, overdue', async () => {
    const round = await createRound(qa, { dueDate: '2026-10-01' });
    await sampleRound(qa, round.id, 6, 13);
    await allocateInBulk(qa, round.id, [auditorIds[0]!, auditorIds[1]!]);
    const amara = await t.as(AMARA);
    const [a1, a2] = await allocationsIn(t, round.id, AMARA);
    await push(amara, a1!, 0, 'draft', {});
    await push(amara, a2!, 0, 'submitted', submittableAnswers(1));
    const progress = roundProgressSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/progress`)).json(),
    );
    expect(progress.total).toEqual({ allocated: 6, started: 2, submitted: 1, moderated: 0, overdue: 5 });
    // Every case goes to one of the two (no case is in both their teams); all but one are overdue.
    const amaraRow = progress.byAuditor.find((r) => r.name === 'Amara Osei (demo)');
    const amaraHolds = (await allocationsIn(t, round.id, AMARA)).length;
    expect(amaraRow).toMatchObject({
      allocated: amaraHolds,
      started: 2,
      submitted: 1,
      overdue: amaraHolds - 1,
    });
    expect(progress.byTeam.reduce((sum, r) => sum + r.allocated, 0)).toBe(6);
  });

  it('withdraws an allocation and changes a due date, both reaching the device', async () => {
    const round = await createRound(qa);
    await sampleRound(qa, round.id, 6, 17);
    await allocateInBulk(qa, round.id, [auditorIds[2]!]);
    const [first, second] = await allocationsIn(t, round.id, CHLOE);
    expect(
      (await qa.request(`/api/allocations/${first!.id}/withdraw`, { method: 'POST', json: {} })).status,
    ).toBe(200);
    expect(
      (
        await qa.request(`/api/allocations/${second!.id}/due-date`, {
          method: 'PUT',
          json: { dueDate: '2026-11-02' },
        })
      ).status,
    ).toBe(200);
    const chloe = await t.as(CHLOE);
    const pulled = await pullUntil(
      chloe,
      (p) =>
        p.allocations.find((a) => a.id === first!.id)?.active === false &&
        p.allocations.some((a) => a.dueDate === '2026-11-02'),
    );
    expect(pulled.allocations.find((a) => a.id === first!.id)?.active).toBe(false);
    expect(pulled.allocations.find((a) => a.id === second!.id)?.dueDate).toBe('2026-11-02');
  });

  it('fixes the framework version once cases are allocated', async () => {
    const round = await createRound(qa);
    await sampleRound(qa, round.id, 4, 19);
    expect((await allocateInBulk(qa, round.id, [auditorIds[0]!])).allocated.length).toBeGreaterThan(0);
    const response = await qa.request(`/api/rounds/${round.id}`, {
      method: 'PUT',
      json: {
        name: round.name,
        kind: round.kind,
        startDate: round.startDate,
        endDate: round.endDate,
        frameworkKey: 'lantern-default',
        frameworkVersion: 2,
        moderationShare: 0.2,
      },
    });
    expect(response.status).toBe(409);
  });
});
