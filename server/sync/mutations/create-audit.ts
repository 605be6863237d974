/**
 * `audit.put` of an audit the server does not have yet: applied only from revision 0, and only
 * for a case allocated to the person (actively, for that framework version). When another
 * device created the same audit a moment earlier, its version stands and this one is a
 * conflict the device merges (or a rejection, when the winner is not this person's audit).
 */
import type { Queryable } from '../../db/database';
import type { Mutation } from '../../../shared/sync/protocol';
import { rawSql, sql } from '../../db/sql';
import { AUDIT_COLUMNS_SQL, AUDIT_FROM_SQL, auditDocument, type AuditRow } from '../../audits/audit-row';
import { onAuditWritten } from '../../audits/on-audit-written';
import { answer, reject, type Decision, type PushContext } from './decision';
import { isAuditorOf } from './locked-audit';
import { checkSnapshot } from './check-snapshot';
import { auditInsert, revisionWrites } from './audit-writes';
import { auditChange } from './audit-change';

export async function createAudit(
  tx: Queryable,
  ctx: PushContext,
  { mutationId, baseRev, snapshot }: Mutation,
): Promise<Decision> {
  if (baseRev !== 0) return reject(mutationId, 'The server has no record of this audit.');
  const allocated = sql`SELECT id FROM allocations WHERE case_id = ${snapshot.caseId} AND auditor_id = ${ctx.person.id}
    AND active AND framework_key = ${snapshot.frameworkKey} AND framework_version = ${snapshot.frameworkVersion}`;
  if ((await tx.query(allocated.text, allocated.values)).length === 0)
    return reject(mutationId, 'This case is not allocated to you for audit.');
  const checked = await checkSnapshot(tx, ctx, mutationId, snapshot, {});
  if (!checked.ok) return checked.decision;

  const change = auditChange(snapshot, baseRev, checked.overallGrade);
  const insert = auditInsert(ctx, change);
  const [saved] = await tx.query<AuditRow>(insert.text, insert.values);
  if (!saved) {
    const read = sql`SELECT ${rawSql(AUDIT_COLUMNS_SQL)} FROM ${rawSql(AUDIT_FROM_SQL)} WHERE a.id = ${snapshot.id}`;
    const [winner] = await tx.query<AuditRow>(read.text, read.values);
    if (!winner || !(await isAuditorOf(tx, snapshot.id, ctx.person.id)))
      return reject(mutationId, 'This audit belongs to another auditor.');
    return answer({ mutationId, status: 'conflict', server: auditDocument(winner) });
  }
  await onAuditWritten(tx, { auditId: snapshot.id, actorId: ctx.person.id, before: null });
  return {
    result: { mutationId, status: 'applied', rev: change.rev, doc: auditDocument(saved) },
    writes: revisionWrites(ctx, mutationId, change),
  };
}
