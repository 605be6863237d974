/**
 * The moderators' grades for metric evaluation (shared/metrics/audit-for-metrics.ts,
 * `moderatedAnswers`): for each audit whose moderation is done (agreed or re-graded), the
 * grades the moderator gave, keyed by item key. A returned or pending moderation counts for
 * nothing: the auditor's answers stand until a moderator decides.
 *
 * For whoever builds AuditForMetrics from the audits table:
 *   const moderated = await moderatedAnswersFor(db, auditIds);
 *   audits.map((a) => ({ ...a, moderatedAnswers: moderated.get(a.id) }))
 */
import type { Queryable } from '../db/database';
import type { Answers } from '../../shared/framework/answer-schema';
import { parseAnswers } from './moderation-store';

export async function moderatedAnswersFor(
  db: Queryable,
  auditIds: readonly string[],
): Promise<Map<string, Answers>> {
  if (auditIds.length === 0) return new Map();
  const rows = await db.query<{ audit_id: string; moderated_answers: unknown }>(
    `SELECT audit_id, moderated_answers FROM moderations WHERE audit_id = ANY ($1::uuid[]) AND status IN ('agreed', 'regraded')`,
    [auditIds],
  );
  return new Map(rows.map((r) => [r.audit_id, parseAnswers(r.moderated_answers)]));
}
