/**
 * The plan store: every call goes to its described route with a body that route parses, and a
 * refusal reaches the screen with the server's words and field problems, leaving what the
 * store held before.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { usePlanStore } from './plan-store';
import type { FindingView } from '../../shared/plans/plan-views';

const server = withFakeApi();
const PLAN = '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d';
const OLD_PLAN = '5b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e';
const AREA = '6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f';
const ACTION = '7d6e5f4a-3b2c-4d1e-8f9a-0b1c2d3e4f5a';
const MEASURE = '8e7f6a5b-4c3d-4e2f-9a0b-1c2d3e4f5a6b';
const AUDIT = '9f8a7b6c-5d4e-4f3a-8b1c-2d3e4f5a6b7c';
const finding: FindingView = {
  auditId: AUDIT,
  caseReference: 'CS-10042',
  teamName: 'Assessment team 1',
  completedAt: '2026-11-20T10:00:00Z',
  itemKey: 'assessment.areas-for-development',
  itemIndex: 0,
  kindLabel: 'Areas for development',
  text: 'The child’s views are not recorded.',
  informs: [],
};
type Store = ReturnType<typeof usePlanStore>;

describe('plan store', () => {
  it.each<[string, string, (store: Store) => Promise<unknown>]>([
    ['loadPlans', 'GET /api/plans', (s) => s.loadPlans()],
    [
      'createPlan',
      'POST /api/plans',
      (s) => s.createPlan({ title: 'Improvement plan 2027', kind: 'inspection', areaNoun: 'recommendation' }),
    ],
    ['loadPlan', 'GET /api/plans/:planId', (s) => s.loadPlan(PLAN, '2026-12-31')],
    [
      'addArea',
      'POST /api/plans/:planId/areas',
      (s) => s.addArea(PLAN, { reference: 'A', title: 'Voice of the child', timescale: 'ongoing' }),
    ],
    [
      'addAction',
      'POST /api/plans/:planId/actions',
      (s) => s.addAction(PLAN, { areaId: AREA, number: 'A1', description: 'Record the child’s words' }),
    ],
    ['loadAction', 'GET /api/plans/:planId/actions/:actionId', (s) => s.loadAction(PLAN, ACTION)],
    [
      'addNote',
      'POST /api/plans/:planId/actions/:actionId/notes',
      (s) => s.addNote(PLAN, ACTION, 'Training booked.'),
    ],
    [
      'setRag',
      'POST /api/plans/:planId/actions/:actionId/rag',
      (s) => s.setRag(PLAN, ACTION, 'amber', 'Two of five teams trained.'),
    ],
    [
      'signOff',
      'POST /api/plans/:planId/actions/:actionId/sign-off',
      (s) => s.signOff(PLAN, ACTION, true, 'Evidence seen by the panel.'),
    ],
    [
      'enterValue',
      'PUT /api/plans/:planId/measures/:measureId/values',
      (s) => s.enterValue(PLAN, MEASURE, { date: '2026-11-15', value: 12 }),
    ],
    ['searchFindings', 'GET /api/findings', (s) => s.searchFindings('views')],
    ['auditFindings', 'GET /api/findings/audits/:auditId', (s) => s.auditFindings(AUDIT)],
    [
      'linkFinding',
      'POST /api/plans/:planId/actions/:actionId/findings',
      (s) => s.linkFinding(PLAN, ACTION, finding),
    ],
    [
      'reviseTarget',
      'POST /api/plans/:planId/actions/:actionId/target-date',
      (s) => s.reviseTarget(PLAN, ACTION, '2027-06-30', 'Recruitment took longer.'),
    ],
    [
      'carryForward',
      'POST /api/plans/:planId/carry-forward',
      (s) => s.carryForward(PLAN, { fromPlanId: OLD_PLAN, areaId: AREA, actionIds: [ACTION] }),
    ],
    [
      'addPartner',
      'POST /api/plans/:planId/partners',
      (s) =>
        s.addPartner(PLAN, {
          name: 'Nadia Health',
          email: 'nadia.health@demo.lantern.invalid',
          organisation: 'City NHS Trust',
          agency: 'health',
          lastDay: '2027-03-31',
          actionIds: [ACTION],
        }),
    ],
    ['loadPartnerActions', 'GET /api/partner-actions', (s) => s.loadPartnerActions()],
    [
      'partnerUpdate',
      'POST /api/partner-actions/:actionId/notes',
      (s) => s.partnerUpdate(ACTION, 'notes', { text: 'Health visitors briefed.' }),
    ],
    ['loadReport', 'GET /api/plans/:planId/report', (s) => s.loadReport(PLAN, '2026-12-31')],
  ])('%s calls %s and passes a refusal on', async (_name, route, act) => {
    server().refuse(route, 400, 'validation_failed', 'Check the form.', [
      { path: 'reason', message: 'Say why.' },
    ]);
    const store = usePlanStore();
    await expect(act(store)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'reason' }],
    });
    expect(server().routes()).toEqual([route]);
    expect([store.plan, store.action]).toEqual([null, null]);
  });

  it('says the partner’s actions have loaded only once the first answer or refusal is in', async () => {
    server().refuse('GET /api/partner-actions', 503, 'unavailable', 'Try again.');
    const store = usePlanStore();
    expect(store.partnerActionsLoaded).toBe(false);
    const loading = store.loadPartnerActions();
    expect(store.partnerActionsLoaded).toBe(false);
    await expect(loading).rejects.toMatchObject({ code: 'unavailable' });
    expect(store.partnerActionsLoaded).toBe(true);
  });

  it('asks for the plan as of a day only when one is chosen', async () => {
    server().refuse('GET /api/plans/:planId', 404, 'not_found', 'There is no such plan.');
    const store = usePlanStore();
    await expect(store.loadPlan(PLAN)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.loadPlan(PLAN, '2026-06-30')).rejects.toMatchObject({ code: 'not_found' });
    expect(server().calls.map((c) => c.query)).toEqual([{}, { asOf: '2026-06-30' }]);
  });
});
