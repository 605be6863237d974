/**
 * The plan as councils keep it, through the API on each engine: outcome statements,
 * a revised target date that keeps the original (and overdue judged on the revision), Ongoing
 * and recurring timescales in words, an action answering two areas counted once, actions
 * carried forward with their history read through the link, and a partner owner who reaches
 * their own action only.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { answerJson } from '../../tests/support/answer-json';
import type { Client } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import type { ActionDetailView, PartnerActionView, PlanView } from '../../shared/plans/plan-views';
import { DEMO_PLAN_TITLE } from '../demo/demo-plan';

const MANAGER = 'farah.manager@demo.lantern.invalid';

describe.each(ENGINES)('the plan as councils keep it on $engine', (engine) => {
  const t = useTestApp(engine);
  const manager = useSignedIn(t, MANAGER);

  const post = <T>(path: string, body: unknown, status = 201, by: Client = manager) =>
    by.request(path, { method: 'POST', json: body }).then((r) => answerJson<T>(r, status));

  /** A plan with areas A1 and A2 (A1 with outcome statements). */
  async function planWithTwoAreas(): Promise<PlanView> {
    const plan = await post<PlanView>('/api/plans', {
      title: `Plan ${randomUUID()}`,
      kind: 'inspection',
      areaNoun: 'recommendation',
    });
    await post(`/api/plans/${plan.id}/areas`, {
      reference: 'A1',
      title: 'Plans for children are timely',
      timescale: 'ongoing',
      outcomes: ['Children have a plan within 10 days', '', 'Children say their plan helps'],
    });
    return post<PlanView>(`/api/plans/${plan.id}/areas`, {
      reference: 'A2',
      title: 'Supervision is reflective',
      timescale: 'recurring',
      recurrence: 'quarterly',
      recurrenceStart: '2027-04',
    });
  }
  const action = (plan: PlanView, body: Record<string, unknown>) =>
    post<ActionDetailView>(`/api/plans/${plan.id}/actions`, {
      areaId: plan.areas[0]?.id,
      description: 'Audit monthly',
      ...body,
    });

  it('shows the demo plan as councils keep it', async () => {
    const { plans } = await answerJson<{ plans: { id: string; title: string }[] }>(
      await manager.request('/api/plans'),
    );
    const demo = plans.find((p) => p.title === DEMO_PLAN_TITLE);
    const view = await answerJson<PlanView>(await manager.request(`/api/plans/${demo?.id}`));
    const actions = new Map(
      view.areas.flatMap((a) => a.actions.filter((x) => x.areaId === a.id)).map((x) => [x.number, x]),
    );
    expect(view.areas.every((a) => a.outcomes.length > 0)).toBe(true);
    expect(actions.get('A1')?.timescaleWords).toBe('Ongoing');
    expect(actions.get('D1')?.timescaleWords).toMatch(/^Quarterly from April \d{4}$/);
    expect(actions.get('B1')?.originalTargetDate).not.toBeNull();
    expect(actions.get('C1')?.alsoAnswers.map((a) => a.reference)).toEqual(['F']);
    expect(actions.get('B3')?.carriedFrom?.number).toBe('1.3');
    expect(actions.get('C2')?.ownerPerson?.name).toBe('Nadia Osei (demo)');
    expect(view.partners.map((p) => p.email)).toEqual(['nadia.health@demo.lantern.invalid']);
    const nadia = await t.as('nadia.health@demo.lantern.invalid');
    const mine = await answerJson<{ actions: PartnerActionView[] }>(
      await nadia.request('/api/partner-actions'),
    );
    expect(mine.actions.map((a) => [a.number, a.notes.length])).toEqual([['C2', 1]]);
  });

  it('imports outcomes, Ongoing and recurring timescales, and an action answering two areas', async () => {
    const csv = [
      'Ref,Recommendation,Timescale,Outcomes,Action no.,Action,Target date',
      'A1,Plans,Ongoing,Children have a plan,1.1,Audit plans,Ongoing',
      'A1 & A2,,,,1.2,Joint training,Quarterly from April 2027',
      'A2,Supervision,Monthly from 01/2027,,2.1,Reflective supervision,31/03/2027',
    ].join('\n');
    const plan = await post<PlanView>('/api/plans/import', {
      title: `Imported ${randomUUID()}`,
      areaNoun: 'recommendation',
      fileName: 'plan.csv',
      content: Buffer.from(csv).toString('base64'),
    });
    expect(plan.areas.map((a) => [a.reference, a.timescaleWords, a.outcomes])).toEqual([
      ['A1', 'Ongoing', ['Children have a plan']],
      ['A2', 'Monthly from January 2027', []],
    ]);
    expect(plan.areas.map((a) => a.actions.map((x) => [x.number, x.timescaleWords]))).toEqual([
      [
        ['1.1', 'Ongoing'],
        ['1.2', 'Quarterly from April 2027'],
      ],
      [
        ['1.2', 'Quarterly from April 2027'],
        ['2.1', 'By 31 March 2027'],
      ],
    ]);
    expect(plan.summary.headline).toBe('2 recommendations made up of 3 actions (0 actions complete)');
  });

  it('keeps outcome statements and says timescales in words', async () => {
    const plan = await planWithTwoAreas();
    const [a1, a2] = plan.areas;
    expect(a1?.outcomes).toEqual(['Children have a plan within 10 days', 'Children say their plan helps']);
    expect([a1?.timescaleWords, a2?.timescaleWords]).toEqual(['Ongoing', 'Quarterly from April 2027']);
    const recurring = await action(plan, {
      number: '1.1',
      timescale: 'recurring',
      recurrence: 'monthly',
      recurrenceStart: '2027-01',
    });
    expect(recurring.action.timescaleWords).toBe('Monthly from January 2027');
    const bad = await manager.request(`/api/plans/${plan.id}/actions`, {
      method: 'POST',
      json: { areaId: a1?.id, number: '1.2', description: 'x', timescale: 'recurring' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('recurrenceStart');
  });

  it('revises a target date keeping the original, who, when and why; overdue on the revised date', async () => {
    const plan = await planWithTwoAreas();
    const created = await action(plan, { number: '1.1', targetDate: '2020-03-31' });
    expect(created.action.overdue).toBe(true);
    const id = created.action.id;
    // A set date changes only by a revision.
    const put = await manager.request(`/api/plans/${plan.id}/actions/${id}`, {
      method: 'PUT',
      json: { number: '1.1', description: 'Audit monthly', targetDate: '2099-06-30' },
    });
    expect(put.status).toBe(400);
    const revised = await post<ActionDetailView>(
      `/api/plans/${plan.id}/actions/${id}/target-date`,
      { targetDate: '2099-06-30', reason: 'Waiting for the new case system' },
      200,
    );
    expect(revised.action.targetDate).toBe('2099-06-30');
    expect(revised.action.originalTargetDate).toBe('2020-03-31');
    expect(revised.action.overdue).toBe(false);
    expect(revised.history.at(-1)).toMatchObject({
      kind: 'target-revised',
      fromDate: '2020-03-31',
      toDate: '2099-06-30',
      text: 'Waiting for the new case system',
      byName: expect.stringContaining('Farah'),
    });
    const again = await post<ActionDetailView>(
      `/api/plans/${plan.id}/actions/${id}/target-date`,
      { targetDate: '2099-09-30', reason: 'Later still' },
      200,
    );
    expect(again.action.originalTargetDate).toBe('2020-03-31');
    expect(again.action.timescaleWords).toBe('By 30 September 2099');
    // The plan as of a day before the revisions shows the original date.
    const before = await answerJson<PlanView>(await manager.request(`/api/plans/${plan.id}?asOf=2020-01-01`));
    expect(before.areas[0]?.actions[0]).toMatchObject({ targetDate: '2020-03-31', originalTargetDate: null });
  });

  it('lists an action that answers two areas under each, counts it once, and judges it in each', async () => {
    const plan = await planWithTwoAreas();
    const [a1, a2] = plan.areas;
    const both = await action(plan, { number: '1.1', alsoAreaIds: [a2?.id] });
    await post(`/api/plans/${plan.id}/actions/${both.action.id}/rag`, { rag: 'red', reason: 'Late' }, 200);
    const view = await answerJson<PlanView>(await manager.request(`/api/plans/${plan.id}`));
    expect(view.areas.map((a) => a.actions.map((x) => x.number))).toEqual([['1.1'], ['1.1']]);
    expect(view.areas[0]?.actions[0]?.alsoAnswers).toEqual([{ id: a2?.id, reference: 'A2' }]);
    expect(view.areas[1]?.actions[0]?.alsoAnswers).toEqual([{ id: a1?.id, reference: 'A1' }]);
    expect(view.areas.map((a) => a.rag)).toEqual(['red', 'red']);
    expect(view.summary.headline).toBe('2 recommendations made up of 1 action (0 actions complete)');
    const detail = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${both.action.id}`),
    );
    expect(detail.area.reference).toBe('A1');
  });

  it('carries actions forward with their history read through the link, the old plan unchanged', async () => {
    const old = await planWithTwoAreas();
    const open = await action(old, { number: '1.1', targetDate: '2026-03-31' });
    const done = await action(old, { number: '1.2' });
    await post(
      `/api/plans/${old.id}/actions/${open.action.id}/notes`,
      { text: 'Half the teams trained' },
      200,
    );
    await post(`/api/plans/${old.id}/actions/${done.action.id}/rag`, { rag: 'blue', reason: 'Done' }, 200);
    const oldBefore = await answerJson<PlanView>(await manager.request(`/api/plans/${old.id}`));
    const next = await planWithTwoAreas();
    const carried = await post<PlanView>(`/api/plans/${next.id}/carry-forward`, {
      fromPlanId: old.id,
      areaId: next.areas[1]?.id,
      actionIds: [open.action.id],
    });
    const copy = carried.areas[1]?.actions[0];
    expect(copy?.carriedFrom).toMatchObject({ planId: old.id, actionId: open.action.id, number: '1.1' });
    const detail = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${next.id}/actions/${copy?.id}`),
    );
    expect(detail.history).toEqual([
      expect.objectContaining({ kind: 'note', text: 'Half the teams trained', previousPlan: old.title }),
    ]);
    await post(`/api/plans/${next.id}/actions/${copy?.id}/notes`, { text: 'All teams trained' }, 200);
    const after = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${next.id}/actions/${copy?.id}`),
    );
    expect(after.history.map((e) => [e.text, e.previousPlan ?? null])).toEqual([
      ['Half the teams trained', old.title],
      ['All teams trained', null],
    ]);
    const oldAfter = await answerJson<PlanView>(await manager.request(`/api/plans/${old.id}`));
    expect(oldAfter.areas[0]?.actions[0]?.carriedTo).toMatchObject({ planId: next.id, actionId: copy?.id });
    const strip = (p: PlanView) => p.areas.map((a) => a.actions.map(({ carriedTo: _c, ...rest }) => rest));
    expect(strip(oldAfter)).toEqual(strip(oldBefore));
    // Once carried, not again.
    const twice = await manager.request(`/api/plans/${next.id}/carry-forward`, {
      method: 'POST',
      json: { fromPlanId: old.id, areaId: next.areas[1]?.id, actionIds: [open.action.id] },
    });
    expect(twice.status).toBe(400);
  });

  it('lets a partner owner read and update their own action, and nothing else', async () => {
    const plan = await planWithTwoAreas();
    const theirs = await action(plan, { number: '1.1', targetDate: '2099-03-31' });
    const other = await action(plan, { number: '1.2' });
    const email = `partner.${randomUUID().slice(0, 8)}@demo.lantern.invalid`;
    const added = await post<{ personId: string; passwordLink: { path: string }; plan: PlanView }>(
      `/api/plans/${plan.id}/partners`,
      {
        name: 'Priya Partner',
        email,
        organisation: 'City NHS Trust',
        agency: 'health',
        lastDay: '2099-12-31',
        actionIds: [theirs.action.id],
      },
    );
    expect(added.passwordLink.path).toContain('/set-password');
    expect(added.plan.partners).toEqual([expect.objectContaining({ name: 'Priya Partner', email })]);
    expect(added.plan.areas[0]?.actions[0]?.ownerPerson).toMatchObject({ name: 'Priya Partner' });
    await t.db.query(
      'UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE email = $1) WHERE id = $2',
      [MANAGER, added.personId],
    );
    const partner = await t.as(email);
    const list = await answerJson<{ actions: PartnerActionView[] }>(
      await partner.request('/api/partner-actions'),
    );
    expect(list.actions.map((a) => a.id)).toEqual([theirs.action.id]);
    expect(JSON.stringify(list)).not.toContain(other.action.id);
    const noted = await post<{ action: PartnerActionView }>(
      `/api/partner-actions/${theirs.action.id}/notes`,
      { text: 'Health visitors briefed' },
      200,
      partner,
    );
    expect(noted.action.notes[0]?.text).toBe('Health visitors briefed');
    await post(
      `/api/partner-actions/${theirs.action.id}/rag`,
      { rag: 'amber', reason: 'Two teams still to brief' },
      200,
      partner,
    );
    const seen = await answerJson<ActionDetailView>(
      await manager.request(`/api/plans/${plan.id}/actions/${theirs.action.id}`),
    );
    expect(seen.action).toMatchObject({ rag: 'amber', ragReason: 'Two teams still to brief' });
    // Not another action of the plan, not the plan, no figures.
    for (const [method, path] of [
      ['POST', `/api/partner-actions/${other.action.id}/notes`],
      ['GET', `/api/plans/${plan.id}`],
      ['GET', `/api/plans/${plan.id}/actions/${theirs.action.id}`],
      ['POST', `/api/plans/${plan.id}/actions/${theirs.action.id}/notes`],
      ['GET', '/api/plans'],
      ['GET', `/api/plans/${plan.id}/report`],
    ] as const) {
      const response = await partner.request(path, {
        method,
        ...(method === 'POST' ? { json: { text: 'Sneaky' } } : {}),
      });
      expect([403, 404], `${method} ${path}`).toContain(response.status);
    }
  });
});
