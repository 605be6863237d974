/**
 * What an applied `audit.put` makes of the audit, worked out once from the snapshot: its new
 * revision, and the columns written from it (audit-writes.ts, edit-writes.ts).
 */
import type { AuditSnapshot } from '../../../shared/sync/audit-document';

export interface AuditChange {
  snapshot: AuditSnapshot;
  rev: number;
  /** Kept only on a submission. */
  completedAt: string | null;
  overallGrade: number | null;
  answersJson: string;
}

export function auditChange(
  snapshot: AuditSnapshot,
  baseRev: number,
  overallGrade: number | null,
): AuditChange {
  return {
    snapshot,
    rev: baseRev + 1,
    completedAt: snapshot.status === 'submitted' ? snapshot.completedAt : null,
    overallGrade,
    answersJson: JSON.stringify(snapshot.answers),
  };
}
