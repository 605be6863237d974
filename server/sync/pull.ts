/**
 * The pull (DESIGN.md, "Sync contract"): every change the person may see after their
 * checkpoint, in commit-safe order, paged. Read in one REPEATABLE READ READ ONLY
 * transaction; rows are taken only below the snapshot's xmin horizon, so a transaction that
 * commits late (it began before others that committed first) can never land behind the
 * cursor. `pg_current_xact_id()` is never called here: a read-only pull takes no xid.
 */
import type { Database, Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { PROTOCOL_VERSION, type AllocationDocument, type PullResponse } from '../../shared/sync/protocol';
import { auditIdOfSql, isAuditorOfSql, isJointSql } from '../allocations/joint-audits';
import { AUDIT_COLUMNS_SQL, AUDIT_FROM_SQL, auditDocument, type AuditRow } from '../audits/audit-row';
import { rawSql, sql, type Sql } from '../db/sql';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  startCheckpoint,
  type Checkpoint,
  type Cursor,
} from './checkpoint';

export async function serverEpoch(db: Queryable): Promise<string> {
  const [row] = await db.query<{ epoch: string }>('SELECT epoch::text AS epoch FROM server_epoch');
  return row?.epoch ?? '';
}

/** The rows of `alias` past the cursor (none left out from the start). */
const after = (alias: string, cursor: Cursor): Sql =>
  cursor
    ? sql`AND (${rawSql(alias)}.xid, ${rawSql(alias)}.id) > (${cursor[0]}::text::xid8, ${cursor[1]}::uuid)`
    : rawSql('');

interface AllocationRow {
  /** The audit the allocation writes: its own id, or the joint audit's (joint-audits.ts). */
  id: string;
  allocation_id: string;
  joint: boolean;
  case_id: string;
  reference: string;
  team_id: string;
  team_name: string;
  case_type: string;
  case_type_label: string;
  allocated_worker: string;
  framework_key: string;
  framework_version: number;
  round_name: string | null;
  due_date: string | null;
  active: boolean;
  xid: string;
}

/**
 * `held`: audits the device says it holds, each at a revision (what its last push brought
 * it). One at exactly that revision is left out of the page, though the checkpoint moves past
 * it as if sent: the device would ignore it (it keeps a copy at or above that revision), and
 * any later change, another device's among them, has a newer revision and is sent. Never
 * applied from the start or after a reset, where the device's revisions may be another
 * database's.
 */
export async function pull(
  db: Database,
  person: Person,
  checkpointText: string | undefined,
  limit: number,
  held: ReadonlyMap<string, number> = new Map(),
): Promise<PullResponse> {
  return db.transaction(
    async (tx) => {
      const epoch = await serverEpoch(tx);
      const given = decodeCheckpoint(checkpointText);
      const reset = given !== null && given.epoch !== epoch;
      const from: Checkpoint = given && !reset ? given : startCheckpoint(epoch);

      const auditQuery = sql`SELECT ${rawSql(AUDIT_COLUMNS_SQL)}, a.xid::text AS xid
         FROM ${rawSql(AUDIT_FROM_SQL)} CROSS JOIN (SELECT ${person.id}::uuid AS id) me
         WHERE ${rawSql(isAuditorOfSql('a', 'me.id'))} AND a.xid < pg_snapshot_xmin(pg_current_snapshot()) ${after('a', from.audits)}
         ORDER BY a.xid, a.id LIMIT ${limit}`;
      const audits = await tx.query<AuditRow & { xid: string }>(auditQuery.text, auditQuery.values);
      const allocationQuery = sql`SELECT ${rawSql(auditIdOfSql('x'))} AS id, x.id AS allocation_id, ${rawSql(isJointSql('x'))} AS joint, x.case_id, c.reference, c.team_id, t.name AS team_name, c.case_type, ct.label AS case_type_label,
                c.allocated_worker, x.framework_key, x.framework_version, x.round_name, x.due_date::text AS due_date,
                x.active, x.xid::text AS xid
         FROM allocations x JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
           JOIN case_types ct ON ct.key = c.case_type
         WHERE x.auditor_id = ${person.id} AND x.xid < pg_snapshot_xmin(pg_current_snapshot()) ${after('x', from.allocations)}
         ORDER BY x.xid, x.id LIMIT ${limit}`;
      const allocations = await tx.query<AllocationRow>(allocationQuery.text, allocationQuery.values);
      // The person's cases as these pages will have delivered them all (the same horizon).
      const [total] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM allocations x
         WHERE x.auditor_id = $1 AND x.active AND x.xid < pg_snapshot_xmin(pg_current_snapshot())`,
        [person.id],
      );
      const skip = given !== null && !reset;
      const sent = skip ? audits.filter((row) => held.get(row.id) !== row.rev) : audits;
      const lastAudit = audits.at(-1);
      const lastAllocation = allocations.at(-1);
      const next: Checkpoint = {
        v: 1,
        epoch,
        audits: lastAudit ? [lastAudit.xid, lastAudit.id] : from.audits,
        allocations: lastAllocation ? [lastAllocation.xid, lastAllocation.allocation_id] : from.allocations,
      };
      return {
        protocol: PROTOCOL_VERSION,
        reset,
        audits: sent.map(auditDocument),
        allocations: allocations.map(allocationDocument),
        checkpoint: encodeCheckpoint(next),
        hasMore: audits.length === limit || allocations.length === limit,
        allocationsTotal: total?.n ?? 0,
      };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

function allocationDocument(row: AllocationRow): AllocationDocument {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    teamId: row.team_id,
    teamName: row.team_name,
    caseType: row.case_type,
    caseTypeLabel: row.case_type_label,
    allocatedWorker: row.allocated_worker,
    frameworkKey: row.framework_key,
    frameworkVersion: row.framework_version,
    roundName: row.round_name,
    dueDate: row.due_date,
    active: row.active,
    joint: row.joint,
  };
}
