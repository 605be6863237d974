/**
 * A round's self-audits: when a round asks for one, each of its cases is first audited by its
 * own team — the practitioner with their team manager — and then independently by an auditor.
 * The self-audit is allocated to the case's practitioner (cases.practitioner_id) when they hold
 * the auditor role (only auditors' devices sync audits), otherwise to the case team's named
 * manager who holds it, otherwise to the team's first auditor by name; the practitioner and the
 * manager complete it together. A team with no auditor at all is listed, never skipped in silence. The self-audit
 * uses the tool the case's independent audit uses (so the two can be compared item by item),
 * or the round's first tool when the case is not allocated yet. Previewed first, like bulk
 * allocation; a case that already has its self-audit is left alone.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import type { Round } from '../../shared/rounds/round-schemas';
import type { SelfAuditAllocationResult } from '../../shared/rounds/allocation-schemas';
import { createAllocation, type AuditorRow } from './allocation-store';

interface OpenCase {
  id: string;
  reference: string;
  team_id: string;
  team_name: string;
  framework_key: string | null;
  framework_version: number | null;
}

export async function allocateSelfAudits(
  tx: Queryable,
  round: Round,
  request: { dueDate: string | null; preview: boolean },
  allocatedBy: string,
): Promise<SelfAuditAllocationResult> {
  if (!round.selfAudit)
    throw appError(
      'conflict',
      'This round does not ask for self-audits: turn them on in its settings first.',
    );
  const open = await tx.query<OpenCase>(
    `SELECT c.id, c.reference, c.team_id, t.name AS team_name, x.framework_key, x.framework_version
     FROM round_cases rc JOIN cases c ON c.id = rc.case_id JOIN teams t ON t.id = c.team_id
       LEFT JOIN allocations x ON x.round_id = rc.round_id AND x.case_id = rc.case_id AND (x.active OR x.finished)
         AND x.stage = 'independent'
     WHERE rc.round_id = $1 AND NOT EXISTS (SELECT 1 FROM allocations s WHERE s.round_id = rc.round_id
         AND s.case_id = rc.case_id AND (s.active OR s.finished) AND s.stage = 'self')
     ORDER BY rc.position`,
    [round.id],
  );
  const teamIds = [...new Set(open.map((c) => c.team_id))];
  // Each team's auditors, its named managers first, then by name.
  const people = await tx.query<AuditorRow & { manager: boolean }>(
    `SELECT p.id, p.display_name AS name, p.team_id, p.service_id,
            EXISTS (SELECT 1 FROM team_managers m WHERE m.team_id = p.team_id AND m.person_id = p.id) AS manager
     FROM people p
     WHERE p.active AND 'auditor' = ANY (p.roles) AND p.service_id IS NOT NULL AND p.team_id = ANY ($1::uuid[])
     ORDER BY manager DESC, p.display_name, p.id`,
    [teamIds],
  );
  const practitioners = await tx.query<AuditorRow & { case_id: string }>(
    `SELECT c.id AS case_id, p.id, p.display_name AS name, p.team_id, p.service_id
     FROM cases c JOIN people p ON p.id = c.practitioner_id AND p.team_id = c.team_id
     WHERE c.id = ANY ($1::uuid[]) AND p.active AND 'auditor' = ANY (p.roles) AND p.service_id IS NOT NULL`,
    [open.map((c) => c.id)],
  );
  const practitionerOf = new Map(practitioners.map((p) => [p.case_id, p]));
  const firstOfTeam = new Map<string, AuditorRow>();
  for (const p of people) if (p.team_id && !firstOfTeam.has(p.team_id)) firstOfTeam.set(p.team_id, p);

  const result: SelfAuditAllocationResult = { preview: request.preview, allocated: [], unassigned: [] };
  for (const c of open) {
    const auditor = practitionerOf.get(c.id) ?? firstOfTeam.get(c.team_id);
    if (!auditor) {
      result.unassigned.push({
        caseId: c.id,
        reference: c.reference,
        reason: `Nobody in ${c.team_name} holds the auditor role, so nobody there can do the self-audit.`,
      });
      continue;
    }
    result.allocated.push({
      caseId: c.id,
      reference: c.reference,
      auditorId: auditor.id,
      auditorName: auditor.name,
    });
    if (!request.preview)
      await createAllocation(tx, {
        round,
        frameworkKey: c.framework_key ?? round.frameworkKey,
        frameworkVersion: c.framework_version ?? round.frameworkVersion,
        caseId: c.id,
        auditor,
        dueDate: request.dueDate ?? round.dueDate,
        allocatedBy,
        stage: 'self',
      });
  }
  return result;
}
