/**
 * Reallocation: the case moves to another auditor and the work already done moves with it.
 *
 * On a device an audit's id is its allocation's id, so a draft cannot simply change hands.
 * The old allocation is withdrawn (the first auditor's device drops it) and a new one is made
 * for the new auditor; if the first auditor's draft has synced, it is copied into a new draft
 * for the new auditor (same answers, revision 1, recorded in the audit's history as a copy),
 * so they carry on where the first stopped. The first auditor's draft is kept unchanged, with
 * them, on the record. Work that never left the first auditor's device cannot be copied: it
 * still syncs to their own (kept) draft, and the round's case list shows whose draft that is.
 * A case whose audit was submitted is not reallocated (schedule a re-audit instead).
 *
 * Joint audits (docs/JOINT-AUDITS.md): the further auditors follow the case's live audit.
 * Reallocating the lead withdraws each further auditor's allocation (their devices drop the old
 * audit id) and allocates them afresh to the new lead's audit, which holds the copied draft; the
 * new lead, if they were one of them, simply stops being a further auditor. Reallocating a
 * further auditor moves only their place on the same audit: nothing to copy.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { onAuditWritten } from '../audits/on-audit-written';
import { recordEvent } from '../audit-log/record-event';
import type { Round } from '../../shared/rounds/round-schemas';
import {
  createAllocation,
  requireAllocation,
  withdrawJointAuditors,
  type AuditorRow,
} from './allocation-store';
import { joinAudit } from './joint-audits';

export async function reallocate(
  tx: Queryable,
  allocationId: string,
  round: Round | null,
  auditor: AuditorRow,
  dueDate: string | null,
  actor: { id: string; ip: string; userAgent: string },
): Promise<{ allocationId: string; copiedDraft: boolean; jointAuditors: string[] }> {
  const old = await requireAllocation(tx, allocationId, true);
  if (!old.active) throw appError('conflict', 'This allocation was withdrawn; allocate the case afresh.');
  if (old.auditor_id === auditor.id)
    throw appError('conflict', 'The case is already allocated to this auditor.');
  if (old.audit_status === 'submitted' && !old.audit_deleted)
    throw appError(
      'conflict',
      'This case was already audited and submitted. Schedule a re-audit instead of reallocating it.',
    );
  await tx.query('UPDATE allocations SET active = false, updated_at = now() WHERE id = $1', [old.id]);
  if (old.audit_id !== null) {
    // A further auditor of a joint audit: the newcomer takes their place on the same audit.
    const joined = await joinAudit(tx, old.audit_id, auditor, actor.id);
    return { allocationId: joined.id, copiedDraft: false, jointAuditors: [] };
  }
  const joint = await withdrawJointAuditors(tx, old.id);
  const id = await createAllocation(tx, {
    round,
    frameworkKey: old.framework_key,
    frameworkVersion: old.framework_version,
    caseId: old.case_id,
    auditor,
    dueDate: dueDate ?? old.due_date,
    allocatedBy: actor.id,
    reallocatedFrom: old.id,
    stage: old.stage,
  });
  const jointAuditors = await rejoin(tx, id, joint, auditor, actor.id);
  if (old.audit_status !== 'draft' || old.audit_deleted)
    return { allocationId: id, copiedDraft: false, jointAuditors };

  await tx.query(
    `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status, answers,
       rev, updated_by)
     SELECT $1, a.case_id, a.team_id, a.case_type, a.framework_key, a.framework_version, $2, a.kind, 'draft', a.answers, 1, $3
     FROM audits a WHERE a.id = $4`,
    [id, auditor.id, actor.id, old.id],
  );
  await tx.query(
    `INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at, changed_by)
     SELECT $1, 1, 'draft', answers, NULL, $2 FROM audits WHERE id = $1`,
    [id, actor.id],
  );
  await onAuditWritten(tx, { auditId: id, actorId: actor.id, before: null });
  await recordEvent(tx, {
    actorId: actor.id,
    action: 'audit.reallocated',
    entityType: 'audit',
    entityId: id,
    detail: { copiedFrom: old.id, fromAuditor: old.auditor_id, toAuditor: auditor.id },
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
  return { allocationId: id, copiedDraft: true, jointAuditors };
}

/** Allocates the lead's former further auditors to the new lead's audit; returns their names. */
async function rejoin(
  tx: Queryable,
  leadId: string,
  joint: readonly { auditor_id: string; name: string }[],
  newLead: AuditorRow,
  allocatedBy: string,
): Promise<string[]> {
  const names: string[] = [];
  for (const j of joint) {
    if (j.auditor_id === newLead.id) continue;
    const [row] = await tx.query<AuditorRow>(
      'SELECT id, display_name AS name, team_id, service_id FROM people WHERE id = $1',
      [j.auditor_id],
    );
    if (!row) continue;
    await joinAudit(tx, leadId, row, allocatedBy);
    names.push(j.name);
  }
  return names;
}
