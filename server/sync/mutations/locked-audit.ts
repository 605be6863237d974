/**
 * The audit a push writes, read and locked (FOR UPDATE) once at the start of its transaction,
 * with what the derived data needs of it (onAuditWritten's `before`) and whether the person
 * pushing is one of its auditors. The transaction's now() comes with it: the updated_at an
 * edit will write, so the new document can be worked out instead of read back.
 */
import type { Queryable } from '../../db/database';
import { rawSql, sql } from '../../db/sql';
import { AUDIT_COLUMNS_SQL, AUDIT_FROM_SQL, type AuditRow } from '../../audits/audit-row';
import { isAuditorOfSql } from '../../allocations/joint-audits';

export interface LockedAudit extends AuditRow {
  overall_grade: number | null;
  team_id: string;
  case_type: string;
  kind: string;
  moderated_grades: unknown;
  tx_now: string;
  /** Its lead auditor's, or a joint auditor's (docs/JOINT-AUDITS.md). */
  mine: boolean;
}

/** `me.id`: the person pushing, joined in so the shared joint-audit rule can name them. */
const me = (personId: string) => sql`(SELECT ${personId}::uuid AS id) me`;

export async function lockAudit(
  tx: Queryable,
  auditId: string,
  personId: string,
): Promise<LockedAudit | null> {
  const query = sql`SELECT ${rawSql(AUDIT_COLUMNS_SQL)}, a.overall_grade, a.team_id, a.case_type, a.kind,
      a.moderated_grades, now() AS tx_now, ${rawSql(isAuditorOfSql('a', 'me.id'))} AS mine
    FROM ${rawSql(AUDIT_FROM_SQL)} CROSS JOIN ${me(personId)}
    WHERE a.id = ${auditId} FOR UPDATE OF a`;
  const [row] = await tx.query<LockedAudit>(query.text, query.values, { prepare: true });
  return row ?? null;
}

/** Whether the person is one of the audit's auditors (read again after losing a race to create it). */
export async function isAuditorOf(tx: Queryable, auditId: string, personId: string): Promise<boolean> {
  const query = sql`SELECT 1 FROM audits a CROSS JOIN ${me(personId)}
    WHERE a.id = ${auditId} AND ${rawSql(isAuditorOfSql('a', 'me.id'))}`;
  return (await tx.query(query.text, query.values)).length > 0;
}
