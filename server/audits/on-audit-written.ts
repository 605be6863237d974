/**
 * Everything that must change in the same transaction as an audit: called after every write
 * of an audit row (a sync push, an import, a moderation, a return to the auditor), with the
 * row as it was and as it is now. Keeps derived data (aggregates, alerts) exactly in step
 * with the audits: if this throws, the audit change rolls back too.
 */
import type { Queryable } from '../db/database';
import { updateMetricCounts } from '../aggregates/update-metric-counts';
import { takeKindFromRound } from '../rounds/take-kind-from-round';
import { takeStageFromAllocation } from './take-stage-from-allocation';
import { raiseSafeguardingAlert } from '../alerts/raise-safeguarding-alert';
import type { AuditStateAfter, AuditWrite } from './audit-write';
import { deriveCaseActions } from '../case-actions/derive-case-actions';
import { tellOfAudit } from './tell-of-audit';

export async function onAuditWritten(tx: Queryable, write: AuditWrite): Promise<void> {
  // Derived data registers here (one call per concern).
  await takeKindFromRound(tx, write); // first: the row read below must have the round's kind
  const selfAudit = await takeStageFromAllocation(tx, write);
  const after = write.after ?? (await readAuditState(tx, write.auditId));
  if (!selfAudit) await updateMetricCounts(tx, write.before, after);
  if (after) await raiseSafeguardingAlert(tx, write.auditId, after);
  if (after) await deriveCaseActions(tx, write.auditId, after, write.actorId);
  // The practitioner and team managers hear of it when it becomes submitted (not on later edits).
  if (after?.status === 'submitted' && !after.deleted && write.before?.status !== 'submitted')
    await tellOfAudit(tx, write.auditId, 'submitted');
  // …or, by the council's setting, when a moderator first puts their grades on it.
  if (after && after.moderatedGrades != null && write.before && write.before.moderatedGrades == null)
    await tellOfAudit(tx, write.auditId, 'moderated');
}

async function readAuditState(tx: Queryable, auditId: string): Promise<AuditStateAfter | null> {
  const [row] = await tx.query<{
    status: string;
    deleted: boolean;
    completed_at: string | null;
    team_id: string;
    case_type: string;
    framework_key: string;
    framework_version: number;
    kind: string;
    overall_grade: number | null;
    answers: unknown;
    moderated_grades: unknown;
    case_id: string;
    auditor_id: string;
  }>(
    `SELECT status, deleted, completed_at, team_id, case_type, framework_key, framework_version, kind,
            overall_grade, answers, moderated_grades, case_id, auditor_id
     FROM audits WHERE id = $1`,
    [auditId],
  );
  return row
    ? {
        status: row.status,
        deleted: row.deleted,
        completedAt: row.completed_at,
        teamId: row.team_id,
        caseType: row.case_type,
        frameworkKey: row.framework_key,
        frameworkVersion: row.framework_version,
        kind: row.kind,
        overallGrade: row.overall_grade,
        answers: row.answers,
        moderatedGrades: row.moderated_grades,
        caseId: row.case_id,
        auditorId: row.auditor_id,
      }
    : null;
}
