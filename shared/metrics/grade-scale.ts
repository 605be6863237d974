/**
 * The Ofsted four-point scale every audit ends on. Grades are stored as an index, 0 best to
 * 3 worst, so that "moved down" is simply a higher number and kappa's weights are (i − j)²
 * on a fixed scale; the words are only for people.
 */
import { z } from 'zod/mini';
import type { GradeIndex } from './grades';

export { GRADES, AT_LEAST_GOOD, isGradeIndex, isAtLeastGood, gradeLabel, type GradeIndex } from './grades';

/** A grade as stored: its index on the scale. */
export const gradeIndexSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

/** The schema and the type name the same four values (checked when compiled). */
const _sameValues: [z.infer<typeof gradeIndexSchema>] extends [GradeIndex]
  ? [GradeIndex] extends [z.infer<typeof gradeIndexSchema>]
    ? true
    : never
  : never = true;
