/**
 * The audit a push writes, read and locked (FOR UPDATE) once at the start of its transaction,
 * with what the derived data needs of it (onAuditWritten's `before`) and whether the person
 * pushing is one of its auditors. The transaction's now() comes with it: the updated_at an
 * edit will write, so the new document can be worked out instead of read back. The unlocked
 * push reads the same rows without a lock (`readAudits`).
 */
import type { Queryable } from '../../db/database';
import { rawSql, sql, uuidList, type Sql } from '../../db/sql';
import { AUDIT_COLUMNS_SQL, AUDIT_FROM_SQL, type AuditRow } from '../../audits/audit-row';
import { isAuditorOfSql } from '../../allocations/joint-audits';

export interface LockedAudit extends AuditRow {
  overall_grade: number | null;
  team_id: string;
  case_type: string;
  kind: string;
  moderated_grades: unknown;
  /** Never changes once the audit is written (take-stage-from-allocation.ts). */
  stage: string;
  /**
   * The transaction that last wrote the row (its `xid`, stamped by a trigger on every insert
   * and update): a row still holding it is the row as read.
   */
  row_xid: string;
  tx_now: string;
  /** Its lead auditor's, or a joint auditor's (docs/JOINT-AUDITS.md). */
  mine: boolean;
}

/**
 * `me.id`: the person pushing, joined in so the shared joint-audit rule can name them. As a
 * subquery's value, which no plan can see, so that every plan of the statement costs the same
 * and PostgreSQL keeps one (server/db/sql.ts, uuidList): a value it could see would let each
 * run's own plan look cheaper, and the statement would be planned again on every push.
 */
const me = (personId: string) => sql`(SELECT (SELECT ${personId}::uuid) AS id) me`;

/** Audit rows, locked (FOR UPDATE) in a transaction or read as they are (`lock: false`). */
const auditQuery = (personId: string, where: Sql, lock: boolean) =>
  sql`SELECT ${rawSql(AUDIT_COLUMNS_SQL)}, a.overall_grade, a.team_id, a.case_type, a.kind,
      a.moderated_grades, a.stage, a.xid::text AS row_xid, now() AS tx_now,
      ${rawSql(isAuditorOfSql('a', 'me.id'))} AS mine
    FROM ${rawSql(AUDIT_FROM_SQL)} CROSS JOIN ${me(personId)}
    WHERE ${where}${rawSql(lock ? ' FOR UPDATE OF a' : '')}`;

export async function lockAudit(
  tx: Queryable,
  auditId: string,
  personId: string,
): Promise<LockedAudit | null> {
  const query = auditQuery(personId, sql`a.id = ${auditId}`, true);
  const [row] = await tx.query<LockedAudit>(query.text, query.values, { prepare: true });
  return row ?? null;
}

/**
 * The same rows read without a lock, outside any transaction (the unlocked push: put-audit.ts),
 * several in one statement, by their ids in lower case. What is decided from one is written only if its `row_xid` is
 * still the one read.
 */
export async function readAudits(
  db: Queryable,
  auditIds: readonly string[],
  personId: string,
): Promise<Map<string, LockedAudit>> {
  const query = auditQuery(personId, sql`a.id = ANY (${uuidList(auditIds)})`, false);
  const rows = await db.query<LockedAudit>(query.text, query.values, { prepare: true });
  return new Map(rows.map((row) => [row.id.toLowerCase(), row]));
}

/** Whether the person is one of the audit's auditors (read again after losing a race to create it). */
export async function isAuditorOf(tx: Queryable, auditId: string, personId: string): Promise<boolean> {
  const query = sql`SELECT 1 FROM audits a CROSS JOIN ${me(personId)}
    WHERE a.id = ${auditId} AND ${rawSql(isAuditorOfSql('a', 'me.id'))}`;
  return (await tx.query(query.text, query.values)).length > 0;
}
