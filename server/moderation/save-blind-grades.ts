/**
 * The moderator's blind grades, in one transaction: their own grade for every section the
 * auditor graded and the overall grade, given without seeing the auditor's. Saved once and
 * never changed (from then on the auditor's grades are shown beside them, so a second blind
 * grading could not be blind); the decision that follows (moderate-audit.ts) confirms or
 * changes each grade with a reason, and only that decision's grades count in metrics.
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { Answers } from '../../shared/framework/answer-schema';
import { blindGradeProblems } from '../../shared/moderation/moderation-problems';
import type { BlindGrades } from '../../shared/moderation/moderation-schemas';
import { requireModeration } from './moderation-store';
import { assertMayModerate } from './may-moderate';
import { loadSubmittedAudit, recordModeratorAct } from './moderated-audit';

export async function saveBlindGrades(
  tx: Queryable,
  moderationId: string,
  blind: BlindGrades,
  person: Person,
  origin: { ip: string; userAgent: string },
): Promise<void> {
  const moderation = await requireModeration(tx, moderationId, true);
  assertMayModerate(person, moderation);
  if (moderation.blind_at !== null)
    throw appError(
      'conflict',
      "Your own grades for this audit were already saved; you now see the auditor's beside them.",
    );
  if (moderation.status === 'agreed' || moderation.status === 'regraded')
    throw appError('conflict', 'This moderation was already decided.');
  const { audit, framework } = await loadSubmittedAudit(tx, moderation.audit_id, blind.auditRev, 'grade it');
  const problems = blindGradeProblems(framework, audit.answers, blind.grades);
  if (problems.length > 0)
    throw appError(
      'validation_failed',
      'Give your own grade for every section and the overall grade.',
      problems.map((p) => ({ path: p.itemKey, message: p.message })),
    );
  const answers: Answers = Object.fromEntries(
    Object.entries(blind.grades).map(([key, value]) => [key, { kind: 'grade' as const, value }]),
  );
  await tx.query(
    `UPDATE moderations SET blind_answers = $2::jsonb, blind_overall = $3, blind_at = now(), blind_by = $4,
       updated_at = now() WHERE id = $1`,
    [moderationId, JSON.stringify(answers), blind.grades[framework.overallGradeKey] ?? null, person.id],
  );
  await recordModeratorAct(tx, {
    auditId: moderation.audit_id,
    person,
    origin,
    action: 'audit.moderation-blind-graded',
    detail: { moderationId, blindOverall: blind.grades[framework.overallGradeKey] ?? null, rev: audit.rev },
  });
}
