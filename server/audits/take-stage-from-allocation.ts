/**
 * A self-audit (by the case's own team, before the independent audit) is kept beside the
 * independent audit of the same case and compared with it, but never counts in metrics or
 * moderation samples. An audit's stage is its allocation's (its id is its allocation's id),
 * set in the same transaction when the audit is first written; answers whether the audit is a
 * self-audit, so the caller can keep it out of the counts. The stage never changes afterwards,
 * so a self-audit contributed nothing before a write and contributes nothing after it.
 */
import type { Queryable } from '../db/database';
import type { AuditWrite } from './audit-write';

export async function takeStageFromAllocation(tx: Queryable, write: AuditWrite): Promise<boolean> {
  if (write.before === null) {
    const set = await tx.query<{ stage: string }>(
      `UPDATE audits a SET stage = x.stage FROM allocations x
       WHERE a.id = $1 AND x.id = a.id AND a.stage <> x.stage RETURNING a.stage`,
      [write.auditId],
    );
    if (set[0]) return set[0].stage === 'self';
  } else if (write.stage !== undefined) {
    return write.stage === 'self';
  }
  const [row] = await tx.query<{ stage: string }>('SELECT stage FROM audits WHERE id = $1', [write.auditId]);
  return row?.stage === 'self';
}
