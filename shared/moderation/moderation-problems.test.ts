import { describe, expect, it } from 'vitest';
import { defaultFrameworkV1 } from '../framework/default-framework';
import type { Answers } from '../framework/answer-schema';
import type { GradeIndex } from '../metrics/grade-scale';
import { moderatedItems, moderationProblems } from './moderation-problems';

const framework = defaultFrameworkV1();
const answers: Answers = {
  'plan.grade': { kind: 'grade', value: 1 },
  'overall.grade': { kind: 'grade', value: 1 },
  'plan.smart': { kind: 'question', value: 'yes' },
};

describe('moderatedItems', () => {
  it('is every section grade the auditor gave, and the overall grade, in form order', () => {
    expect(moderatedItems(framework, answers).map((i) => i.key)).toEqual(['plan.grade', 'overall.grade']);
  });
});

describe('moderationProblems', () => {
  it.each([
    {
      name: 'agreeing with every grade needs no reason',
      grades: { 'plan.grade': 1, 'overall.grade': 1 },
      reasons: {},
      problems: [],
    },
    {
      name: 'a change needs a reason',
      grades: { 'plan.grade': 1, 'overall.grade': 2 },
      reasons: {},
      problems: [
        {
          itemKey: 'overall.grade',
          message: 'Give a reason for changing the grade for "Overall grade for the case".',
        },
      ],
    },
    {
      name: 'a change with a reason is fine',
      grades: { 'plan.grade': 1, 'overall.grade': 2 },
      reasons: { 'overall.grade': 'No contingency plan.' },
      problems: [],
    },
    {
      name: 'every graded item needs a decision',
      grades: { 'overall.grade': 1 },
      reasons: {},
      problems: [
        { itemKey: 'plan.grade', message: 'Agree with or change the grade for "Grade for the plan".' },
      ],
    },
    {
      name: 'nothing the auditor did not grade may be graded',
      grades: { 'plan.grade': 1, 'overall.grade': 1, 'impact.grade': 2 },
      reasons: { 'impact.grade': 'x' },
      problems: [
        { itemKey: 'impact.grade', message: '"impact.grade" is not a grade the auditor gave on this audit.' },
      ],
    },
  ] as {
    name: string;
    grades: Record<string, GradeIndex>;
    reasons: Record<string, string>;
    problems: unknown[];
  }[])('$name', ({ grades, reasons, problems }) => {
    expect(moderationProblems(framework, answers, grades, reasons)).toEqual(problems);
  });
});
