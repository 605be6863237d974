/**
 * Several audit tools and self-audits over HTTP, on each engine: the QA lead makes a new tool
 * as a copy of another (same items, same keys, version 1, a draft) and publishes it; a round
 * uses two tools, each case is allocated with the tool chosen for it, and the auditor's device
 * is told of both framework versions and can download each; metric counts are kept per tool;
 * a round's self-audits go to the case's own team, are kept beside the independent audits,
 * never count in metrics, and their agreement matches a hand calculation.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { pushBody } from '../../tests/support/sync-fixtures';
import {
  AMARA,
  BEN,
  createRound,
  personId,
  pullUntil,
  QA_LEAD,
  submittableAnswers,
} from '../../tests/fixtures/case-lists/qa-steps';
import { auditToolListSchema, auditToolResponseSchema } from '../../shared/framework/audit-tools';
import { frameworkItems, frameworkSchema } from '../../shared/framework/framework-schema';
import {
  roundCasesResponseSchema,
  selfAuditAllocationResultSchema,
} from '../../shared/rounds/allocation-schemas';
import { selfAuditAgreementResponseSchema } from '../../shared/rounds/self-audit-agreement-schemas';
import { pushResponseSchema } from '../../shared/sync/protocol';
import type { Answers } from '../../shared/framework/answer-schema';

describe.each(ENGINES)('audit tools and self-audits on $engine', (engine) => {
  const t = useTestApp(engine);
  const qa = useSignedIn(t, QA_LEAD);
  const amara = useSignedIn(t, AMARA);
  const ben = useSignedIn(t, BEN);
  let toolKey: string;

  /** Pushes one submitted audit on its allocation's tool, as the device would. */
  async function submit(
    auditor: Client,
    allocation: { id: string; caseId: string; key: string; version: number },
    answers: Answers,
  ): Promise<void> {
    const response = await auditor.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [
        {
          mutationId: randomUUID(),
          type: 'audit.put',
          baseRev: 0,
          snapshot: {
            id: allocation.id,
            caseId: allocation.caseId,
            frameworkKey: allocation.key,
            frameworkVersion: allocation.version,
            status: 'submitted',
            answers,
            completedAt: new Date().toISOString(),
          },
        },
      ]),
    });
    const [result] = pushResponseSchema.parse(await response.json()).results;
    expect(result).toMatchObject({ status: 'applied' });
  }

  const withOverall = (grade: number, seed: number): Answers => {
    const answers = submittableAnswers(grade, seed);
    return answers;
  };

  async function allocationOf(roundId: string, caseId: string, stage: 'self' | 'independent') {
    const [row] = await t.db.query<{
      id: string;
      caseId: string;
      key: string;
      version: number;
      auditor: string;
    }>(
      `SELECT x.id, x.case_id AS "caseId", x.framework_key AS key, x.framework_version AS version,
              x.auditor_id AS auditor
       FROM allocations x WHERE x.round_id = $1 AND x.case_id = $2 AND x.stage = $3 AND x.active`,
      [roundId, caseId, stage],
    );
    if (!row) throw new Error(`no ${stage} allocation of ${caseId}`);
    return row;
  }

  it('makes a new tool as a copy of another: same items and keys, version 1, a draft to publish', async () => {
    const created = await qa.request('/api/audit-tools', {
      method: 'POST',
      json: {
        name: 'Neglect thematic audit',
        purpose: 'thematic',
        description: 'Thematic audit of children living with neglect.',
        copyFrom: { key: 'lantern-default', version: 1 },
      },
    });
    expect(created.status).toBe(201);
    const { tool } = auditToolResponseSchema.parse(await created.json());
    toolKey = tool.key;
    expect(tool).toMatchObject({
      key: 'neglect-thematic-audit',
      name: 'Neglect thematic audit',
      purpose: 'thematic',
      copiedFrom: { key: 'lantern-default', version: 1 },
      latestPublished: null,
      draftVersion: 1,
    });
    const load = async (key: string) =>
      frameworkSchema.parse(await (await qa.request(`/api/frameworks/${key}/1`)).json());
    const [source, copy] = [await load('lantern-default'), await load(toolKey)];
    expect(copy.key).toBe(toolKey);
    expect(copy.title).toBe('Neglect thematic audit');
    expect(frameworkItems(copy)).toEqual(frameworkItems(source));

    // The same name twice is refused, naming the field.
    const again = await qa.request('/api/audit-tools', {
      method: 'POST',
      json: {
        name: 'NEGLECT thematic audit',
        purpose: 'thematic',
        copyFrom: { key: toolKey, version: 1 },
      },
    });
    expect(again.status).toBe(409);

    // A round cannot use a draft.
    const early = await qa.request('/api/rounds', {
      method: 'POST',
      json: {
        name: 'Too early',
        kind: 'monthly',
        startDate: '2026-10-01',
        endDate: '2026-10-31',
        frameworkKey: 'lantern-default',
        frameworkVersion: 1,
        otherTools: [{ key: toolKey, version: 1 }],
        moderationShare: 0.1,
      },
    });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'otherTools.0.version',
    ]);

    expect(
      (await qa.request(`/api/frameworks/${toolKey}/1/publish`, { method: 'POST', json: {} })).status,
    ).toBe(200);
    const tools = auditToolListSchema.parse(await (await qa.request('/api/audit-tools')).json()).tools;
    // Beside the case-file audit and the demo's exploitation tool.
    expect(tools.map((x) => [x.key, x.purpose, x.latestPublished])).toEqual([
      ['lantern-default', 'case_file', 1],
      ['children-at-risk-of-exploitation', 'thematic', 1],
      [toolKey, 'thematic', 1],
    ]);
    // Only a QA lead keeps tools.
    expect((await amara.request('/api/audit-tools')).status).toBe(403);
  });

  it('allocates each case of a two-tool round with its tool; the device is told of both versions; counts are per tool', async () => {
    const round = await createRound(qa, {
      kind: 'thematic',
      theme: 'Exploitation',
      otherTools: [{ key: toolKey, version: 1 }],
    });
    expect(round.tools.map((x) => [x.key, x.version, x.title])).toEqual([
      ['lantern-default', 1, 'Case file audit'],
      [toolKey, 1, 'Neglect thematic audit'],
    ]);
    const benId = await personId(t, BEN);
    const cases = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id JOIN people p ON p.team_id = t.id
       WHERE p.email = $1 AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id AND x.active)
       ORDER BY c.reference LIMIT 4`,
      [AMARA],
    );
    const [a, b, c, d] = cases.map((x) => x.id);
    if (!a || !b || !c || !d) throw new Error('not enough cases');
    const hand = async (caseId: string, tool?: string) =>
      qa.request('/api/allocations', {
        method: 'POST',
        json: { roundId: round.id, caseId, auditorId: benId, ...(tool ? { toolKey: tool } : {}) },
      });
    expect((await hand(a)).status).toBe(201);
    expect((await hand(b, toolKey)).status).toBe(201);
    const wrong = await hand(c, 'no-such-tool');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual([
      'toolKey',
    ]);
    // Bulk allocation with the second tool, for the cases chosen among the round's (as a sample draws them).
    const outside = await qa.request('/api/allocations/bulk', {
      method: 'POST',
      json: { roundId: round.id, auditorIds: [benId], toolKey, caseIds: [c, d] },
    });
    expect(outside.status).toBe(400);
    await t.db.query(
      "INSERT INTO round_cases (round_id, case_id, stratum, position) VALUES ($1, $2, 'All cases', 5), ($1, $3, 'All cases', 6)",
      [round.id, c, d],
    );
    const bulk = await qa.request('/api/allocations/bulk', {
      method: 'POST',
      json: { roundId: round.id, auditorIds: [benId], toolKey, caseIds: [c, d] },
    });
    expect(bulk.status).toBe(200);

    const listed = roundCasesResponseSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/cases`)).json(),
    );
    expect(Object.fromEntries(listed.cases.map((x) => [x.caseId, x.allocation?.toolKey]))).toEqual({
      [a]: 'lantern-default',
      [b]: toolKey,
      [c]: toolKey,
      [d]: toolKey,
    });
    expect(listed.cases.find((x) => x.caseId === b)?.allocation?.toolTitle).toBe('Neglect thematic audit');

    const pulled = await pullUntil(ben, (p) =>
      [a, b, c, d].every((id) => p.allocations.some((x) => x.caseId === id)),
    );
    const wanted = new Set(
      pulled.allocations
        .filter((x) => [a, b, c, d].includes(x.caseId))
        .map((x) => `${x.frameworkKey}@${x.frameworkVersion}`),
    );
    expect([...wanted].sort()).toEqual([`${toolKey}@1`, 'lantern-default@1'].sort());
    for (const ref of wanted) {
      const [key, version] = ref.split('@');
      const response = await ben.request(`/api/frameworks/${key}/${version}`);
      expect(response.status).toBe(200);
      expect(frameworkSchema.parse(await response.json()).key).toBe(key);
    }

    // Metric counts are kept per tool: the exploitation tool's audits count under its key only.
    const countsOf = async (key: string) =>
      Number(
        (
          await t.db.query<{ n: number | null }>(
            "SELECT sum(audits) AS n FROM metric_counts WHERE framework_key = $1 AND item_key = 'overall.grade'",
            [key],
          )
        )[0]?.n ?? 0,
      );
    const before = await countsOf('lantern-default');
    await submit(ben, await allocationOf(round.id, b, 'independent'), withOverall(1, 2));
    await submit(ben, await allocationOf(round.id, c, 'independent'), withOverall(2, 3));
    await submit(ben, await allocationOf(round.id, a, 'independent'), withOverall(1, 4));
    expect(await countsOf(toolKey)).toBe(2);
    expect(await countsOf('lantern-default')).toBe(before + 1);
    // The dashboard's trend for one tool counts that tool's audits only (the two just submitted).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const trend = async (tool?: string) =>
      (await (
        await qa.request(
          `/api/metrics/trend?${new URLSearchParams({
            item: 'overall.grade',
            passing: '0,1',
            from: day(-2),
            to: day(2),
            ...(tool ? { tool } : {}),
          }).toString()}`,
        )
      ).json()) as { series: { overall: { k: number; n: number } }[] };
    expect((await trend(toolKey)).series[0]?.overall).toMatchObject({ k: 1, n: 2 });
    expect((await trend()).series[0]?.overall.n).toBeGreaterThanOrEqual(3);
    const options = (await (await qa.request('/api/metrics/options')).json()) as {
      tools: { id: string; name: string }[];
    };
    expect(options.tools).toContainEqual({ id: toolKey, name: 'Neglect thematic audit' });

    // A tool a case is allocated with cannot be taken off the round.
    const put = await qa.request(`/api/rounds/${round.id}`, {
      method: 'PUT',
      json: {
        name: round.name,
        kind: round.kind,
        theme: round.theme,
        startDate: round.startDate,
        endDate: round.endDate,
        frameworkKey: 'lantern-default',
        frameworkVersion: 1,
        otherTools: [],
        moderationShare: 0.25,
      },
    });
    expect(put.status).toBe(409);
  });

  it('allocates self-audits to the case’s own team, keeps both audits, counts only the independent one, and reports agreement', async () => {
    const round = await createRound(qa, { selfAudit: true });
    expect(round.selfAudit).toBe(true);
    const benId = await personId(t, BEN);
    const amaraId = await personId(t, AMARA);
    const cases = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN people p ON p.team_id = c.team_id
       WHERE p.email = $1 AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id AND x.active)
       ORDER BY c.reference LIMIT 3`,
      [AMARA],
    );
    for (const { id } of cases)
      expect(
        (
          await qa.request('/api/allocations', {
            method: 'POST',
            json: { roundId: round.id, caseId: id, auditorId: benId },
          })
        ).status,
      ).toBe(201);

    const preview = selfAuditAllocationResultSchema.parse(
      await (
        await qa.request('/api/allocations/self-audits', {
          method: 'POST',
          json: { roundId: round.id, preview: true },
        })
      ).json(),
    );
    expect(preview.allocated.map((x) => x.auditorId)).toEqual([amaraId, amaraId, amaraId]);
    expect(
      await t.db.query("SELECT id FROM allocations WHERE round_id = $1 AND stage = 'self'", [round.id]),
    ).toEqual([]);
    const made = await qa.request('/api/allocations/self-audits', {
      method: 'POST',
      json: { roundId: round.id },
    });
    expect(made.status).toBe(200);
    // A second run finds nothing left to allocate.
    const again = selfAuditAllocationResultSchema.parse(
      await (
        await qa.request('/api/allocations/self-audits', { method: 'POST', json: { roundId: round.id } })
      ).json(),
    );
    expect(again.allocated).toEqual([]);
    // A round that does not ask for self-audits refuses them.
    const plain = await createRound(qa);
    expect(
      (await qa.request('/api/allocations/self-audits', { method: 'POST', json: { roundId: plain.id } }))
        .status,
    ).toBe(409);

    const listed = roundCasesResponseSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/cases`)).json(),
    );
    expect(listed.cases.map((x) => [x.allocation?.auditorId, x.selfAudit?.auditorName])).toEqual(
      cases.map(() => [benId, 'Amara Osei (demo)']),
    );

    // Self (1, 1, 2) against independent (2, 1, 2). Exact 2/3. Observed Σ(i−j)²·n = 1·3 = 3;
    // self marginals (0,2,1,0), independent (0,1,2,0): Σ s_i t_j (i−j)² = 2·2·1 + 1·1·1 = 5; κ = 1 − 3/5 = 0.4.
    const selfGrades = [1, 1, 2];
    const independentGrades = [2, 1, 2];
    const selfCountsBefore = await t.db.query<{ n: number | null }>(
      "SELECT sum(audits) AS n FROM metric_counts WHERE item_key = 'overall.grade'",
    );
    for (const [i, { id }] of cases.entries())
      await submit(amara, await allocationOf(round.id, id, 'self'), withOverall(selfGrades[i] ?? 0, 10 + i));
    // Self-audits never count in metrics.
    expect(
      await t.db.query<{ n: number | null }>(
        "SELECT sum(audits) AS n FROM metric_counts WHERE item_key = 'overall.grade'",
      ),
    ).toEqual(selfCountsBefore);
    expect(
      await t.db.query(
        "SELECT a.stage FROM audits a JOIN allocations x ON x.id = a.id WHERE x.round_id = $1 AND x.stage = 'self'",
        [round.id],
      ),
    ).toEqual(cases.map(() => ({ stage: 'self' })));
    for (const [i, { id }] of cases.entries())
      await submit(
        ben,
        await allocationOf(round.id, id, 'independent'),
        withOverall(independentGrades[i] ?? 0, 20 + i),
      );
    const after = Number(
      (
        await t.db.query<{ n: number | null }>(
          "SELECT sum(audits) AS n FROM metric_counts WHERE item_key = 'overall.grade'",
        )
      )[0]?.n ?? 0,
    );
    expect(after).toBe(Number(selfCountsBefore[0]?.n ?? 0) + 3);

    const agreement = selfAuditAgreementResponseSchema.parse(
      await (await qa.request(`/api/rounds/${round.id}/self-audit-agreement`)).json(),
    );
    expect(agreement.compared).toBe(3);
    expect(agreement.selfAllocated).toBe(3);
    expect(agreement.overall.exact).toBeCloseTo(2 / 3, 12);
    expect(agreement.overall.kappa).toBeCloseTo(0.4, 12);
    expect(agreement.overallWords).toContain('same grade in 2 of 3 cases');
    expect(agreement.sections.length).toBeGreaterThan(0);
    expect(agreement.sections.every((s) => s.agreement.pairs === 3)).toBe(true);
    expect((await amara.request(`/api/rounds/${round.id}/self-audit-agreement`)).status).toBe(403);
  });

  it('seeds the demo with the exploitation tool and, in each service, a thematic round of self-audits then independent audits', async () => {
    const rounds = (await (await qa.request('/api/rounds')).json()) as {
      rounds: { id: string; kind: string; selfAudit: boolean; tools: { key: string }[] }[];
    };
    const thematic = rounds.rounds.find((r) => r.kind === 'thematic' && r.selfAudit && r.tools.length === 2);
    if (!thematic) throw new Error('no demo thematic round');
    expect(thematic.tools.map((x) => x.key)).toEqual(['lantern-default', 'children-at-risk-of-exploitation']);
    const agreement = selfAuditAgreementResponseSchema.parse(
      await (await qa.request(`/api/rounds/${thematic.id}/self-audit-agreement`)).json(),
    );
    expect(agreement.compared).toBe(8);
    expect(agreement.cases.map((c) => c.toolTitle)).toContain('Children at risk of exploitation');
    expect(agreement.overall.kappa).not.toBeNull();
  });
});
