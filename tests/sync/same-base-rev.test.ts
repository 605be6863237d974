/**
 * Two devices push from the same baseRev at the same moment. Exactly one
 * wins; the other gets a conflict carrying the winner's document, merges answer by answer
 * with the client's own merge (shared/sync/merge-answers.ts mergeSnapshots) and pushes the
 * merge. Every answer either person typed ends in the final document or in a conflict that
 * waits for the person — and a conflict is raised only where both changed the same item to
 * different values.
 *
 * Named cases first (the ones a person would describe), then a fast-check property over any
 * base and any two sets of edits, both on each engine, the two pushes sent concurrently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import type { Client } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { AUDITOR_A, draftFor, mutation, pushBody } from '../support/sync-fixtures';
import { addAllocations, personIdOf, serverAudit, type AllocationRef } from '../support/sync-world';
import { pushResponseSchema, type MutationResult } from '../../shared/sync/protocol';
import { mergeSnapshots, sameAnswer, type AnswerConflict } from '../../shared/sync/merge-answers';
import { snapshotOf, type AuditSnapshot } from '../../shared/sync/audit-document';
import { answersSchema, type Answer, type Answers } from '../../shared/framework/answer-schema';

type Item = 'plan.evidence' | 'impact.evidence' | 'overall.strengths' | 'plan.smart';
type Edits = Partial<Record<Item, Answer | null>>;

const text = (value: string): Answer => ({ kind: 'text', value });
const yes: Answer = { kind: 'question', value: 'yes' };
const no: Answer = { kind: 'question', value: 'no' };

function applyEdits(base: Answers, edits: Edits): Answers {
  const answers = { ...base };
  for (const [key, answer] of Object.entries(edits)) {
    if (answer === null || answer === undefined) delete answers[key];
    else answers[key] = answer;
  }
  return answers;
}

const CASES: { name: string; base: Answers; a: Edits; b: Edits; conflicts: string[] }[] = [
  {
    name: 'different items: both kept, no conflict',
    base: {},
    a: { 'plan.evidence': text('from A') },
    b: { 'impact.evidence': text('from B') },
    conflicts: [],
  },
  {
    name: 'the same item, different words: a conflict keeps both',
    base: { 'plan.evidence': text('base') },
    a: { 'plan.evidence': text('from A') },
    b: { 'plan.evidence': text('from B') },
    conflicts: ['plan.evidence'],
  },
  {
    name: 'the same item, the same answer: agreed, no conflict',
    base: {},
    a: { 'plan.smart': yes },
    b: { 'plan.smart': yes },
    conflicts: [],
  },
  {
    name: 'one clears what the other changes: a conflict',
    base: { 'plan.smart': yes },
    a: { 'plan.smart': null },
    b: { 'plan.smart': no },
    conflicts: ['plan.smart'],
  },
  {
    name: 'both clear the same item: gone, no conflict',
    base: { 'overall.strengths': text('old') },
    a: { 'overall.strengths': null },
    b: { 'overall.strengths': null, 'impact.evidence': text('B adds') },
    conflicts: [],
  },
  {
    name: 'a mix of all of these',
    base: { 'plan.evidence': text('base'), 'plan.smart': yes },
    a: { 'plan.evidence': text('A'), 'plan.smart': no, 'overall.strengths': text('A strengths') },
    b: { 'plan.evidence': text('B'), 'plan.smart': no, 'impact.evidence': text('B impact') },
    conflicts: ['plan.evidence'],
  },
];

const textOrClear: fc.Arbitrary<Answer | null> = fc.option(fc.constantFrom('x', 'y', 'z').map(text));
const questionOrClear: fc.Arbitrary<Answer | null> = fc.option(fc.constantFrom<Answer>(yes, no));
/** Any subset of the items, each with an answer of its own kind, or cleared. */
const editsArb: fc.Arbitrary<Edits> = fc.record(
  {
    'plan.evidence': textOrClear,
    'impact.evidence': textOrClear,
    'overall.strengths': textOrClear,
    'plan.smart': questionOrClear,
  },
  { requiredKeys: [] },
);
const baseArb: fc.Arbitrary<Answers> = editsArb.map((e) => applyEdits({}, e));

describe.each(ENGINES)('two devices push from the same baseRev on $engine', (engine) => {
  const t = useTestApp(engine);
  let client: Client;
  let allocations: AllocationRef[];
  let used = 0;
  beforeAll(async () => {
    client = await t.as(AUDITOR_A);
    allocations = await addAllocations(t.db, await personIdOf(t.db, AUDITOR_A), CASES.length + 40);
  });

  const push = async (deviceId: string, m: unknown): Promise<MutationResult> => {
    const response = await client.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(deviceId, [m]),
    });
    expect(response.status).toBe(200);
    const [result] = pushResponseSchema.parse(await response.json()).results;
    if (!result) throw new Error('no result');
    return result;
  };

  /** Returns the conflicts the loser is left with, after checking everything typed survived. */
  async function race(baseAnswers: Answers, a: Edits, b: Edits): Promise<AnswerConflict[]> {
    const allocation = allocations[used++];
    if (!allocation) throw new Error('add more allocations');
    const created = await push(randomUUID(), mutation(draftFor(allocation, baseAnswers), 0));
    if (created.status !== 'applied') throw new Error(`setup: ${JSON.stringify(created)}`);
    const base = snapshotOf(created.doc);
    const mine: Record<'a' | 'b', AuditSnapshot> = {
      a: { ...base, answers: applyEdits(base.answers, a) },
      b: { ...base, answers: applyEdits(base.answers, b) },
    };

    const results = await Promise.all([
      push(randomUUID(), mutation(mine.a, created.rev)),
      push(randomUUID(), mutation(mine.b, created.rev)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'conflict']);
    const loserIndex = results.findIndex((r) => r.status === 'conflict');
    const conflict = results[loserIndex];
    const winner = results[1 - loserIndex];
    if (conflict?.status !== 'conflict' || winner?.status !== 'applied') throw new Error('unreachable');
    expect(conflict.server).toEqual(winner.doc);

    // The loser merges three ways, as push-outbox.ts does, and sends the merge if it differs.
    const loser = loserIndex === 0 ? mine.a : mine.b;
    const merged = mergeSnapshots(base, loser, snapshotOf(conflict.server));
    if (JSON.stringify(merged.snapshot.answers) !== JSON.stringify(conflict.server.answers)) {
      const sent = await push(randomUUID(), mutation(merged.snapshot, conflict.server.rev));
      expect(sent.status).toBe('applied');
    }
    const final = await serverAudit(t.db, allocation.id);
    const finalAnswers = answersSchema.parse(final?.answers ?? {});
    expect(final?.revisions.map((r) => r.rev)).toEqual(
      Array.from({ length: final?.rev ?? 0 }, (_, i) => i + 1),
    );

    // Everything typed (or cleared) on either device is in the document or in a conflict.
    for (const [side, edits] of [
      ['a', a],
      ['b', b],
    ] as const) {
      for (const [key, typed] of Object.entries(edits)) {
        if (sameAnswer(typed, base.answers[key])) continue;
        const inDocument = sameAnswer(finalAnswers[key], typed);
        const inConflict = merged.conflicts.some(
          (c) => c.itemKey === key && (sameAnswer(c.mine, typed) || sameAnswer(c.theirs, typed)),
        );
        expect(inDocument || inConflict, `${side} typed ${JSON.stringify(typed)} into ${key}`).toBe(true);
      }
    }
    // A conflict only where both changed the same item to different answers.
    for (const c of merged.conflicts) {
      const ka = mine.a.answers[c.itemKey] ?? null;
      const kb = mine.b.answers[c.itemKey] ?? null;
      const kBase = base.answers[c.itemKey] ?? null;
      expect(!sameAnswer(ka, kBase) && !sameAnswer(kb, kBase) && !sameAnswer(ka, kb)).toBe(true);
    }
    return merged.conflicts;
  }

  it.each(CASES)('$name', async ({ base, a, b, conflicts }) => {
    const left = await race(base, a, b);
    expect(left.map((c) => c.itemKey)).toEqual(conflicts);
  });

  it('any base and any two sets of edits: one wins, nothing typed is lost', async () => {
    await fc.assert(
      fc.asyncProperty(baseArb, editsArb, editsArb, async (base, a, b) => {
        await race(base, a, b);
      }),
      { numRuns: 30 },
    );
  });
});
