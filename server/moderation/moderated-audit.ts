/**
 * The audit a moderator's act is about, as each act reads it (save-blind-grades.ts,
 * moderate-audit.ts, return-audit.ts), and the record each act leaves: the audit log's row
 * and, when the act rewrote the audit, derived data kept in step (onAuditWritten).
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { Answers } from '../../shared/framework/answer-schema';
import type { Framework } from '../../shared/framework/framework-schema';
import { loadFramework } from '../frameworks/framework-cache';
import { onAuditWritten } from '../audits/on-audit-written';
import type { AuditWrite } from '../audits/audit-write';
import { recordEvent } from '../audit-log/record-event';

export interface AuditState {
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
function auditWriteBefore(audit: AuditState): NonNullable<AuditWrite['before']> {
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

/** @throws not_found when the audit was deleted. */
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

/**
 * The audit a moderator is about to grade (`nextStep`: "grade it") or decide ("moderate"), with
 * its framework: still submitted, and at the revision they opened it at.
 * @throws not_found when the audit was deleted; conflict when it is back with its auditor or
 * changed since it was opened; internal when its framework is missing.
 */
export async function loadSubmittedAudit(
  tx: Queryable,
  auditId: string,
  openedRev: number,
  nextStep: string,
): Promise<{ audit: AuditState; framework: Framework }> {
  const audit = await loadAuditState(tx, auditId);
  if (audit.status !== 'submitted')
    throw appError(
      'conflict',
      'This audit is back with its auditor. You can moderate it once they submit it again.',
    );
  if (audit.rev !== openedRev)
    throw appError(
      'conflict',
      `The audit has changed since you opened it. Reload it to see the latest version, then ${nextStep}.`,
    );
  const framework = await loadFramework(tx, audit.framework_key, audit.framework_version);
  if (!framework) throw appError('internal', 'The framework this audit was written on is missing.');
  return { audit, framework };
}

/**
 * Logs a moderator's act against the audit, from where they acted; when the act rewrote the
 * audit (`before`: the row as it was), first keeps derived data in step with it.
 */
export async function recordModeratorAct(
  tx: Queryable,
  act: {
    auditId: string;
    person: Person;
    origin: { ip: string; userAgent: string };
    action: string;
    detail: Record<string, unknown>;
    before?: AuditState;
  },
): Promise<void> {
  if (act.before)
    await onAuditWritten(tx, {
      auditId: act.auditId,
      actorId: act.person.id,
      before: auditWriteBefore(act.before),
    });
  await recordEvent(tx, {
    actorId: act.person.id,
    action: act.action,
    entityType: 'audit',
    entityId: act.auditId,
    detail: act.detail,
    ...act.origin,
  });
}
