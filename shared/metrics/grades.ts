/**
 * The Ofsted four-point scale every audit ends on. Grades are stored as an index, 0 best to
 * 3 worst, so that "moved down" is simply a higher number and kappa's weights are (i − j)²
 * on a fixed scale; the words are only for people.
 *
 * No schema here: the auditor's screens use these words without loading zod (the schema is
 * in grade-scale.ts).
 */

/** The grades in order, best first; a grade's index is its value. */
export const GRADES = [
  { index: 0, key: 'outstanding', label: 'Outstanding' },
  { index: 1, key: 'good', label: 'Good' },
  { index: 2, key: 'requires-improvement', label: 'Requires improvement to be good' },
  { index: 3, key: 'inadequate', label: 'Inadequate' },
] as const;

/** A grade as stored, its index on the scale: 0 Outstanding, 1 Good, 2 Requires improvement to be good, 3 Inadequate. */
export type GradeIndex = 0 | 1 | 2 | 3;

/** The grades that count as "at least good" (Outstanding or Good): the pass set of most plan targets. */
export const AT_LEAST_GOOD: readonly GradeIndex[] = [0, 1];

/** True when a value is one of the four grade indexes. */
export function isGradeIndex(value: unknown): value is GradeIndex {
  return value === 0 || value === 1 || value === 2 || value === 3;
}

/** True for Outstanding or Good. @example isAtLeastGood(2) // false */
export function isAtLeastGood(grade: GradeIndex): boolean {
  return grade <= 1;
}

/** The words for a grade. @example gradeLabel(2) // 'Requires improvement to be good' */
export function gradeLabel(grade: GradeIndex): string {
  return GRADES[grade].label;
}
