/**
 * An audit written under a round's allocation is of the round's kind (practice week, monthly
 * round or thematic audit): metrics filter by it. The sync push labels every audit made under
 * a named round "practice_week"; this corrects the kind from the round itself, in the same
 * transaction, when the audit is first written (its id is its allocation's id).
 */
import type { Queryable } from '../db/database';
import type { AuditWrite } from '../audits/audit-write';

export async function takeKindFromRound(tx: Queryable, write: AuditWrite): Promise<void> {
  if (write.before !== null) return;
  await tx.query(
    `UPDATE audits a SET kind = r.kind FROM allocations x JOIN rounds r ON r.id = x.round_id
     WHERE a.id = $1 AND x.id = a.id AND a.kind <> r.kind`,
    [write.auditId],
  );
}
