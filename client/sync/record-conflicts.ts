/**
 * Keeps each overlapping answer from a merge as a conflict record — both values and who made
 * the other one — until the person chooses. NOTE: must run inside a transaction that
 * includes the conflicts table.
 *
 * An item may conflict again before the person has chosen. When this device's side is the
 * same as in an unresolved record, that record is brought up to date with the other side.
 * When it differs (the person typed new words over the item since), the earlier record stays
 * as it is and the new words get a record of their own: replacing either side's words would
 * lose something typed that nobody chose to discard.
 */
import type { LanternDb } from '../db/lantern-db';
import { sameAnswer, type AnswerConflict } from '../../shared/sync/merge-answers';
import type { AuditDocument } from '../../shared/sync/audit-document';

export async function recordConflicts(
  db: LanternDb,
  auditId: string,
  conflicts: AnswerConflict[],
  theirs: AuditDocument,
): Promise<void> {
  for (const conflict of conflicts) {
    const open = await db.conflicts
      .where('auditId')
      .equals(auditId)
      .filter((c) => c.itemKey === conflict.itemKey)
      .toArray();
    const sameWords = open.find((c) => sameAnswer(c.mine, conflict.mine));
    const id =
      sameWords?.id ??
      (open.length === 0
        ? `${auditId}:${conflict.itemKey}`
        : `${auditId}:${conflict.itemKey}:${crypto.randomUUID()}`);
    await db.conflicts.put({
      ...conflict,
      id,
      auditId,
      theirsBy: theirs.updatedBy,
      theirsAt: theirs.updatedAt,
      createdAt: new Date().toISOString(),
    });
  }
}
