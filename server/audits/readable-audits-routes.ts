/**
 * GET /api/audit-records — the submitted audits a person reads because of who they are to the
 * case rather than their role's reach: audits of the cases they are the practitioner of, and of
 * the teams they are a named manager of. The practitioner's home screen and the team manager's
 * list; newest first. Logged as one list view.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { dataScope } from '../auth/service-scope';
import { logView } from '../audit-log/log-access';
import type { GradeIndex } from '../../shared/metrics/grade-scale';
import type { RecordListItem } from '../../shared/audits/audit-record-schemas';

/** The most a list shows; older audits stay reachable from their links. */
const LIMIT = 200;

export function readableAuditsRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) => {
    // Every role's reach here is 'assigned': the list is the person's own cases and teams only.
    const { personId } = dataScope(c);
    const rows = await deps.db.query<{
      audit_id: string;
      reference: string;
      team_name: string;
      auditor_name: string;
      completed_at: unknown;
      overall_grade: GradeIndex | null;
      own_case: boolean;
      responses: number;
    }>(
      `SELECT a.id AS audit_id, c.reference, t.name AS team_name, au.display_name AS auditor_name, a.completed_at,
              -- Hidden from a person moderating this audit until their own grades are saved (blind).
              CASE WHEN EXISTS (SELECT 1 FROM moderations m WHERE m.audit_id = a.id AND m.moderator_id = $1::uuid
                                  AND m.blind_at IS NULL AND m.status IN ('pending', 'returned'))
                   THEN NULL ELSE a.overall_grade END AS overall_grade, (c.practitioner_id IS NOT DISTINCT FROM $1::uuid) AS own_case,
              (SELECT count(*)::int FROM practitioner_responses r WHERE r.audit_id = a.id) AS responses
       FROM audits a
       JOIN cases c ON c.id = a.case_id
       JOIN teams t ON t.id = a.team_id
       JOIN people au ON au.id = a.auditor_id
       WHERE a.status = 'submitted' AND NOT a.deleted
         AND (c.practitioner_id = $1::uuid
              OR a.team_id IN (SELECT team_id FROM team_managers WHERE person_id = $1::uuid))
       ORDER BY a.completed_at DESC, a.id
       LIMIT ${LIMIT}`,
      [personId],
    );
    const audits: RecordListItem[] = rows.map((r) => ({
      auditId: r.audit_id,
      reference: r.reference,
      teamName: r.team_name,
      auditorName: r.auditor_name,
      completedAt: r.completed_at === null ? null : new Date(r.completed_at as string).toISOString(),
      overallGrade: r.overall_grade,
      because: r.own_case ? 'own_case' : 'managed_team',
      responses: r.responses,
    }));
    await logView(c, deps, 'audit-list', '', { view: 'audit-records', ids: audits.map((a) => a.auditId) });
    return c.json({ audits });
  });
}
