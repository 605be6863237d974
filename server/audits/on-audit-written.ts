/**
 * Everything that must change in the same transaction as an audit: called after every write
 * of an audit row (a sync push, an import, a moderation, a return to the auditor), with the
 * row as it was and as it is now. Keeps derived data (aggregates, alerts) exactly in step
 * with the audits: if this throws, the audit change rolls back too.
 */
import type { Queryable } from '../db/database';
import { updateMetricCounts } from '../aggregates/update-metric-counts';
import { takeKindFromRound } from '../rounds/take-kind-from-round';
import { raiseSafeguardingAlert } from '../alerts/raise-safeguarding-alert';

export interface AuditWrite {
  auditId: string;
  /** Who made the change. */
  actorId: string;
  /**
   * The row as it was before this write; null when the audit was just created. The
   * aggregates take away exactly what this row contributed, so every field must be the
   * stored one (the grade that counts, the answers as they were).
   */
  before: {
    status: string;
    overallGrade: number | null;
    completedAt: string | null;
    teamId: string;
    caseType: string;
    deleted: boolean;
    frameworkKey: string;
    frameworkVersion: number;
    kind: string;
    answers: unknown;
  } | null;
}

export async function onAuditWritten(tx: Queryable, write: AuditWrite): Promise<void> {
  // Derived data registers here (one call per concern).
  await takeKindFromRound(tx, write); // first: the counts below read the audit's kind
  await updateMetricCounts(tx, write);
  await raiseSafeguardingAlert(tx, write);
}
