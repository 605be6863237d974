import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultFrameworkV1 } from './default-framework';
import { frameworkItems } from './framework-schema';
import { validateAnswers } from './validate-answers';

const framework = defaultFrameworkV1();
// The least a submittable audit of the default framework needs: no safeguarding concern and an overall grade.
const COMPLETE = {
  'safeguarding.concern': { kind: 'yes-no-note', value: 'no', note: '' },
  'overall.grade': { kind: 'grade', value: 1 },
};
const codes = (answers: unknown, mode: 'draft' | 'submit') =>
  validateAnswers(framework, answers, mode).map((p) => `${p.itemKey}: ${p.code}`);

describe('validateAnswers — draft: only problems of shape', () => {
  it.each([
    { name: 'nothing answered yet', answers: {}, problems: [] },
    {
      name: 'a partly written draft with the overall grade missing',
      answers: { 'plan.smart': { kind: 'question', value: 'partly' } },
      problems: [],
    },
    {
      name: 'a safeguarding concern with its note still to write',
      answers: { 'safeguarding.concern': { kind: 'yes-no-note', value: 'yes', note: '' } },
      problems: [],
    },
    {
      name: 'an action still being drafted',
      answers: {
        'overall.case-actions': {
          kind: 'case-actions',
          value: [{ what: 'Review plan', who: '', byWhen: '' }],
        },
      },
      problems: [],
    },
    {
      name: 'a grade off the scale',
      answers: { 'overall.grade': { kind: 'grade', value: 7 } },
      problems: ['overall.grade: invalid_answer'],
    },
    {
      name: 'a question answered with a grade',
      answers: { 'plan.smart': { kind: 'grade', value: 1 } },
      problems: ['plan.smart: wrong_kind'],
    },
    {
      name: 'Not applicable where the item does not allow it',
      answers: { 'impact.improving': { kind: 'question', value: 'not_applicable' } },
      problems: ['impact.improving: not_applicable_not_allowed'],
    },
    {
      name: 'an answer to an item not in this version',
      answers: { 'plan.smart-v2': { kind: 'question', value: 'yes' } },
      problems: ['plan.smart-v2: unknown_item'],
    },
    {
      name: 'a bare value with no kind',
      answers: { 'plan.smart': 'yes' },
      problems: ['plan.smart: invalid_answer'],
    },
    { name: 'answers sent as an array', answers: [{ kind: 'grade', value: 1 }], problems: [': not_a_map'] },
    { name: 'no answers at all', answers: null, problems: [': not_a_map'] },
  ])('$name', ({ answers, problems }) => {
    expect(codes(answers, 'draft')).toEqual(problems);
  });
});

describe('validateAnswers — submit: shape, and everything that must be done', () => {
  it.each([
    { name: 'the least a complete audit needs', answers: COMPLETE, problems: [] },
    {
      name: 'nothing answered',
      answers: {},
      problems: ['safeguarding.concern: required', 'overall.grade: required'],
    },
    {
      name: 'a safeguarding concern with no note and not acknowledged',
      answers: { ...COMPLETE, 'safeguarding.concern': { kind: 'yes-no-note', value: 'yes', note: '  ' } },
      problems: ['safeguarding.concern: note_required', 'safeguarding.acknowledged: required'],
    },
    {
      name: 'a safeguarding concern acknowledged with an unticked box',
      answers: {
        ...COMPLETE,
        'safeguarding.concern': { kind: 'yes-no-note', value: 'yes', note: 'Unassessed new partner.' },
        'safeguarding.acknowledged': { kind: 'confirmation', value: false },
      },
      problems: ['safeguarding.acknowledged: required'],
    },
    {
      name: 'a safeguarding concern noted and acknowledged',
      answers: {
        ...COMPLETE,
        'safeguarding.concern': {
          kind: 'yes-no-note',
          value: 'yes',
          note: 'Unassessed new partner; told TM same day.',
        },
        'safeguarding.acknowledged': { kind: 'confirmation', value: true },
      },
      problems: [],
    },
    {
      name: 'an incomplete case action',
      answers: {
        ...COMPLETE,
        'overall.case-actions': {
          kind: 'case-actions',
          value: [
            { what: 'Review plan', who: 'SW', byWhen: '2019-09-30' },
            { what: 'Visit', who: '', byWhen: '' },
          ],
        },
      },
      problems: ['overall.case-actions: action_incomplete'],
    },
    {
      name: 'a shape problem is reported once, not again as missing',
      answers: { ...COMPLETE, 'overall.grade': { kind: 'grade', value: 'Good' } },
      problems: ['overall.grade: invalid_answer'],
    },
    {
      name: 'problems come in form order, answers the form does not know last',
      answers: {
        'zzz.unknown': { kind: 'question', value: 'yes' },
        'plan.smart': { kind: 'grade', value: 1 },
      },
      problems: [
        'safeguarding.concern: required',
        'plan.smart: wrong_kind',
        'overall.grade: required',
        'zzz.unknown: unknown_item',
      ],
    },
  ])('$name', ({ answers, problems }) => {
    expect(codes(answers, 'submit')).toEqual(problems);
  });

  it('speaks to the auditor in plain words', () => {
    const problems = validateAnswers(
      framework,
      {
        'safeguarding.concern': { kind: 'yes-no-note', value: 'yes', note: '' },
        'overall.case-actions': { kind: 'case-actions', value: [{ what: '', who: '', byWhen: '' }] },
      },
      'submit',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Fill in "What is the concern, who have you told, and when?": it is needed when the answer to "Have you found an immediate safeguarding concern on this case?" is Yes.',
      `Tick "I have followed the council's safeguarding procedure for this concern" before submitting: it is needed because you answered Yes to "Have you found an immediate safeguarding concern on this case?".`,
      'Choose a grade for "Overall grade for the case" before submitting.',
      'Action 1 in "Actions for the case" needs what must happen, who will do it and by when.',
    ]);
  });
});

it('names the action whose by-when date cannot be used, in draft and on submit', () => {
  const answers = {
    'overall.case-actions': {
      kind: 'case-actions',
      value: [
        { what: 'Review the plan', who: 'Social worker', byWhen: '2026-12-12' },
        { what: 'Visit', who: 'Social worker', byWhen: '22026-03-11' },
        { what: 'Call school', who: 'Social worker', byWhen: '1999-12-31' },
      ],
    },
  };
  for (const mode of ['draft', 'submit'] as const)
    expect(
      validateAnswers(framework, answers, mode).filter((p) => p.itemKey === 'overall.case-actions'),
    ).toEqual([
      {
        itemKey: 'overall.case-actions',
        code: 'invalid_answer',
        message:
          'Action 2 in "Actions for the case" has a by-when date that cannot be used: enter a real date, for example 31 March 2026.',
      },
    ]);
});

describe('properties', () => {
  const keys = frameworkItems(framework).map((i) => i.key);
  const anything = fc.dictionary(fc.constantFrom(...keys, 'stray.key'), fc.anything(), { maxKeys: 8 });

  it('never throws on untrusted input, and every problem names an item', () => {
    fc.assert(
      fc.property(anything, fc.constantFrom('draft' as const, 'submit' as const), (answers, mode) => {
        for (const problem of validateAnswers(framework, answers, mode)) {
          expect(problem.itemKey === 'stray.key' || keys.includes(problem.itemKey)).toBe(true);
          expect(problem.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a submit finds every problem a draft finds', () => {
    fc.assert(
      fc.property(anything, (answers) => {
        const submit = codes(answers, 'submit');
        for (const problem of codes(answers, 'draft')) expect(submit).toContain(problem);
      }),
      { numRuns: 200 },
    );
  });
});
