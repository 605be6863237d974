/**
 * Puts on the audit the grades that count once a moderation is done (PRODUCT.md, "Metrics":
 * where a moderator changed a grade, the moderated grade counts): the overall grade in
 * `overall_grade`, the moderator's section grades in `moderated_grades`, laid over the
 * auditor's answers (which stay as the auditor wrote them) by every aggregate. The caller
 * keeps derived data in step (onAuditWritten), or rebuilds it after a bulk load.
 */
import type { Queryable } from '../db/database';
import type { Answers } from '../../shared/framework/answer-schema';

export async function recordCountedGrades(
  tx: Queryable,
  auditId: string,
  overall: number | null,
  moderatedGrades: Answers,
  overallGradeKey: string,
): Promise<void> {
  const sections = Object.fromEntries(
    Object.entries(moderatedGrades).filter(([key]) => key !== overallGradeKey),
  );
  await tx.query('UPDATE audits SET overall_grade = $2, moderated_grades = $3::jsonb WHERE id = $1', [
    auditId,
    overall,
    JSON.stringify(sections),
  ]);
}
