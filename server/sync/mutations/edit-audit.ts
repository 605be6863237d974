/**
 * `audit.put` of an audit the server has (the common case: an edit or a submission). Applied
 * only by one of its auditors, to the same case and framework version, from the current
 * revision (a stale `baseRev` is a conflict answered with the server's version), and never to
 * a submitted audit (read-only unless a moderator returns it). The row was locked on reading,
 * or read without a lock (put-audit.ts, `putAuditUnlocked`). Either way the decision's `edit` says what to write, and
 * edit-writes.ts writes it (only if the row is still as read, when it was read unlocked).
 */
import type { Queryable } from '../../db/database';
import type { Mutation, MutationResult } from '../../../shared/sync/protocol';
import { auditDocument, type AuditRow } from '../../audits/audit-row';
import { onAuditWritten } from '../../audits/on-audit-written';
import { answer, reject, type Decision, type PushContext } from './decision';
import type { LockedAudit } from './locked-audit';
import { checkSnapshot } from './check-snapshot';
import { auditChange } from './audit-change';

export async function editAudit(
  tx: Queryable,
  ctx: PushContext,
  { mutationId, baseRev, snapshot }: Mutation,
  current: LockedAudit,
): Promise<Decision> {
  if (!current.mine) return reject(mutationId, 'This audit belongs to another auditor.');
  if (
    current.case_id !== snapshot.caseId ||
    current.framework_key !== snapshot.frameworkKey ||
    current.framework_version !== snapshot.frameworkVersion
  )
    return reject(mutationId, 'An audit cannot move to another case or framework version.');
  if (current.rev !== baseRev)
    return answer({ mutationId, status: 'conflict', server: auditDocument(current) });
  if (current.status === 'submitted')
    return reject(
      mutationId,
      'This audit was already submitted and is read-only unless a moderator returns it.',
    );
  const checked = await checkSnapshot(tx, ctx, mutationId, snapshot, current.answers);
  if (!checked.ok) return checked.decision;

  const change = auditChange(snapshot, baseRev, checked.overallGrade);
  const before = {
    status: current.status,
    overallGrade: current.overall_grade,
    completedAt: current.completed_at,
    teamId: current.team_id,
    caseType: current.case_type,
    deleted: current.deleted,
    frameworkKey: current.framework_key,
    frameworkVersion: current.framework_version,
    kind: current.kind,
    answers: current.answers,
    moderatedGrades: current.moderated_grades,
  };
  await onAuditWritten(tx, {
    auditId: snapshot.id,
    actorId: ctx.person.id,
    before,
    stage: current.stage,
    after: {
      ...before,
      status: snapshot.status,
      overallGrade: change.overallGrade,
      completedAt: change.completedAt,
      answers: snapshot.answers,
      caseId: current.case_id,
      auditorId: current.auditor_id,
    },
  });
  const saved: AuditRow = {
    ...current,
    status: snapshot.status,
    answers: snapshot.answers,
    completed_at: change.completedAt,
    rev: change.rev,
    updated_at: current.tx_now,
    updated_by_name: ctx.person.name,
    returned_note: snapshot.status === 'submitted' ? null : current.returned_note,
  };
  const action = snapshot.status === 'submitted' ? 'audit.submit' : 'audit.update';
  const result: MutationResult = {
    mutationId,
    status: 'applied',
    rev: change.rev,
    doc: auditDocument(saved),
  };
  // The row as read (locked, its xid cannot have moved) and the read's clock, the edit's updated_at.
  const edit = { change, action, read: { xid: current.row_xid, at: current.tx_now } } as const;
  return { result, writes: [], edit };
}
