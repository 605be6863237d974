import { describe, expect, it } from 'vitest';
import { answerSchema, answersSchema, MAX_TEXT_LENGTH } from './answer-schema';

describe('answerSchema', () => {
  it.each([
    { name: 'a question', answer: { kind: 'question', value: 'partly' } },
    { name: 'Not applicable', answer: { kind: 'question', value: 'not_applicable' } },
    { name: 'a grade', answer: { kind: 'grade', value: 3 } },
    { name: 'free text', answer: { kind: 'text', value: 'Visits are regular and purposeful.' } },
    {
      name: 'yes with a note',
      answer: { kind: 'yes-no-note', value: 'yes', note: 'Spoke to the school nurse.' },
    },
    {
      name: 'case actions, one still being drafted',
      answer: { kind: 'case-actions', value: [{ what: 'Update the plan', who: '', byWhen: '' }] },
    },
    {
      name: 'a finished case action',
      answer: {
        kind: 'case-actions',
        value: [{ what: 'Update the plan', who: 'Social worker', byWhen: '2019-09-30' }],
      },
    },
    { name: 'a tick', answer: { kind: 'confirmation', value: true } },
  ])('accepts $name', ({ answer }) => {
    expect(answerSchema.safeParse(answer).success).toBe(true);
  });

  it.each([
    { name: 'a grade as its label', answer: { kind: 'grade', value: 'Good' } },
    { name: 'a grade off the scale', answer: { kind: 'grade', value: 4 } },
    { name: '"maybe" to a question', answer: { kind: 'question', value: 'maybe' } },
    {
      name: 'Not applicable to a yes/no item',
      answer: { kind: 'yes-no-note', value: 'not_applicable', note: '' },
    },
    { name: 'a yes/no answer without its note field', answer: { kind: 'yes-no-note', value: 'yes' } },
    { name: 'text that is too long', answer: { kind: 'text', value: 'x'.repeat(MAX_TEXT_LENGTH + 1) } },
    {
      name: 'an action date in British order',
      answer: { kind: 'case-actions', value: [{ what: 'a', who: 'b', byWhen: '30/09/2019' }] },
    },
    { name: 'an unknown kind', answer: { kind: 'slider', value: 5 } },
    { name: 'a bare value with no kind', answer: 'yes' },
  ])('refuses $name', ({ answer }) => {
    expect(answerSchema.safeParse(answer).success).toBe(false);
  });

  it('answers are a map keyed by item key, never an array', () => {
    expect(answersSchema.safeParse({ 'overall.grade': { kind: 'grade', value: 1 } }).success).toBe(true);
    expect(answersSchema.safeParse([{ kind: 'grade', value: 1 }]).success).toBe(false);
  });
});
