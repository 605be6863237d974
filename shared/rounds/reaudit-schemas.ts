/**
 * Re-audits: a case graded Inadequate is scheduled for another audit, and the change in grade
 * between the two is reported.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';
import { gradeIndexSchema } from '../metrics/grade-scale';

export const reauditRequestSchema = z.object({
  auditorId: z.uuid('Choose an auditor.'),
  roundId: z.uuid().nullable().default(null),
  dueDate: z._default(z.nullable(calendarDateSchema), null),
});

export const reauditRowSchema = z.object({
  allocationId: z.string().nullable(),
  originalAuditId: z.string(),
  reference: z.string(),
  teamName: z.string(),
  originalGrade: gradeIndexSchema,
  originalCompletedAt: z.string().nullable(),
  auditorName: z.string().nullable(),
  dueDate: z.string().nullable(),
  newGrade: z.nullable(gradeIndexSchema),
  newCompletedAt: z.string().nullable(),
});
export type ReauditRow = z.infer<typeof reauditRowSchema>;
export const reauditListSchema = z.object({
  /** Inadequate audits with no re-audit scheduled yet. */
  candidates: z.array(reauditRowSchema),
  scheduled: z.array(reauditRowSchema),
});

/**
 * How a grade moved between an audit and its re-audit, in words: "improved by 2 grades".
 * Grades are indexes (0 Outstanding … 3 Inadequate), so a lower number is better.
 * @example gradeChange(3, 1) // { steps: 2, words: 'Improved by 2 grades' }
 */
export function gradeChange(before: number, after: number | null): { steps: number | null; words: string } {
  if (after === null) return { steps: null, words: 'Not re-audited yet' };
  const steps = before - after;
  if (steps === 0) return { steps, words: 'No change' };
  const grades = Math.abs(steps) === 1 ? 'grade' : 'grades';
  return { steps, words: `${steps > 0 ? 'Improved' : 'Worse'} by ${Math.abs(steps)} ${grades}` };
}
