/**
 * An audit's history as the server keeps it: every accepted revision (audit_revisions) and
 * every refused snapshot (sync_mutations), each with who sent it from which device. The audit's
 * history and versions pages read the same rows.
 */
import type { Queryable } from '../db/database';
import { sameAnswer } from '../../shared/sync/merge-answers';
import type { Answers } from '../../shared/framework/answer-schema';

export interface RevisionRow {
  rev: number;
  status: string;
  answers: Answers;
  at: string;
  by: string;
  device_id: string | null;
}

export interface RefusedRow {
  mutation_id: string;
  outcome: 'conflict' | 'rejected';
  snapshot: { answers?: Answers; status?: string } | null;
  at: string;
  by: string;
  device_id: string;
}

/** Every accepted revision of the audit, oldest first. */
export async function auditRevisions(db: Queryable, auditId: string): Promise<RevisionRow[]> {
  return db.query<RevisionRow>(
    `SELECT r.rev, r.status, r.answers, r.changed_at AS at, p.display_name AS by, r.device_id::text AS device_id
     FROM audit_revisions r JOIN people p ON p.id = r.changed_by
     WHERE r.audit_id = $1 ORDER BY r.rev`,
    [auditId],
  );
}

/** Every snapshot of the audit the server refused (conflict or rejected), oldest first. */
export async function refusedSnapshots(db: Queryable, auditId: string): Promise<RefusedRow[]> {
  return db.query<RefusedRow>(
    `SELECT m.mutation_id::text AS mutation_id, m.outcome, m.snapshot, m.received_at AS at,
            p.display_name AS by, m.device_id::text AS device_id
     FROM sync_mutations m JOIN people p ON p.id = m.person_id
     WHERE m.audit_id = $1 AND m.outcome <> 'applied' AND m.snapshot IS NOT NULL
     ORDER BY m.received_at, m.mutation_id`,
    [auditId],
  );
}

/** The keys of the answers that differ between `before` and `after`, sorted. */
export function changedAnswerKeys(before: Answers, after: Answers): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((key) => !sameAnswer(before[key], after[key]));
}
