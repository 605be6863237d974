/**
 * The three-way merge: table cases for each rule, and properties — nothing typed is lost,
 * merging is symmetric apart from which side a conflict keeps, and merging with an
 * unchanged side is the identity.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnsweredBy, Answer, Answers } from '../framework/answer-schema';
import { mergeAnswers, mergeSnapshots, sameAnswer } from './merge-answers';
import type { AuditSnapshot } from './audit-document';

const yes: Answer = { kind: 'question', value: 'yes' };
const no: Answer = { kind: 'question', value: 'no' };
const partly: Answer = { kind: 'question', value: 'partly' };
const note = (value: string): Answer => ({ kind: 'text', value });
const ben: AnsweredBy = {
  personId: '00000000-0000-4000-8000-0000000000b1',
  name: 'Ben',
  agency: 'social_care',
};
const harriet: AnsweredBy = {
  personId: '00000000-0000-4000-8000-0000000000b2',
  name: 'Harriet',
  agency: 'health',
};

interface MergeCase {
  name: string;
  base: Answers;
  mine: Answers;
  theirs: Answers;
  merged: Answers;
  conflicts: string[];
}

describe('mergeAnswers', () => {
  it.each<MergeCase>([
    {
      name: 'nobody changed anything',
      base: { a: yes },
      mine: { a: yes },
      theirs: { a: yes },
      merged: { a: yes },
      conflicts: [],
    },
    {
      name: 'only mine changed',
      base: { a: yes },
      mine: { a: no },
      theirs: { a: yes },
      merged: { a: no },
      conflicts: [],
    },
    {
      name: 'only theirs changed',
      base: { a: yes },
      mine: { a: yes },
      theirs: { a: no },
      merged: { a: no },
      conflicts: [],
    },
    {
      name: 'both made the same change',
      base: { a: yes },
      mine: { a: no },
      theirs: { a: no },
      merged: { a: no },
      conflicts: [],
    },
    {
      name: 'different items changed on each side',
      base: {},
      mine: { a: yes },
      theirs: { b: no },
      merged: { a: yes, b: no },
      conflicts: [],
    },
    {
      name: 'the same item changed differently',
      base: { a: yes },
      mine: { a: no },
      theirs: { a: partly },
      merged: { a: partly },
      conflicts: ['a'],
    },
    {
      name: 'both added the same item differently',
      base: {},
      mine: { n: note('mine') },
      theirs: { n: note('theirs') },
      merged: { n: note('theirs') },
      conflicts: ['n'],
    },
    {
      name: 'mine removed an item theirs changed',
      base: { a: yes },
      mine: {},
      theirs: { a: no },
      merged: { a: no },
      conflicts: ['a'],
    },
    {
      name: 'mine removed an item theirs kept',
      base: { a: yes },
      mine: {},
      theirs: { a: yes },
      merged: {},
      conflicts: [],
    },
    {
      // A joint audit (docs/JOINT-AUDITS.md): the same words from two auditors need no choice.
      name: 'two auditors gave the same answer: theirs stands, with its author',
      base: {},
      mine: { a: { ...yes, by: ben } },
      theirs: { a: { ...yes, by: harriet } },
      merged: { a: { ...yes, by: harriet } },
      conflicts: [],
    },
    {
      name: 'two auditors gave different answers: a conflict that keeps both authors',
      base: { a: yes },
      mine: { a: { ...no, by: ben } },
      theirs: { a: { ...partly, by: harriet } },
      merged: { a: { ...partly, by: harriet } },
      conflicts: ['a'],
    },
  ])('$name', ({ base, mine, theirs, merged, conflicts }) => {
    const result = mergeAnswers(base, mine, theirs);
    expect(result.answers).toEqual(merged);
    expect(result.conflicts.map((c) => c.itemKey)).toEqual(conflicts);
  });

  it('keeps both values of a conflict', () => {
    const { conflicts } = mergeAnswers(
      { n: note('') },
      { n: note('typed on the tablet') },
      { n: note('typed on the laptop') },
    );
    expect(conflicts).toEqual([
      {
        itemKey: 'n',
        base: note(''),
        mine: note('typed on the tablet'),
        theirs: note('typed on the laptop'),
      },
    ]);
  });

  it('compares answers by content, not key order', () => {
    expect(
      sameAnswer({ kind: 'yes-no-note', value: 'yes', note: 'x' }, {
        note: 'x',
        value: 'yes',
        kind: 'yes-no-note',
      } as Answer),
    ).toBe(true);
  });
});

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  fc.constantFrom<Answer>(yes, no, partly, { kind: 'question', value: 'not_applicable' }),
  fc.string({ maxLength: 8 }).map((value) => note(value)),
);
const answersArb = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  answerArb,
) as fc.Arbitrary<Answers>;

describe('mergeAnswers properties', () => {
  it('loses nothing: every changed value is in the result or a conflict', () => {
    fc.assert(
      fc.property(answersArb, answersArb, answersArb, (base, mine, theirs) => {
        const { answers, conflicts } = mergeAnswers(base, mine, theirs);
        for (const side of [mine, theirs]) {
          for (const [key, value] of Object.entries(side)) {
            if (sameAnswer(value, base[key])) continue;
            const kept =
              sameAnswer(answers[key], value) ||
              conflicts.some(
                (c) => c.itemKey === key && (sameAnswer(c.mine, value) || sameAnswer(c.theirs, value)),
              );
            if (!kept) return false;
          }
        }
        return true;
      }),
    );
  });

  it('is symmetric apart from which side a conflicting item shows', () => {
    fc.assert(
      fc.property(answersArb, answersArb, answersArb, (base, mine, theirs) => {
        const ab = mergeAnswers(base, mine, theirs);
        const ba = mergeAnswers(base, theirs, mine);
        const conflicted = new Set(ab.conflicts.map((c) => c.itemKey));
        expect(ba.conflicts.map((c) => c.itemKey)).toEqual([...conflicted]);
        for (const key of new Set([...Object.keys(ab.answers), ...Object.keys(ba.answers)])) {
          if (!conflicted.has(key)) expect(ab.answers[key]).toEqual(ba.answers[key]);
        }
      }),
    );
  });

  it('is the identity when one side did not change', () => {
    fc.assert(
      fc.property(answersArb, answersArb, (base, changed) => {
        expect(mergeAnswers(base, changed, base)).toEqual({ answers: changed, conflicts: [] });
        expect(mergeAnswers(base, base, changed)).toEqual({ answers: changed, conflicts: [] });
      }),
    );
  });
});

describe('mergeSnapshots', () => {
  const draft: AuditSnapshot = {
    id: '00000000-0000-4000-8000-000000000001',
    caseId: '00000000-0000-4000-8000-000000000002',
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    status: 'draft',
    answers: {},
    completedAt: null,
  };
  const submitted: AuditSnapshot = {
    ...draft,
    status: 'submitted',
    completedAt: '2026-11-20T10:00:00Z',
    answers: { a: yes },
  };

  it('keeps a submission made on the other device', () => {
    const { snapshot } = mergeSnapshots(draft, { ...draft, answers: { b: no } }, submitted);
    expect(snapshot).toMatchObject({
      status: 'submitted',
      completedAt: '2026-11-20T10:00:00Z',
      answers: { a: yes, b: no },
    });
  });

  it('keeps my submission when the other device only edited', () => {
    const { snapshot } = mergeSnapshots(draft, submitted, { ...draft, answers: { c: partly } });
    expect(snapshot).toMatchObject({
      status: 'submitted',
      completedAt: '2026-11-20T10:00:00Z',
      answers: { a: yes, c: partly },
    });
  });
});
