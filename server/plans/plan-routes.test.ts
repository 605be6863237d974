/**
 * The improvement plan through its API on each engine, as a manager uses it: the demo plan
 * and its summaries, building a plan by hand (areas, actions, notes, RAG with history, the
 * evidence panel), the Haringey target as a measure judged by the shared trajectory RAG,
 * one more synced audit changing the figure on the next read, importing CSV and XLSX with
 * row-level errors, linking audit findings both ways, and the board report as of a date.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { answerJson } from '../../tests/support/answer-json';
import { TEST_NOW, type Client } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, mutation, pushBody } from '../../tests/support/sync-fixtures';
import type {
  ActionDetailView,
  BoardReportView,
  FindingView,
  PlanListItem,
  PlanView,
} from '../../shared/plans/plan-views';
import { trajectoryRag } from '../../shared/metrics/trajectory-rag';
import { AT_LEAST_GOOD_TRAJECTORY } from '../../shared/metrics/council-plan-trajectories';
import { DEMO_PLAN_TITLE } from '../demo/demo-plan';

const MANAGER = 'farah.manager@demo.lantern.invalid';
const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/plans/${name}`, import.meta.url));

describe.each(ENGINES)('improvement plans on $engine', (engine) => {
  const t = useTestApp(engine);
  const manager = useSignedIn(t, MANAGER);

  const newPlan = async (by: Client = manager) =>
    answerJson<PlanView>(
      await by.request('/api/plans', {
        method: 'POST',
        json: { title: `Plan ${randomUUID()}`, kind: 'inspection' },
      }),
      201,
    );
  const newAction = async (plan: PlanView, by: Client = manager) => {
    const withArea = await answerJson<PlanView>(
      await by.request(`/api/plans/${plan.id}/areas`, {
        method: 'POST',
        json: { reference: 'A', title: 'Audit quality', theme: 'A', timescale: 'within-3-months' },
      }),
      201,
    );
    const areaId = withArea.areas[0]?.id;
    return answerJson<ActionDetailView>(
      await by.request(`/api/plans/${plan.id}/actions`, {
        method: 'POST',
        json: {
          areaId,
          number: 'A1',
          description: 'Audit monthly',
          owner: 'Head of QA',
          targetDate: '2019-12-31',
        },
      }),
      201,
    );
  };

  it('seeds the demo plan with summaries in the council’s words and measures from audits and by hand', async () => {
    const { plans } = await answerJson<{ plans: PlanListItem[] }>(await manager.request('/api/plans'));
    const demo = plans.find((p) => p.title === DEMO_PLAN_TITLE);
    expect(demo?.headline).toBe('6 areas for improvement made up of 10 actions (3 actions complete)');
    const plan = await answerJson<PlanView>(await manager.request(`/api/plans/${demo?.id}`));
    expect(plan.summary.ragSentence).toMatch(/^Of the 6 areas for improvement, /);
    const report = await answerJson<BoardReportView>(await manager.request(`/api/plans/${demo?.id}/report`));
    expect(report.measures.map((m) => [m.actionNumber, m.method])).toEqual([
      ['A1', 'counts'],
      ['A1', 'scan'],
      ['A1', 'manual'], // the year's net gain of foster placements (demo-count-measures.ts)
      ['B1', 'counts'],
      ['B1', 'manual'], // contacts to MASH
      ['B2', 'manual'], // repeat referrals per 100
      ['C1', 'counts'],
      ['D1', 'scan'],
      ['E1', 'manual'],
    ]);
    for (const m of report.measures) expect(m.latest, m.title).not.toBeNull();
  });

  it('keeps notes and RAG with reasons as history, and lets the panel sign off only Blue actions', async () => {
    const { action } = await newAction(await newPlan());
    const planId = (
      await t.db.query<{ plan_id: string }>('SELECT plan_id FROM plan_actions WHERE id = $1', [action.id])
    )[0]?.plan_id;
    const base = `/api/plans/${planId}/actions/${action.id}`;
    await answerJson(
      await manager.request(`${base}/rag`, { method: 'POST', json: { rag: 'red', reason: 'Not started' } }),
    );
    const noReason = await manager.request(`${base}/rag`, {
      method: 'POST',
      json: { rag: 'green', reason: '' },
    });
    expect(await answerJson(noReason, 400)).toMatchObject({ fields: [{ path: 'reason' }] });
    await answerJson(
      await manager.request(`${base}/notes`, { method: 'POST', json: { text: 'Two audits done' } }),
    );
    const early = await manager.request(`${base}/sign-off`, {
      method: 'POST',
      json: { signedOff: true, note: 'Panel' },
    });
    expect(await answerJson(early, 400)).toMatchObject({ fields: [{ path: 'signedOff' }] });
    await answerJson(
      await manager.request(`${base}/rag`, { method: 'POST', json: { rag: 'blue', reason: 'Done' } }),
    );
    const signed = await answerJson<ActionDetailView>(
      await manager.request(`${base}/sign-off`, {
        method: 'POST',
        json: { signedOff: true, note: 'Evidence seen' },
      }),
    );
    expect(signed.action).toMatchObject({
      rag: 'blue',
      ragReason: 'Done',
      signedOff: true,
      latestNote: { text: 'Two audits done' },
    });
    expect(signed.history.map((e) => [e.kind, e.rag])).toEqual([
      ['rag', 'red'],
      ['note', null],
      ['rag', 'blue'],
      ['sign-off', null],
    ]);
    const plan = await answerJson<PlanView>(await manager.request(`/api/plans/${planId}`));
    expect(plan.summary.complete).toBe('1 area for improvement fully complete');
  });

  it('judges the Haringey target by the shared trajectory RAG, and one more synced audit changes the figure', async () => {
    const plan = await newPlan();
    const { action } = await newAction(plan);
    const metric = {
      name: 'At least good',
      source: { item: 'overall.grade' },
      passing: [0, 1],
      bucket: 'month',
    };
    const created = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${action.id}/measures`, {
        method: 'POST',
        json: {
          title: 'Audits at least good',
          source: 'audits',
          metric,
          trajectory: AT_LEAST_GOOD_TRAJECTORY,
        },
      }),
      201,
    );
    const measure = created.measures[0];
    if (!measure?.latest) throw new Error('the measure has no judged period');
    const latest = measure.latest;
    const expected = trajectoryRag({
      trajectory: AT_LEAST_GOOD_TRAJECTORY,
      observed: { k: latest.k ?? 0, n: latest.n ?? 0 },
      periodEnd: latest.endDate,
      evaluationDate: new Date().toISOString().slice(0, 10),
    });
    expect(latest.rag).toBe(expected.colour);
    expect(measure.points.at(0)?.periodId).toBe('2019-01');
    expect(
      measure.points
        .filter((p) => p.periodId < '2024-01')
        .every((p) => p.fraction === null && p.rag === 'no-data'),
    ).toBe(true);

    // One more audit, submitted through sync and completed in the demo's last month.
    const auditor = await t.as(AUDITOR_A);
    const [allocation] = await allocationsOf(t.db, AUDITOR_A);
    const month = TEST_NOW.toISOString().slice(0, 7);
    // In the tests' world the case was allocated before the audit below was completed (a
    // completion time before the allocation is refused at sync).
    await t.db.query('UPDATE allocations SET created_at = $1 WHERE id = $2', [
      `${month}-01T09:00:00Z`,
      allocation?.id,
    ]);
    const before = measure.points.find((p) => p.periodId === month);
    const pushed = await auditor.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [
        mutation(
          {
            id: randomUUID(),
            caseId: allocation?.case_id ?? '',
            frameworkKey: 'lantern-default',
            frameworkVersion: 1,
            status: 'submitted',
            answers: {
              'safeguarding.concern': { kind: 'yes-no-note', value: 'no', note: '' },
              'overall.grade': { kind: 'grade', value: 1 },
            },
            completedAt: `${month}-10T10:00:00Z`,
          },
          0,
        ),
      ]),
    });
    expect(await pushed.text()).toContain('"applied"');
    const after = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${action.id}`),
    );
    const now = after.measures[0]?.points.find((p) => p.periodId === month);
    expect(now?.n).toBe((before?.n ?? 0) + 1);
    expect(now?.k).toBe((before?.k ?? 0) + 1);
  });

  it('refuses a metric that can never be counted, naming why', async () => {
    const plan = await newPlan();
    const { action } = await newAction(plan);
    const response = await manager.request(`/api/plans/${plan.id}/actions/${action.id}/measures`, {
      method: 'POST',
      json: {
        title: 'Strengths',
        source: 'audits',
        metric: { name: 'x', source: { item: 'overall.strengths' }, passing: ['yes'], bucket: 'month' },
        trajectory: AT_LEAST_GOOD_TRAJECTORY,
      },
    });
    const body = await answerJson<{ fields: { message: string }[] }>(response, 400);
    expect(body.fields[0]?.message).toContain('cannot be counted');
  });

  it('keeps a hand-entered series by period and judges it without a count', async () => {
    const plan = await newPlan();
    const { action } = await newAction(plan);
    const created = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${action.id}/measures`, {
        method: 'POST',
        json: {
          title: 'Return home interviews taken up',
          source: 'manual',
          bucket: 'quarter',
          trajectory: {
            baseline: { date: '2018-09-30', value: 0.47 },
            milestones: [{ date: '2019-09-30', target: 0.75 }],
          },
        },
      }),
      201,
    );
    const measureId = created.measures[0]?.id;
    const entered = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/measures/${measureId}/values`, {
        method: 'PUT',
        json: { date: '2019-08-15', value: 0.78, note: 'Tracker' },
      }),
    );
    const q3 = entered.measures[0]?.points.find((p) => p.periodId === '2019-Q3');
    expect(q3).toMatchObject({ fraction: 0.78, k: null, rag: 'blue' });
    expect(entered.measures[0]?.points.find((p) => p.periodId === '2019-Q2')).toMatchObject({
      fraction: null,
      rag: 'no-data',
    });
  });

  it('imports a council’s CSV plan, and refuses a broken one naming row and column', async () => {
    const content = fixture('merged-plan.csv').toString('base64');
    const plan = await answerJson<PlanView>(
      await manager.request('/api/plans/import', {
        method: 'POST',
        json: { title: 'Imported', areaNoun: 'recommendation', fileName: 'plan.csv', content },
      }),
      201,
    );
    expect(plan.summary.headline).toBe('3 recommendations made up of 5 actions (1 action complete)');
    expect(plan.areas[0]?.actions[0]).toMatchObject({
      number: '1.1',
      rag: 'green',
      latestNote: { text: 'Training dates set; 60% attended' },
    });
    const broken = await manager.request('/api/plans/import', {
      method: 'POST',
      json: {
        title: 'Broken',
        fileName: 'broken.csv',
        content: fixture('broken-plan.csv').toString('base64'),
      },
    });
    const body = await answerJson<{ message: string; fields: { path: string }[] }>(broken, 400);
    expect(body.message).toContain('5 problems');
    expect(body.fields[0]?.path).toBe('Row 2, column “Timescale”');
  });

  it('imports the first sheet of an XLSX workbook, date cells included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Plan');
    sheet.addRow(['Ref', 'Recommendation', 'Timescale', 'Action no.', 'Action', 'Target date', 'RAG']);
    sheet.addRow([
      '1',
      'Supervision',
      'Within 3 months',
      '1.1',
      'Refresh the policy',
      new Date(Date.UTC(2020, 2, 31)),
      'Amber',
    ]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const plan = await answerJson<PlanView>(
      await manager.request('/api/plans/import', {
        method: 'POST',
        json: { title: 'From Excel', fileName: 'plan.xlsx', content },
      }),
      201,
    );
    expect(plan.areas[0]?.actions[0]).toMatchObject({ targetDate: '2020-03-31', rag: 'amber' });
  });

  it('links an audit finding to an action: the action lists it, the audit shows the action it informs', async () => {
    const plan = await newPlan();
    const { action } = await newAction(plan);
    const { findings } = await answerJson<{ findings: FindingView[] }>(
      await manager.request('/api/findings?q=contingency'),
    );
    const finding = findings[0];
    if (!finding) throw new Error('the demo has no finding about contingency');
    const linked = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${action.id}/findings`, {
        method: 'POST',
        json: { auditId: finding.auditId, itemKey: finding.itemKey, itemIndex: finding.itemIndex },
      }),
    );
    expect(linked.findings.map((f) => f.text)).toEqual([finding.text]);
    expect(linked.action.findingCount).toBe(1);
    const audit = await answerJson<{ findings: FindingView[] }>(
      await manager.request(`/api/findings/audits/${finding.auditId}`),
    );
    const informs = audit.findings.find(
      (f) => f.itemKey === finding.itemKey && f.itemIndex === finding.itemIndex,
    )?.informs;
    expect(informs).toEqual([{ planId: plan.id, actionId: action.id, number: 'A1', planTitle: plan.title }]);
    const linkId = linked.findings[0]?.linkId;
    const unlinked = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${action.id}/findings/${linkId}`, {
        method: 'DELETE',
      }),
    );
    expect(unlinked.findings).toEqual([]);
  });

  it("keeps audit findings to the person's own service: search, an audit's findings, linking", async () => {
    // A manager of another service (same password as the demo people).
    const serviceId = randomUUID();
    await t.db.query('INSERT INTO services (id, name) VALUES ($1, $2)', [serviceId, `Other ${serviceId}`]);
    const email = `other.${serviceId}@demo.lantern.invalid`;
    await t.db.query(
      `INSERT INTO people (id, email, display_name, roles, service_id, password_hash)
       SELECT $1, $2, 'Olu Otherservice', roles, $3, password_hash FROM people WHERE email = $4`,
      [randomUUID(), email, serviceId, MANAGER],
    );
    const other = await t.as(email);
    const { findings: mine } = await answerJson<{ findings: FindingView[] }>(
      await manager.request('/api/findings'),
    );
    const finding = mine[0];
    if (!finding) throw new Error('the demo has no findings');

    expect(await answerJson<{ findings: FindingView[] }>(await other.request('/api/findings'))).toEqual({
      findings: [],
    });
    expect((await other.request(`/api/findings/audits/${finding.auditId}`)).status).toBe(403);
    // Their own service's plan, but not another service's audit content linked into it.
    const plan = await newPlan(other);
    const { action } = await newAction(plan, other);
    const refused = await other.request(`/api/plans/${plan.id}/actions/${action.id}/findings`, {
      method: 'POST',
      json: { auditId: finding.auditId, itemKey: finding.itemKey, itemIndex: finding.itemIndex },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      fields: [{ path: 'auditId', message: 'That audit has no such finding.' }],
    });
  });

  it('draws the board report as of a date, and exports it as a workbook with its measures', async () => {
    const { plans } = await answerJson<{ plans: PlanListItem[] }>(await manager.request('/api/plans'));
    const demo = plans.find((p) => p.title === DEMO_PLAN_TITLE);
    const then = await answerJson<BoardReportView>(
      await manager.request(`/api/plans/${demo?.id}/report?asOf=2025-06-30`),
    );
    const now = await answerJson<BoardReportView>(await manager.request(`/api/plans/${demo?.id}/report`));
    const ragOf = (r: BoardReportView, n: string) =>
      r.plan.areas.flatMap((a) => a.actions).find((a) => a.number === n)?.rag;
    expect(ragOf(then, 'A1')).toBe('red');
    expect(ragOf(now, 'A1')).toBe('amber');
    expect(then.measures[0]?.points.at(-1)?.periodId).toBe('2025-06');

    const response = await manager.request(`/api/plans/${demo?.id}/export?asOf=2026-09-30`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Plan', 'Measures']);
    // Ten actions, C1 listed under F too (it also answers F), and the header.
    expect(workbook.getWorksheet('Plan')?.rowCount).toBe(12);
    expect(String(workbook.getWorksheet('Summary')?.getCell('A4').value)).toBe(now.plan.summary.headline);
    const bad = await manager.request(`/api/plans/${demo?.id}/report?asOf=2019-02-30`);
    expect(bad.status).toBe(400);
  });
});
