/**
 * Good-practice marks on audits: an audit the QA lead holds up as an example, with
 * why; the mark can be removed. The audit route's access rule has placed the audit in the
 * person's service before these run.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import type { GoodPracticeView } from '../../shared/findings/finding-schemas';

/** The audit's mark, or null when it has none. */
export async function goodPracticeOf(db: Queryable, auditId: string): Promise<GoodPracticeView | null> {
  const [row] = await db.query<{
    audit_id: string;
    reason: string;
    marked_by: string | null;
    marked_at: string;
  }>(
    `SELECT g.audit_id, g.reason, p.display_name AS marked_by, g.marked_at
     FROM good_practice_marks g LEFT JOIN people p ON p.id = g.marked_by WHERE g.audit_id = $1`,
    [auditId],
  );
  return row
    ? { auditId: row.audit_id, reason: row.reason, markedBy: row.marked_by ?? '', markedAt: row.marked_at }
    : null;
}

/**
 * Marks a submitted audit as good practice, or changes why.
 * @throws conflict for a draft or deleted audit: only what an auditor submitted is an example.
 */
export async function markGoodPractice(
  tx: Queryable,
  auditId: string,
  personId: string,
  reason: string,
): Promise<GoodPracticeView> {
  const [audit] = await tx.query<{ ok: boolean }>(
    `SELECT status = 'submitted' AND NOT deleted AS ok FROM audits WHERE id = $1`,
    [auditId],
  );
  if (!audit?.ok) throw appError('conflict', 'Only a submitted audit can be marked as good practice.');
  await tx.query(
    `INSERT INTO good_practice_marks (audit_id, reason, marked_by) VALUES ($1, $2, $3)
     ON CONFLICT (audit_id) DO UPDATE SET reason = EXCLUDED.reason, marked_by = EXCLUDED.marked_by, marked_at = now()`,
    [auditId, reason, personId],
  );
  const mark = await goodPracticeOf(tx, auditId);
  if (!mark) throw new Error('the good-practice mark was not saved');
  return mark;
}

/** Removes the audit's mark; true when there was one. */
export async function unmarkGoodPractice(tx: Queryable, auditId: string): Promise<boolean> {
  const removed = await tx.query('DELETE FROM good_practice_marks WHERE audit_id = $1 RETURNING audit_id', [
    auditId,
  ]);
  return removed.length > 0;
}
