/**
 * The moderator's decision on one audit, made after their blind grades are saved
 * (save-blind-grades.ts), in one transaction: their final grade for each section
 * and the overall grade (agreeing or changing each, a reason for each change) is kept in the
 * moderation beside the auditor's own answers, which are never touched; the audit's
 * `overall_grade` — the grade that counts in every aggregate and dashboard — becomes the
 * moderated one, and onAuditWritten keeps derived data in step. A decision made on an
 * out-of-date copy of the audit (it was returned and resubmitted meanwhile) is refused.
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { Answers } from '../../shared/framework/answer-schema';
import { moderationProblems, moderatedItems } from '../../shared/moderation/moderation-problems';
import type { ModerationDecision } from '../../shared/moderation/moderation-schemas';
import { requireModeration } from './moderation-store';
import { assertMayModerate } from './may-moderate';
import { recordCountedGrades } from './record-counted-grades';
import { loadSubmittedAudit, recordModeratorAct } from './moderated-audit';

export async function moderateAudit(
  tx: Queryable,
  moderationId: string,
  decision: ModerationDecision,
  person: Person,
  origin: { ip: string; userAgent: string },
): Promise<void> {
  const moderation = await requireModeration(tx, moderationId, true);
  assertMayModerate(person, moderation);
  // Blind moderation: the moderator's own grades come first, unseen by anyone's (save-blind-grades.ts).
  if (moderation.blind_at === null)
    throw appError(
      'conflict',
      "Save your own grades first: you see the auditor's beside them once yours are saved.",
    );
  const { audit, framework } = await loadSubmittedAudit(
    tx,
    moderation.audit_id,
    decision.auditRev,
    'moderate',
  );
  const problems = moderationProblems(framework, audit.answers, decision.grades, decision.reasons);
  if (problems.length > 0)
    throw appError(
      'validation_failed',
      'Some grades need a decision or a reason.',
      problems.map((p) => ({ path: p.itemKey, message: p.message })),
    );

  const items = moderatedItems(framework, audit.answers);
  const moderatedAnswers: Answers = {};
  const reasons: Record<string, string> = {};
  let changed = false;
  for (const item of items) {
    const value = decision.grades[item.key];
    if (value === undefined) continue;
    moderatedAnswers[item.key] = { kind: 'grade', value };
    const given = audit.answers[item.key];
    if (given?.kind !== 'grade' || given.value !== value) changed = true;
    const reason = decision.reasons[item.key]?.trim();
    if (reason) reasons[item.key] = reason;
  }
  const overall = decision.grades[framework.overallGradeKey];
  const auditorOverallAnswer = audit.answers[framework.overallGradeKey];
  const auditorOverall = auditorOverallAnswer?.kind === 'grade' ? auditorOverallAnswer.value : null;
  const status = changed ? 'regraded' : 'agreed';

  await tx.query(
    `UPDATE moderations SET status = $2, auditor_overall = $3, moderated_overall = $4, moderated_answers = $5::jsonb,
       reasons = $6::jsonb, audit_rev = $7, return_note = NULL, moderated_at = now(), updated_at = now() WHERE id = $1`,
    [
      moderationId,
      status,
      auditorOverall,
      overall,
      JSON.stringify(moderatedAnswers),
      JSON.stringify(reasons),
      audit.rev,
    ],
  );
  await recordCountedGrades(
    tx,
    moderation.audit_id,
    overall ?? null,
    moderatedAnswers,
    framework.overallGradeKey,
  );
  await recordModeratorAct(tx, {
    auditId: moderation.audit_id,
    person,
    origin,
    action: 'audit.moderated',
    detail: { moderationId, status, auditorOverall, moderatedOverall: overall, rev: audit.rev },
    before: audit,
  });
}
