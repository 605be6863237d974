/**
 * What a moderator's decision must contain: a grade for every graded item the auditor
 * graded — each section grade and, always, the overall grade — agreeing or changing it, and a
 * reason for every change. Nothing else may be graded.
 */
import { frameworkItems, type Framework } from '../framework/framework-schema';
import type { Answers } from '../framework/answer-schema';
import type { GradeIndex } from '../metrics/grade-scale';

export interface ModerationProblem {
  itemKey: string;
  message: string;
}

/** The grade items a moderator judges for this audit, in form order. */
export function moderatedItems(
  framework: Framework,
  auditorAnswers: Answers,
): { key: string; label: string }[] {
  return frameworkItems(framework)
    .filter(
      (item) => item.kind === 'grade' && (item.key === framework.overallGradeKey || auditorAnswers[item.key]),
    )
    .map((item) => ({ key: item.key, label: item.label }));
}

/**
 * @example moderationProblems(framework, answers, { 'overall.grade': 2 }, {}) // overall changed without a reason → one problem
 */
export function moderationProblems(
  framework: Framework,
  auditorAnswers: Answers,
  grades: Readonly<Record<string, GradeIndex>>,
  reasons: Readonly<Record<string, string>>,
): ModerationProblem[] {
  const problems: ModerationProblem[] = [];
  const items = moderatedItems(framework, auditorAnswers);
  const keys = new Set(items.map((item) => item.key));
  for (const key of Object.keys(grades)) {
    if (!keys.has(key))
      problems.push({ itemKey: key, message: `"${key}" is not a grade the auditor gave on this audit.` });
  }
  for (const item of items) {
    const grade = grades[item.key];
    if (grade === undefined) {
      problems.push({ itemKey: item.key, message: `Agree with or change the grade for "${item.label}".` });
      continue;
    }
    const given = auditorAnswers[item.key];
    const auditorGrade = given?.kind === 'grade' ? given.value : null;
    if (grade !== auditorGrade && (reasons[item.key] ?? '').trim() === '') {
      problems.push({
        itemKey: item.key,
        message: `Give a reason for changing the grade for "${item.label}".`,
      });
    }
  }
  return problems;
}

/**
 * What the moderator's blind grades must contain: a grade for every item to grade and nothing
 * else. No reasons: nothing is being changed yet, the auditor's grades are still unseen.
 * @example blindGradeProblems(framework, answers, {}) // one problem per item to grade
 */
export function blindGradeProblems(
  framework: Framework,
  auditorAnswers: Answers,
  grades: Readonly<Record<string, GradeIndex>>,
): ModerationProblem[] {
  const items = moderatedItems(framework, auditorAnswers);
  const keys = new Set(items.map((item) => item.key));
  return [
    ...Object.keys(grades)
      .filter((key) => !keys.has(key))
      .map((key) => ({ itemKey: key, message: `"${key}" is not a grade to give on this audit.` })),
    ...items
      .filter((item) => grades[item.key] === undefined)
      .map((item) => ({ itemKey: item.key, message: `Choose your grade for "${item.label}".` })),
  ];
}
