import { describe, expect, it } from 'vitest';
import type { AnsweredBy, Answer } from '../framework/answer-schema';
import { answeredByProblems, stampAuthor, withoutAuthor } from './answered-by';
import { mergeAnswers } from './merge-answers';

const sam: AnsweredBy = {
  personId: '00000000-0000-4000-8000-00000000000a',
  name: 'Sam',
  agency: 'social_care',
};
const hana: AnsweredBy = { personId: '00000000-0000-4000-8000-00000000000b', name: 'Hana', agency: 'health' };
const text = (value: string, by?: AnsweredBy): Answer => ({ kind: 'text', value, ...(by ? { by } : {}) });

describe('answeredByProblems', () => {
  it('accepts a changed answer that names the person saving it, or nobody', () => {
    expect(answeredByProblems({}, { a: text('x', sam), b: text('y') }, { id: sam.personId })).toEqual([]);
  });

  it("refuses a changed answer that names someone else, naming the item and the other's name", () => {
    expect(
      answeredByProblems({ a: text('x', hana) }, { a: text('changed', hana) }, { id: sam.personId }),
    ).toEqual([{ itemKey: 'a', message: expect.stringContaining('names Hana as its author') }]);
  });

  it("keeps the other auditor's answer as it was, and its author", () => {
    expect(answeredByProblems({ a: text('x', hana) }, { a: text('x', hana) }, { id: sam.personId })).toEqual(
      [],
    );
  });

  it("refuses handing an answer's words to a third person", () => {
    expect(
      answeredByProblems({ a: text('x', sam) }, { a: text('x', hana) }, { id: sam.personId }),
    ).toHaveLength(1);
  });
});

describe('authors through the three-way merge', () => {
  it('keeps each answer with the person who gave it when two auditors typed different items offline', () => {
    const merged = mergeAnswers({}, { a: text('from Sam', sam) }, { b: text('from Hana', hana) });
    expect(merged.conflicts).toEqual([]);
    expect(merged.answers).toEqual({ a: text('from Sam', sam), b: text('from Hana', hana) });
  });

  it('stamps and strips an author without touching the words', () => {
    expect(withoutAuthor(stampAuthor(text('x'), sam))).toEqual(text('x'));
  });
});
