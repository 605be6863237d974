/**
 * The shape of one write of an audit row, as every part that keeps derived data in step with
 * the audits receives it (server/audits/on-audit-written.ts calls them in turn). A file of its
 * own so those parts depend on the shape, not on the caller that runs them.
 */
import type { CountedAudit } from '../aggregates/audit-contributions';

/** An audit row's fields that derived data depends on. */
export type AuditState = CountedAudit;

/** The row after the write: what it counts for, and whose case it is (for an alert). */
export interface AuditStateAfter extends AuditState {
  caseId: string;
  auditorId: string;
}

export interface AuditWrite {
  auditId: string;
  /** Who made the change. */
  actorId: string;
  /**
   * The row as it was before this write; null when the audit was just created. The
   * aggregates take away exactly what this row contributed, so every field must be the
   * stored one (the grade that counts, the answers as they were).
   */
  before: AuditState | null;
  /**
   * The row as this transaction leaves it, when the caller knows it exactly (the sync push
   * does, and writes it in the same transaction): saves reading it back. Omitted, it is read.
   */
  after?: AuditStateAfter;
  /**
   * The audit's stage, when the caller read the row before writing it (the sync push's edit
   * does): saves reading it again. Never for a new audit (its stage comes from its allocation).
   */
  stage?: string;
}
