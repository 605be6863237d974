/**
 * /api/reaudits — re-auditing cases graded Inadequate. GET lists the Inadequate audits (by
 * the grade that counts, so a moderated grade decides) that have no re-audit yet, and the
 * re-audits scheduled with the change in grade once they are submitted. POST schedules one:
 * an allocation that points at the audit it repeats, optionally within a round.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import { reauditRequestSchema } from '../../shared/rounds/reaudit-schemas';
import { requireRound } from '../rounds/round-store';
import { createAllocation, requireAuditor } from './allocation-store';
import {
  isReauditScheduled,
  latestPublishedVersion,
  lockAuditToReaudit,
  reauditCandidates,
  scheduledReaudits,
  withdrawFinishedAllocation,
} from './reaudit-store';

export function reauditRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const scope = dataScope(c);
      const candidates = await reauditCandidates(deps.db, scope);
      const scheduled = await scheduledReaudits(deps.db, scope);
      await logView(c, deps, 'audit-list', '', {
        view: 'reaudits',
        ids: candidates.map((r) => r.originalAuditId),
      });
      return c.json({ candidates, scheduled });
    })
    .post('/:auditId', async (c) => {
      const person = requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      const body = await parseBody(c, reauditRequestSchema);
      const allocationId = await deps.db.transaction(async (tx) => {
        const audit = await lockAuditToReaudit(tx, auditId);
        if (!audit) throw appError('not_found', 'There is no audit with that id.');
        if (audit.status !== 'submitted' || audit.overall_grade !== 3)
          throw appError(
            'conflict',
            'Only a submitted audit graded Inadequate can be scheduled for re-audit.',
          );
        if (await isReauditScheduled(tx, auditId))
          throw appError('conflict', 'A re-audit of this audit is already scheduled.');
        const round = body.roundId ? await requireRound(tx, body.roundId, dataScope(c)) : null;
        const latest = await latestPublishedVersion(tx, audit.framework_key);
        const auditor = await requireAuditor(tx, dataScope(c), body.auditorId);
        await withdrawFinishedAllocation(tx, audit.case_id, auditor.id);
        const id = await createAllocation(tx, {
          round,
          frameworkKey: round?.frameworkKey ?? audit.framework_key,
          frameworkVersion: round?.frameworkVersion ?? latest ?? 1,
          caseId: audit.case_id,
          auditor,
          dueDate: body.dueDate ?? round?.dueDate ?? null,
          allocatedBy: person.id,
          reauditOf: auditId,
        });
        await logChange(
          c,
          deps,
          tx,
          'audit',
          auditId,
          { reauditAllocation: id, auditorId: auditor.id },
          'audit.reaudit-scheduled',
        );
        return id;
      });
      return c.json({ allocationId }, 201);
    });
}
