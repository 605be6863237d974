/**
 * Bulk allocation: the round's cases that nobody holds yet, shared among the chosen auditors
 * as evenly as the round's own-team rule allows (shared/rounds/balance-assignments.ts),
 * counting what each already holds in the round. Previewed first; the same seed gives the
 * same allocation when it is then made.
 */
import type { Queryable } from '../db/database';
import type { DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import { balanceAssignments } from '../../shared/rounds/balance-assignments';
import type { BulkAllocation, BulkAllocationResult } from '../../shared/rounds/allocation-schemas';
import type { Round } from '../../shared/rounds/round-schemas';
import { auditors, createAllocation, roundTool } from './allocation-store';

export async function bulkAllocate(
  tx: Queryable,
  round: Round,
  request: BulkAllocation,
  allocatedBy: string,
  scope: DataScope,
): Promise<BulkAllocationResult> {
  const chosen = await auditors(tx, scope, request.auditorIds);
  if (chosen.length !== new Set(request.auditorIds).size)
    throw appError('validation_failed', 'Choose auditors from the list.', [
      {
        path: 'auditorIds',
        message: 'One or more of these people is not an active auditor of your service.',
      },
    ]);
  const tool = roundTool(round, request.toolKey);
  const open = await tx.query<{ id: string; reference: string; team_id: string }>(
    `SELECT c.id, c.reference, c.team_id FROM round_cases rc JOIN cases c ON c.id = rc.case_id
     WHERE rc.round_id = $1 AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.round_id = rc.round_id AND x.case_id = rc.case_id
         AND (x.active OR x.finished) AND x.stage = 'independent')
       AND ($2::uuid[] IS NULL OR c.id = ANY ($2::uuid[]))
     ORDER BY rc.position`,
    [round.id, request.caseIds ?? null],
  );
  if (request.caseIds) {
    const inRound = await tx.query<{ case_id: string }>(
      'SELECT case_id FROM round_cases WHERE round_id = $1 AND case_id = ANY ($2::uuid[])',
      [round.id, request.caseIds],
    );
    if (inRound.length !== new Set(request.caseIds).size)
      throw appError('validation_failed', "Choose cases from the round's sample.", [
        { path: 'caseIds', message: 'One or more of these cases is not one of this round’s cases.' },
      ]);
  }
  const held = await tx.query<{ auditor_id: string; n: number }>(
    `SELECT auditor_id, count(*) AS n FROM allocations WHERE round_id = $1 AND (active OR finished) AND stage = 'independent'
     GROUP BY auditor_id`,
    [round.id],
  );
  const before = new Map(held.map((h) => [h.auditor_id, Number(h.n)]));
  // A case an auditor already holds elsewhere (another round, a re-audit) is not theirs to take again.
  const elsewhere = await tx.query<{ case_id: string; auditor_id: string }>(
    'SELECT case_id, auditor_id FROM allocations WHERE active AND case_id = ANY ($1::uuid[]) AND auditor_id = ANY ($2::uuid[])',
    [open.map((c) => c.id), chosen.map((a) => a.id)],
  );
  const taken = new Set(elsewhere.map((e) => `${e.case_id}|${e.auditor_id}`));
  const { assignments, unassigned } = balanceAssignments(
    open.map((c) => ({ id: c.id, teamId: c.team_id })),
    chosen.map((a) => ({ id: a.id, teamId: a.team_id })),
    (c, a) => (!round.excludeOwnTeam || c.teamId !== a.teamId) && !taken.has(`${c.id}|${a.id}`),
    request.seed,
    before,
  );
  const byId = new Map(chosen.map((a) => [a.id, a]));
  const allocated: BulkAllocationResult['allocated'] = [];
  for (const c of open) {
    const auditorId = assignments.get(c.id);
    const auditor = auditorId ? byId.get(auditorId) : undefined;
    if (!auditor) continue;
    allocated.push({ caseId: c.id, reference: c.reference, auditorId: auditor.id });
    if (!request.preview)
      await createAllocation(tx, {
        round,
        ...tool,
        caseId: c.id,
        auditor,
        dueDate: request.dueDate ?? round.dueDate,
        allocatedBy,
      });
  }
  const references = new Map(open.map((c) => [c.id, c.reference]));
  return {
    preview: request.preview,
    allocated,
    unassigned: unassigned.map((caseId) => ({ caseId, reference: references.get(caseId) ?? '' })),
    perAuditor: chosen.map((a) => {
      const was = before.get(a.id) ?? 0;
      return {
        auditorId: a.id,
        name: a.name,
        before: was,
        after: was + allocated.filter((x) => x.auditorId === a.id).length,
      };
    }),
  };
}
