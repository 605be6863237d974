/**
 * Joint audits (docs/JOINT-AUDITS.md): several auditors, perhaps of several agencies, allocated
 * to one case in one round write ONE audit. Its id is the first (lead) allocation's id, as every
 * audit's is; each joining allocation points at it (`allocations.audit_id`, migration 021) and
 * is sent to its auditor's devices under that id, so every tablet edits the same document and
 * sync's answer-by-answer merge keeps what each typed. Each answer says who gave it (`by`,
 * shared/framework/answer-schema.ts).
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import type { AuditorRow } from './allocation-store';

/** SQL: the audit an allocation writes (its own id, or the joint audit it joined). */
export const auditIdOfSql = (allocation: string): string =>
  `coalesce(${allocation}.audit_id, ${allocation}.id)`;

/**
 * SQL: true when the person (a parameter placeholder) is one of the audit's auditors: its lead,
 * or someone with an active allocation that joined it.
 */
export const isAuditorOfSql = (audit: string, person: string): string =>
  `(${audit}.auditor_id = ${person} OR EXISTS (SELECT 1 FROM allocations j
     WHERE j.audit_id = ${audit}.id AND j.auditor_id = ${person} AND j.active))`;

/** SQL: the ids of everyone allocated to the audit as a joint auditor (active or finished). */
export const jointAuditorIdsSql = (audit: string): string =>
  `coalesce((SELECT array_agg(j.auditor_id::text ORDER BY j.created_at) FROM allocations j
     WHERE j.audit_id = ${audit}.id AND (j.active OR j.finished)), '{}')`;

/** SQL: true when the allocation's audit has more than one auditor. */
export const isJointSql = (allocation: string): string =>
  `(${allocation}.audit_id IS NOT NULL OR EXISTS (SELECT 1 FROM allocations j
     WHERE j.audit_id = ${allocation}.id AND (j.active OR j.finished)))`;

interface LeadRow {
  id: string;
  case_id: string;
  reference: string;
  case_team_id: string;
  case_service_id: string;
  auditor_id: string;
  round_id: string | null;
  round_name: string | null;
  exclude_own_team: boolean | null;
  framework_key: string;
  framework_version: number;
  due_date: string | null;
  active: boolean;
  audit_status: string | null;
  stage: 'self' | 'independent';
}

/**
 * Allocates one more auditor to the audit of `allocationId` (the lead's allocation, or one that
 * already joined it). Refused when the allocation is withdrawn, its audit already submitted, the
 * auditor already holds the case, or the round keeps auditors off their own team's cases.
 * @returns the new allocation's id and the joint audit's id.
 */
export async function joinAudit(
  tx: Queryable,
  allocationId: string,
  auditor: AuditorRow,
  allocatedBy: string,
): Promise<{ id: string; auditId: string }> {
  const [given] = await tx.query<{ audit_id: string }>(
    `SELECT ${auditIdOfSql('x')} AS audit_id FROM allocations x WHERE x.id = $1`,
    [allocationId],
  );
  if (!given) throw appError('not_found', 'There is no allocation with that id.');
  const [lead] = await tx.query<LeadRow>(
    `SELECT x.id, x.case_id, c.reference, c.team_id AS case_team_id, t.service_id AS case_service_id, x.auditor_id,
            x.round_id, x.round_name, r.exclude_own_team, x.framework_key, x.framework_version,
            x.due_date::text AS due_date, x.active, a.status AS audit_status, x.stage
     FROM allocations x JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
       LEFT JOIN rounds r ON r.id = x.round_id LEFT JOIN audits a ON a.id = x.id
     WHERE x.id = $1 FOR UPDATE OF x`,
    [given.audit_id],
  );
  if (!lead || !lead.active)
    throw appError('conflict', 'This allocation was withdrawn, so nobody can join its audit.');
  if (lead.audit_status === 'submitted')
    throw appError(
      'conflict',
      `The audit of case ${lead.reference} was already submitted, so nobody can join it.`,
    );
  if (auditor.service_id !== lead.case_service_id)
    throw appError('validation_failed', 'Choose an auditor.', [
      { path: 'auditorId', message: 'That person is not an active auditor of your service.' },
    ]);
  const [holds] = await tx.query(
    'SELECT id FROM allocations WHERE case_id = $1 AND auditor_id = $2 AND active',
    [lead.case_id, auditor.id],
  );
  if (holds || lead.auditor_id === auditor.id)
    throw appError('conflict', `Case ${lead.reference} is already allocated to ${auditor.name}.`);
  if (lead.stage === 'independent' && lead.exclude_own_team && auditor.team_id === lead.case_team_id)
    throw appError(
      'validation_failed',
      `Case ${lead.reference} is in ${auditor.name}'s own team, and this round does not allow that.`,
      [{ path: 'auditorId', message: "This round never allocates an auditor their own team's case." }],
    );
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, round_name, due_date, round_id,
       allocated_by, audit_id, stage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      lead.case_id,
      auditor.id,
      lead.framework_key,
      lead.framework_version,
      lead.round_name,
      lead.due_date,
      lead.round_id,
      allocatedBy,
      lead.id,
      // The stage is the audit's: joining a self-audit makes one more self-auditor of it.
      lead.stage,
    ],
  );
  // Re-stamped (the triggers take this transaction's id), so every device pulls them again: the
  // lead's learns the audit is joint, the joiner's gets the audit as it stands even when its
  // checkpoint is past the audit's last change.
  await tx.query('UPDATE allocations SET updated_at = now() WHERE id = $1', [lead.id]);
  await tx.query('UPDATE audits SET updated_at = updated_at WHERE id = $1', [lead.id]);
  return { id, auditId: lead.id };
}
