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
import { loadFramework } from '../frameworks/framework-cache';
import { onAuditWritten } from '../audits/on-audit-written';
import type { AuditWrite } from '../audits/audit-write';
import { recordEvent } from '../audit-log/record-event';
import type { Answers } from '../../shared/framework/answer-schema';
import { moderationProblems, moderatedItems } from '../../shared/moderation/moderation-problems';
import type { ModerationDecision } from '../../shared/moderation/moderation-schemas';
import { requireModeration } from './moderation-store';
import { assertMayModerate } from './may-moderate';
import { recordCountedGrades } from './record-counted-grades';

interface AuditState {
  status: string;
  deleted: boolean;
  kind: string;
  rev: number;
  answers: Answers;
  moderated_grades: unknown;
  overall_grade: number | null;
  completed_at: string | null;
  team_id: string;
  case_type: string;
  framework_key: string;
  framework_version: number;
}

/** The row as it was, in the shape onAuditWritten takes. */
export function auditWriteBefore(audit: AuditState): NonNullable<AuditWrite['before']> {
  return {
    status: audit.status,
    overallGrade: audit.overall_grade,
    completedAt: audit.completed_at,
    teamId: audit.team_id,
    caseType: audit.case_type,
    deleted: audit.deleted,
    frameworkKey: audit.framework_key,
    frameworkVersion: audit.framework_version,
    kind: audit.kind,
    answers: audit.answers,
    moderatedGrades: audit.moderated_grades,
  };
}

export async function loadAuditState(tx: Queryable, auditId: string): Promise<AuditState> {
  const [audit] = await tx.query<AuditState>(
    `SELECT status, deleted, kind, rev, answers, moderated_grades, overall_grade, completed_at, team_id, case_type,
            framework_key, framework_version
     FROM audits WHERE id = $1 AND NOT deleted`,
    [auditId],
  );
  if (!audit) throw appError('not_found', 'The audit this moderation is about no longer exists.');
  return audit;
}

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
  const audit = await loadAuditState(tx, moderation.audit_id);
  if (audit.status !== 'submitted')
    throw appError(
      'conflict',
      'This audit is back with its auditor. You can moderate it once they submit it again.',
    );
  if (audit.rev !== decision.auditRev)
    throw appError(
      'conflict',
      'The audit has changed since you opened it. Reload it to see the latest version, then moderate.',
    );
  const framework = await loadFramework(tx, audit.framework_key, audit.framework_version);
  if (!framework) throw appError('internal', 'The framework this audit was written on is missing.');
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
  await onAuditWritten(tx, {
    auditId: moderation.audit_id,
    actorId: person.id,
    before: auditWriteBefore(audit),
  });
  await recordEvent(tx, {
    actorId: person.id,
    action: 'audit.moderated',
    entityType: 'audit',
    entityId: moderation.audit_id,
    detail: { moderationId, status, auditorOverall, moderatedOverall: overall, rev: audit.rev },
    ...origin,
  });
}
