import { describe, expect, it } from 'vitest';
import { defaultFrameworkV1 } from './default-framework';
import type { Framework } from './framework-schema';
import { revisionProblems } from './framework-revision';

const v1 = defaultFrameworkV1();
/** Version 2 of the default framework with `edit` applied (which may mutate its argument). */
function v2(edit: (f: Framework) => void = () => undefined): Framework {
  const next = { ...defaultFrameworkV1(), version: 2 };
  edit(next);
  return next;
}

describe('revisionProblems', () => {
  it.each([
    { name: 'the same form, renumbered', next: v2() },
    {
      name: 'a question reworded',
      next: v2((f) => Object.assign(f.sections[3]?.items[0] ?? {}, { label: 'The plan is SMART' })),
    },
    { name: 'a question removed', next: v2((f) => f.sections[3]?.items.shift()) },
    {
      name: 'a question added under a new key',
      next: v2((f) =>
        f.sections[3]?.items.unshift({
          key: 'plan.reviewed',
          kind: 'question',
          label: 'Reviewed',
          help: 'h',
          required: false,
          allowNotApplicable: true,
        }),
      ),
    },
  ])('allows $name', ({ next }) => {
    expect(revisionProblems(v1, next)).toEqual([]);
  });

  it.each([
    { name: 'the same version number', next: { ...v1 }, problem: /numbered above 1/ },
    {
      name: 'another framework',
      next: v2((f) => {
        f.key = 'other';
      }),
      problem: /must keep the key "lantern-default"/,
    },
    {
      name: 'a key that changes kind (question → grade)',
      next: v2((f) => Object.assign(f.sections[3]?.items[0] ?? {}, { kind: 'grade' })),
      problem: /"plan.smart" was a question item in version 1 and is a grade item now/,
    },
    {
      name: 'a different overall grade',
      next: v2((f) => {
        f.overallGradeKey = 'impact.grade';
      }),
      problem: /overall grade must keep the key/,
    },
  ])('refuses $name', ({ next, problem }) => {
    expect(revisionProblems(v1, next).map((p) => p.message)).toEqual([expect.stringMatching(problem)]);
  });
});
