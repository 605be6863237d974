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
import { dataScope, inScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import { reauditRequestSchema, type ReauditRow } from '../../shared/rounds/reaudit-schemas';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { requireRound } from '../rounds/round-store';
import { createAllocation, requireAuditor } from './allocation-store';

interface Row {
  allocation_id: string | null;
  original_audit_id: string;
  reference: string;
  team_name: string;
  original_grade: number;
  original_completed_at: string | null;
  auditor_name: string | null;
  due_date: string | null;
  new_grade: number | null;
  new_completed_at: string | null;
}

const toRow = (r: Row): ReauditRow => ({
  allocationId: r.allocation_id,
  originalAuditId: r.original_audit_id,
  reference: r.reference,
  teamName: r.team_name,
  originalGrade: gradeIndexSchema.parse(r.original_grade),
  originalCompletedAt: r.original_completed_at,
  auditorName: r.auditor_name,
  dueDate: r.due_date,
  newGrade: r.new_grade === null ? null : gradeIndexSchema.parse(r.new_grade),
  newCompletedAt: r.new_completed_at,
});

export function reauditRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const scope = dataScope(c);
      const candidateParams: unknown[] = [];
      const candidateReach = inScope(scope, { team: 'a.team_id' }, candidateParams);
      const scheduledParams: unknown[] = [];
      const scheduledReach = inScope(scope, { team: 'c.team_id' }, scheduledParams);
      const candidates = await deps.db.query<Row>(
        `SELECT NULL AS allocation_id, a.id AS original_audit_id, c.reference, t.name AS team_name, a.overall_grade AS original_grade,
                a.completed_at AS original_completed_at, NULL AS auditor_name, NULL AS due_date, NULL AS new_grade, NULL AS new_completed_at
         FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
         WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade = 3
           AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.reaudit_of = a.id) AND ${candidateReach}
         ORDER BY a.completed_at DESC LIMIT 200`,
        candidateParams,
      );
      const scheduled = await deps.db.query<Row>(
        `SELECT x.id AS allocation_id, o.id AS original_audit_id, c.reference, t.name AS team_name, o.overall_grade AS original_grade,
                o.completed_at AS original_completed_at, p.display_name AS auditor_name, x.due_date::text AS due_date,
                CASE WHEN n.status = 'submitted' AND NOT n.deleted THEN n.overall_grade END AS new_grade,
                CASE WHEN n.status = 'submitted' AND NOT n.deleted THEN n.completed_at END AS new_completed_at
         FROM allocations x JOIN audits o ON o.id = x.reaudit_of JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
           JOIN people p ON p.id = x.auditor_id LEFT JOIN audits n ON n.id = x.id
         WHERE (x.active OR x.finished) AND ${scheduledReach} ORDER BY x.created_at DESC`,
        scheduledParams,
      );
      await logView(c, deps, 'audit-list', '', {
        view: 'reaudits',
        ids: candidates.map((r) => r.original_audit_id),
      });
      return c.json({ candidates: candidates.map(toRow), scheduled: scheduled.map(toRow) });
    })
    .post('/:auditId', async (c) => {
      const person = requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      const body = await parseBody(c, reauditRequestSchema);
      const allocationId = await deps.db.transaction(async (tx) => {
        const [audit] = await tx.query<{
          case_id: string;
          overall_grade: number | null;
          status: string;
          framework_key: string;
        }>(
          'SELECT case_id, overall_grade, status, framework_key FROM audits WHERE id = $1 AND NOT deleted FOR UPDATE',
          [auditId],
        );
        if (!audit) throw appError('not_found', 'There is no audit with that id.');
        if (audit.status !== 'submitted' || audit.overall_grade !== 3)
          throw appError(
            'conflict',
            'Only a submitted audit graded Inadequate can be scheduled for re-audit.',
          );
        const [already] = await tx.query('SELECT id FROM allocations WHERE reaudit_of = $1', [auditId]);
        if (already) throw appError('conflict', 'A re-audit of this audit is already scheduled.');
        const round = body.roundId ? await requireRound(tx, body.roundId, dataScope(c)) : null;
        const [latest] = await tx.query<{ version: number }>(
          "SELECT max(version) AS version FROM frameworks WHERE key = $1 AND status = 'published'",
          [audit.framework_key],
        );
        const auditor = await requireAuditor(tx, dataScope(c), body.auditorId);
        // The auditor's own finished allocation of this case makes way: their submitted audit stays on their device.
        await tx.query(
          `UPDATE allocations x SET active = false, updated_at = now() FROM audits a
           WHERE a.id = x.id AND x.case_id = $1 AND x.auditor_id = $2 AND x.active AND a.status = 'submitted'`,
          [audit.case_id, auditor.id],
        );
        const id = await createAllocation(tx, {
          round,
          frameworkKey: round?.frameworkKey ?? audit.framework_key,
          frameworkVersion: round?.frameworkVersion ?? latest?.version ?? 1,
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
