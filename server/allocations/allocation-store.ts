/**
 * The SQL behind allocating cases to auditors. Devices pull the allocations table (each row
 * stamped with its transaction id by trigger), so every change here reaches the auditor's
 * tablet on their next sync: a new allocation appears, a withdrawn one (active = false)
 * disappears, a changed due date updates. The audit an auditor writes on a device takes the
 * allocation's id, which is how a round's audits are found.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import type { Round } from '../../shared/rounds/round-schemas';
import { auditIdOfSql } from './joint-audits';

export interface AuditorRow {
  id: string;
  name: string;
  team_id: string | null;
  /** Their service: a case is allocated only to an auditor of the case's service. */
  service_id: string;
}

/** Active people holding the auditor role within the scope (a QA lead's service), among `ids` (all when absent). */
export async function auditors(
  db: Queryable,
  scope: DataScope,
  ids?: readonly string[],
): Promise<AuditorRow[]> {
  const params: unknown[] = [];
  const inReach = inScope(scope, { service: 'service_id' }, params);
  if (ids) params.push(ids);
  return db.query<AuditorRow>(
    `SELECT id, display_name AS name, team_id, service_id FROM people
     WHERE active AND 'auditor' = ANY (roles) AND service_id IS NOT NULL AND ${inReach}
       ${ids ? `AND id = ANY ($${params.length}::uuid[])` : ''} ORDER BY display_name`,
    params,
  );
}

export interface AllocatableRow {
  id: string;
  name: string;
  team_id: string | null;
  team_name: string | null;
  roles: string[];
}

/** Active auditors and moderators within the scope (a QA lead's service), with their team, by name. */
export async function allocatablePeople(db: Queryable, scope: DataScope): Promise<AllocatableRow[]> {
  const params: unknown[] = [];
  const inReach = inScope(scope, { service: 'p.service_id' }, params);
  return db.query<AllocatableRow>(
    `SELECT p.id, p.display_name AS name, p.team_id, t.name AS team_name, p.roles
     FROM people p LEFT JOIN teams t ON t.id = p.team_id
     WHERE p.active AND p.roles && ARRAY['auditor', 'moderator']::text[] AND ${inReach} ORDER BY p.display_name`,
    params,
  );
}

export async function requireAuditor(db: Queryable, scope: DataScope, id: string): Promise<AuditorRow> {
  const [auditor] = await auditors(db, scope, [id]);
  if (!auditor)
    throw appError('validation_failed', 'Choose an auditor.', [
      { path: 'auditorId', message: 'That person is not an active auditor of your service.' },
    ]);
  return auditor;
}

export interface NewAllocation {
  round: Pick<Round, 'id' | 'name' | 'excludeOwnTeam'> | null;
  frameworkKey: string;
  frameworkVersion: number;
  caseId: string;
  auditor: AuditorRow;
  dueDate: string | null;
  allocatedBy: string;
  reallocatedFrom?: string | null;
  reauditOf?: string | null;
  /** 'self': the case's own team's self-audit, which a round may ask for before the independent one. */
  stage?: 'self' | 'independent';
}

/**
 * Which of the round's tools (framework key and version) a case is audited with: the one named,
 * or the round's first.
 */
export function roundTool(
  round: Pick<Round, 'frameworkKey' | 'frameworkVersion' | 'tools'>,
  toolKey: string | undefined,
): { frameworkKey: string; frameworkVersion: number } {
  if (toolKey === undefined)
    return { frameworkKey: round.frameworkKey, frameworkVersion: round.frameworkVersion };
  const tool = round.tools.find((t) => t.key === toolKey);
  if (!tool)
    throw appError('validation_failed', 'Choose one of the round’s tools.', [
      { path: 'toolKey', message: `"${toolKey}" is not one of this round's audit tools.` },
    ]);
  return { frameworkKey: tool.key, frameworkVersion: tool.version };
}

/** Inserts one allocation after checking the rules; answers 409 when the case is already taken. */
export async function createAllocation(tx: Queryable, a: NewAllocation): Promise<string> {
  const [found] = await tx.query<{ team_id: string; reference: string }>(
    'SELECT c.team_id, c.reference FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = $1 AND t.service_id = $2',
    [a.caseId, a.auditor.service_id],
  );
  if (!found)
    throw appError('validation_failed', 'Choose a case.', [
      { path: 'caseId', message: 'There is no such case.' },
    ]);
  const stage = a.stage ?? 'independent';
  if (a.round) {
    // One audit of each stage per case and round: two allocations made at once cannot both pass.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`allocation:${a.round.id}:${a.caseId}`]);
    const [taken] = await tx.query<{ name: string }>(
      `SELECT p.display_name AS name FROM allocations x JOIN people p ON p.id = x.auditor_id
       WHERE x.round_id = $1 AND x.case_id = $2 AND (x.active OR x.finished) AND x.stage = $3
         AND x.audit_id IS NULL -- a joint audit's further auditors hold no case of their own`,
      [a.round.id, a.caseId, stage],
    );
    if (taken)
      throw appError(
        'conflict',
        `Case ${found.reference} is already allocated to ${taken.name}${stage === 'self' ? ' for its self-audit' : ''} in this round.`,
      );
  }
  const [mine] = await tx.query(
    'SELECT id FROM allocations WHERE case_id = $1 AND auditor_id = $2 AND active',
    [a.caseId, a.auditor.id],
  );
  if (mine) throw appError('conflict', `Case ${found.reference} is already allocated to ${a.auditor.name}.`);
  if (stage === 'self' && a.auditor.team_id !== found.team_id)
    throw appError(
      'validation_failed',
      `A self-audit is done by the case's own team, and ${a.auditor.name} is not in case ${found.reference}'s team.`,
      [{ path: 'auditorId', message: "Choose an auditor of the case's own team for its self-audit." }],
    );
  if (stage === 'independent' && a.round?.excludeOwnTeam && a.auditor.team_id === found.team_id)
    throw appError(
      'validation_failed',
      `Case ${found.reference} is in ${a.auditor.name}'s own team, and this round does not allow that.`,
      [{ path: 'auditorId', message: "This round never allocates an auditor their own team's case." }],
    );
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, round_name, due_date, round_id,
       reallocated_from, reaudit_of, allocated_by, stage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      a.caseId,
      a.auditor.id,
      a.frameworkKey,
      a.frameworkVersion,
      a.round?.name ?? null,
      a.dueDate,
      a.round?.id ?? null,
      a.reallocatedFrom ?? null,
      a.reauditOf ?? null,
      a.allocatedBy,
      stage,
    ],
  );
  if (a.round) {
    // A case allocated by hand that the sample did not draw joins the round's cases.
    await tx.query(
      `INSERT INTO round_cases (round_id, case_id, stratum, position)
       SELECT $1, $2, 'Added by hand', coalesce(max(position), -1) + 1 FROM round_cases WHERE round_id = $1
       ON CONFLICT (round_id, case_id) DO NOTHING`,
      [a.round.id, a.caseId],
    );
  }
  return id;
}

export interface AllocationRow {
  id: string;
  case_id: string;
  auditor_id: string;
  round_id: string | null;
  framework_key: string;
  framework_version: number;
  active: boolean;
  due_date: string | null;
  audit_status: string | null;
  audit_deleted: boolean | null;
  stage: 'self' | 'independent';
  /** The joint audit this allocation joined (null for a lead or single auditor). */
  audit_id: string | null;
}

export async function requireAllocation(tx: Queryable, id: string, lock = false): Promise<AllocationRow> {
  const [row] = await tx.query<AllocationRow>(
    `SELECT x.id, x.case_id, x.auditor_id, x.round_id, x.framework_key, x.framework_version, x.active,
            x.due_date::text AS due_date, a.status AS audit_status, a.deleted AS audit_deleted, x.stage, x.audit_id
     FROM allocations x LEFT JOIN audits a ON a.id = ${auditIdOfSql('x')}
     WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
    [id],
  );
  if (!row) throw appError('not_found', 'There is no allocation with that id.');
  return row;
}

/**
 * Withdraws an allocation: devices drop it on their next pull. Any draft already synced is kept.
 * Withdrawing a joint audit's lead withdraws its further auditors with it (the audit they were
 * writing is the lead's, which nobody is allocated any more); withdrawing a further auditor
 * leaves the lead and the others as they are.
 * @returns the names of the further auditors withdrawn with the lead.
 */
export async function withdrawAllocation(tx: Queryable, allocation: AllocationRow): Promise<string[]> {
  if (!allocation.active) throw appError('conflict', 'This allocation was already withdrawn.');
  if (allocation.audit_status === 'submitted' && !allocation.audit_deleted)
    throw appError('conflict', 'This case was already audited and submitted, so its allocation stays.');
  await tx.query('UPDATE allocations SET active = false, updated_at = now() WHERE id = $1', [allocation.id]);
  if (allocation.audit_id !== null) return [];
  const joint = await withdrawJointAuditors(tx, allocation.id);
  return joint.map((j) => j.name);
}

/**
 * Withdraws every active further auditor of the lead allocation's joint audit. NOTE: mutates.
 * @returns who they were, in the order they joined.
 */
export async function withdrawJointAuditors(
  tx: Queryable,
  leadId: string,
): Promise<{ auditor_id: string; name: string }[]> {
  return tx.query<{ auditor_id: string; name: string }>(
    `WITH gone AS (
       UPDATE allocations SET active = false, updated_at = now() WHERE audit_id = $1 AND active
       RETURNING auditor_id, created_at, id)
     SELECT g.auditor_id, p.display_name AS name FROM gone g JOIN people p ON p.id = g.auditor_id
     ORDER BY g.created_at, g.id`,
    [leadId],
  );
}

/** Moves an allocation's due date (the auditor's device takes it on its next sync). */
export async function setAllocationDueDate(tx: Queryable, id: string, dueDate: string | null): Promise<void> {
  await tx.query('UPDATE allocations SET due_date = $2, updated_at = now() WHERE id = $1', [id, dueDate]);
}
