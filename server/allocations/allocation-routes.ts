/**
 * /api/allocations — allocating a round's cases to auditors: the people to choose from, in
 * bulk (balanced, previewed first), by hand, reallocation (work done moves with the case, see
 * reallocate.ts), withdrawal, and a changed due date. Every change is logged and reaches the
 * auditor's device on its next sync.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import type { Round } from '../../shared/rounds/round-schemas';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, requestOrigin } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import {
  bulkAllocationSchema,
  dueDateChangeSchema,
  handAllocationSchema,
  reallocationSchema,
  selfAuditAllocationSchema,
} from '../../shared/rounds/allocation-schemas';
import { requireRound } from '../rounds/round-store';
import {
  allocatablePeople,
  createAllocation,
  requireAllocation,
  requireAuditor,
  roundTool,
  setAllocationDueDate,
  withdrawAllocation,
  type AllocatableRow,
} from './allocation-store';
import { allocateSelfAudits } from './allocate-self-audits';
import { bulkAllocate } from './bulk-allocate';
import { reallocate } from './reallocate';

/** The round an allocation request names, also described in the API document (server/openapi). */
export const roundRef = z.object({ roundId: z.uuid('Choose a round.') });

/**
 * Allocates across a whole round (in bulk, or its self-audits) in one transaction: a preview
 * only answers; anything else is logged against the round as `action`, with `detail` of what
 * was done.
 * @throws not_found for a round outside the person's scope; whatever `allocate` refuses.
 */
async function allocateAcrossRound<R>(
  c: Context<LanternEnv>,
  deps: AppDeps,
  request: { roundId: string; preview: boolean },
  allocate: (tx: Queryable, round: Round) => Promise<R>,
  action: string,
  detail: (done: R) => Record<string, unknown>,
): Promise<R> {
  return deps.db.transaction(async (tx) => {
    const round = await requireRound(tx, request.roundId, dataScope(c));
    const done = await allocate(tx, round);
    if (!request.preview) await logChange(c, deps, tx, 'round', round.id, detail(done), action);
    return done;
  });
}

export function allocationRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/people', async (c) => {
      // The people of the QA lead's service: a round allocates its service's cases to them.
      const rows = await allocatablePeople(deps.db, dataScope(c));
      const option = (r: AllocatableRow) => ({
        id: r.id,
        name: r.name,
        teamId: r.team_id,
        teamName: r.team_name,
        roles: r.roles,
      });
      return c.json({
        auditors: rows.filter((r) => r.roles.includes('auditor')).map(option),
        moderators: rows.filter((r) => r.roles.includes('moderator')).map(option),
      });
    })
    .post('/bulk', async (c) => {
      const person = requirePerson(c);
      const body = await parseBody(c, bulkAllocationSchema.extend(roundRef.shape));
      const result = await allocateAcrossRound(
        c,
        deps,
        body,
        (tx, round) => bulkAllocate(tx, round, body, person.id, dataScope(c)),
        'round.allocated',
        (done) => ({ allocated: done.allocated.length, auditors: body.auditorIds }),
      );
      return c.json(result);
    })
    .post('/self-audits', async (c) => {
      const person = requirePerson(c);
      const body = await parseBody(c, selfAuditAllocationSchema.extend(roundRef.shape));
      const result = await allocateAcrossRound(
        c,
        deps,
        body,
        (tx, round) => allocateSelfAudits(tx, round, body, person.id),
        'round.self-audits-allocated',
        (done) => ({ allocated: done.allocated.length, unassigned: done.unassigned.length }),
      );
      return c.json(result);
    })
    .post('/', async (c) => {
      const person = requirePerson(c);
      const body = await parseBody(c, handAllocationSchema.extend(roundRef.shape));
      const id = await deps.db.transaction(async (tx) => {
        const round = await requireRound(tx, body.roundId, dataScope(c));
        const auditor = await requireAuditor(tx, dataScope(c), body.auditorId);
        if (body.stage === 'self' && !round.selfAudit)
          throw appError(
            'conflict',
            'This round does not ask for self-audits: turn them on in its settings first.',
            [{ path: 'stage', message: 'The round asks for independent audits only.' }],
          );
        const allocationId = await createAllocation(tx, {
          round,
          ...roundTool(round, body.toolKey),
          caseId: body.caseId,
          auditor,
          dueDate: body.dueDate ?? round.dueDate,
          allocatedBy: person.id,
          stage: body.stage,
        });
        await logChange(
          c,
          deps,
          tx,
          'allocation',
          allocationId,
          { roundId: round.id, caseId: body.caseId, auditorId: auditor.id, stage: body.stage },
          'allocation.created',
        );
        return allocationId;
      });
      return c.json({ allocationId: id }, 201);
    })
    .post('/:allocationId/reallocate', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'allocationId', 'allocation');
      const body = await parseBody(c, reallocationSchema);
      const result = await deps.db.transaction(async (tx) => {
        const old = await requireAllocation(tx, id);
        const round = old.round_id ? await requireRound(tx, old.round_id, dataScope(c)) : null;
        const auditor = await requireAuditor(tx, dataScope(c), body.auditorId);
        const done = await reallocate(tx, id, round, auditor, body.dueDate, {
          id: person.id,
          ...requestOrigin(c, deps),
        });
        await logChange(
          c,
          deps,
          tx,
          'allocation',
          id,
          {
            to: done.allocationId,
            auditorId: auditor.id,
            copiedDraft: done.copiedDraft,
            jointAuditors: done.jointAuditors,
          },
          'allocation.reallocated',
        );
        return done;
      });
      return c.json(result);
    })
    .post('/:allocationId/withdraw', async (c) => {
      const id = idParam(c, 'allocationId', 'allocation');
      const jointWithdrawn = await deps.db.transaction(async (tx) => {
        const names = await withdrawAllocation(tx, await requireAllocation(tx, id, true));
        await logChange(c, deps, tx, 'allocation', id, { jointWithdrawn: names }, 'allocation.withdrawn');
        return names;
      });
      return c.json({ withdrawn: true, jointWithdrawn });
    })
    .put('/:allocationId/due-date', async (c) => {
      const id = idParam(c, 'allocationId', 'allocation');
      const body = await parseBody(c, dueDateChangeSchema);
      await deps.db.transaction(async (tx) => {
        const allocation = await requireAllocation(tx, id, true);
        if (!allocation.active) throw appError('conflict', 'This allocation was withdrawn.');
        await setAllocationDueDate(tx, id, body.dueDate);
        await logChange(
          c,
          deps,
          tx,
          'allocation',
          id,
          { dueDate: body.dueDate },
          'allocation.due-date-changed',
        );
      });
      return c.json({ dueDate: body.dueDate });
    });
}
