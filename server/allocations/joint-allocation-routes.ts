/**
 * POST /api/allocations/:allocationId/joint — a QA lead allocates one more auditor (a health
 * colleague, a police or education guest) to the audit of an allocated case: a joint audit, one
 * document that every auditor of it edits (joint-audits.ts). Logged; reaches each auditor's
 * devices on their next sync.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import {
  jointAllocationSchema,
  type JointAllocationResult,
} from '../../shared/rounds/joint-allocation-schemas';
import { requireAuditor } from './allocation-store';
import { joinAudit } from './joint-audits';

export function jointAllocationRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().post('/:allocationId/joint', async (c) => {
    const person = requirePerson(c);
    const allocationId = idParam(c, 'allocationId', 'allocation');
    const body = await parseBody(c, jointAllocationSchema);
    const result = await deps.db.transaction(async (tx) => {
      const auditor = await requireAuditor(tx, dataScope(c), body.auditorId);
      const joined = await joinAudit(tx, allocationId, auditor, person.id);
      await logChange(
        c,
        deps,
        tx,
        'allocation',
        joined.id,
        { auditId: joined.auditId, auditorId: auditor.id },
        'allocation.joined',
      );
      return joined;
    });
    const answer: JointAllocationResult = { allocationId: result.id, auditId: result.auditId };
    return c.json(answer, 201);
  });
}
