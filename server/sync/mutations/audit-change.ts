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
  /** The answers as JSON, serialised when first asked for (an edit's statement serialises them itself). */
  readonly answersJson: string;
}

export function auditChange(
  snapshot: AuditSnapshot,
  baseRev: number,
  overallGrade: number | null,
): AuditChange {
  let answersJson: string | undefined;
  return {
    snapshot,
    rev: baseRev + 1,
    completedAt: snapshot.status === 'submitted' ? snapshot.completedAt : null,
    overallGrade,
    get answersJson() {
      return (answersJson ??= JSON.stringify(snapshot.answers));
    },
  };
}
