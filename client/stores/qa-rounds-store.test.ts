/**
 * The rounds store: rounds, samples, allocation and re-audits. Every call goes to its described
 * route with a body that route parses (the store adds the round to allocation requests), and a
 * refusal reaches the screen with the server's field problems.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useQaRoundsStore } from './qa-rounds-store';
import { roundInputSchema, type RoundInput } from '../../shared/rounds/round-schemas';
import { sampleSpecSchema } from '../../shared/rounds/sample-spec';

const server = withFakeApi();
const ROUND = '0f8e9a52-1b3c-4c7d-8e9f-0a1b2c3d4e5f';
const CASE = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const AUDITOR = '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c';
const AUDIT = '6f5e4d3c-2b1a-4098-8e7d-6c5b4a3f2e1d';
type Store = ReturnType<typeof useQaRoundsStore>;

const roundInput: RoundInput = roundInputSchema.parse({
  name: 'January practice week',
  kind: 'practice_week',
  startDate: '2027-01-11',
  endDate: '2027-01-15',
  frameworkKey: 'default',
  frameworkVersion: 1,
  moderationShare: 0.2,
});
const spec = sampleSpecSchema.parse({ method: 'random', quota: { kind: 'count', value: 12 }, seed: 7 });

describe('rounds store', () => {
  it.each<[string, string, (store: Store) => Promise<unknown>]>([
    ['rounds', 'GET /api/rounds', (s) => s.rounds()],
    ['round', 'GET /api/rounds/:roundId', (s) => s.round(ROUND)],
    ['createRound', 'POST /api/rounds', (s) => s.createRound(roundInput)],
    ['updateRound', 'PUT /api/rounds/:roundId', (s) => s.updateRound(ROUND, roundInput)],
    ['sampleChoices', 'GET /api/rounds/:roundId/sample/choices', (s) => s.sampleChoices(ROUND)],
    ['previewSample', 'POST /api/rounds/:roundId/sample/preview', (s) => s.previewSample(ROUND, spec)],
    ['useSample', 'POST /api/rounds/:roundId/sample', (s) => s.useSample(ROUND, spec)],
    ['cases', 'GET /api/rounds/:roundId/cases', (s) => s.cases(ROUND)],
    ['progress', 'GET /api/rounds/:roundId/progress', (s) => s.progress(ROUND)],
    ['people', 'GET /api/allocations/people', (s) => s.people()],
    [
      'allocateInBulk',
      'POST /api/allocations/bulk',
      (s) =>
        s.allocateInBulk(ROUND, { auditorIds: [AUDITOR], dueDate: '2027-01-15', seed: 3, preview: true }),
    ],
    [
      'allocateSelfAudits',
      'POST /api/allocations/self-audits',
      (s) => s.allocateSelfAudits(ROUND, { dueDate: null, preview: false }),
    ],
    [
      'selfAuditAgreement',
      'GET /api/rounds/:roundId/self-audit-agreement',
      (s) => s.selfAuditAgreement(ROUND),
    ],
    ['allocate', 'POST /api/allocations', (s) => s.allocate(ROUND, CASE, AUDITOR, null)],
    ['reallocate', 'POST /api/allocations/:allocationId/reallocate', (s) => s.reallocate('al1', AUDITOR)],
    ['withdraw', 'POST /api/allocations/:allocationId/withdraw', (s) => s.withdraw('al1')],
    [
      'changeDueDate',
      'PUT /api/allocations/:allocationId/due-date',
      (s) => s.changeDueDate('al1', '2027-01-20'),
    ],
    ['reaudits', 'GET /api/reaudits', (s) => s.reaudits()],
    ['scheduleReaudit', 'POST /api/reaudits/:auditId', (s) => s.scheduleReaudit(AUDIT, AUDITOR, null)],
  ])('%s calls %s and passes a refusal on with its field problems', async (_name, route, act) => {
    server().refuse(route, 400, 'validation', 'Check the form.', [
      { field: 'dueDate', message: 'Enter a real date.' },
    ]);
    await expect(act(useQaRoundsStore())).rejects.toMatchObject({
      code: 'validation',
      fields: [{ field: 'dueDate', message: 'Enter a real date.' }],
    });
    expect(server().routes()).toEqual([route]);
  });

  it('names the round in every allocation request, and the tool only when one is chosen', async () => {
    server().answer('POST /api/allocations', { allocationId: 'al1' }, 201);
    const store = useQaRoundsStore();
    await store.allocate(ROUND, CASE, AUDITOR, '2027-01-15');
    await store.allocate(ROUND, CASE, AUDITOR, null, 'exploitation-audit');
    expect(server().calls.map((c) => c.body)).toEqual([
      { roundId: ROUND, caseId: CASE, auditorId: AUDITOR, dueDate: '2027-01-15' },
      { roundId: ROUND, caseId: CASE, auditorId: AUDITOR, dueDate: null, toolKey: 'exploitation-audit' },
    ]);
  });

  it('reports whether a reallocation carried the draft and which joint auditors moved with it', async () => {
    server().answer('POST /api/allocations/:allocationId/reallocate', {
      allocationId: 'al2',
      copiedDraft: true,
      jointAuditors: ['Gwen Guest'],
    });
    expect(await useQaRoundsStore().reallocate('al1', AUDITOR)).toEqual({
      copiedDraft: true,
      jointAuditors: ['Gwen Guest'],
      allocationId: 'al2',
    });
  });
});
