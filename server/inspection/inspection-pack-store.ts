/**
 * What the deep-dive pack reads: for each chosen case of the person's reach, every
 * submitted audit of it, whole (the record the audit's own page reads: audit-record-store.ts),
 * with its tool, its kind and the audit log's views and changes of it. A case outside the
 * person's reach, or no case at all, is refused by its place in the request (`cases.2`), never
 * dropped in silence: a pack that quietly misses a case an inspector chose would mislead them.
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import type { DataScope } from '../auth/service-scope';
import { inScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import { actionLabel } from '../../shared/accounts/audit-actions';
import { loadAuditRecord } from '../audits/audit-record-store';
import { assertNotBlindModerator } from '../moderation/blind-view';
import type { PackCaseInput } from '../../shared/inspection/pack-document';
import { kindLabel } from './inspection-list-store';

interface CaseRow {
  id: string;
  reference: string;
  team_name: string;
  case_type_label: string;
  worker_now: string;
}

/**
 * Reads the chosen cases in the order given.
 * @throws validation_failed naming each `cases.N` that is not a case the person reaches;
 *   forbidden when the person is still moderating one of the audits blind.
 */
export async function readPackCases(
  db: Queryable,
  scope: DataScope,
  person: Person,
  caseIds: readonly string[],
): Promise<PackCaseInput[]> {
  const params: unknown[] = [caseIds];
  const reach = inScope(scope, { team: 'c.team_id' }, params);
  const found = await db.query<CaseRow>(
    `SELECT c.id, c.reference, t.name AS team_name, ct.label AS case_type_label,
            COALESCE(pr.display_name, NULLIF(c.allocated_worker, ''), '') AS worker_now
     FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
       LEFT JOIN people pr ON pr.id = c.practitioner_id
     WHERE c.id = ANY ($1::uuid[]) AND ${reach}`,
    params,
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  const missing = caseIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !byId.has(id))
    .map(({ i }) => ({ path: `cases.${i}`, message: 'This is not a case of your service.' }));
  if (missing.length > 0)
    throw appError('validation_failed', 'Some of the cases chosen are not cases of your service.', missing);

  const cases: PackCaseInput[] = [];
  for (const id of caseIds) {
    const row = byId.get(id);
    if (!row) continue;
    const auditParams: unknown[] = [id];
    const auditReach = inScope(scope, { team: 'a.team_id' }, auditParams);
    const audits = await db.query<{ id: string; kind: string; stage: string; tool_name: string }>(
      `SELECT a.id, a.kind, a.stage, COALESCE(tool.name, f.title) AS tool_name
       FROM audits a JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
         LEFT JOIN audit_tools tool ON tool.key = a.framework_key
       WHERE a.case_id = $1 AND a.status = 'submitted' AND NOT a.deleted AND ${auditReach}
       ORDER BY a.completed_at, a.id`,
      auditParams,
    );
    const packAudits: PackCaseInput['audits'] = [];
    for (const audit of audits) {
      await assertNotBlindModerator(db, person.id, audit.id);
      const record = await loadAuditRecord(db, audit.id, person);
      const log = await db.query<{ at: unknown; who: string; action: string }>(
        `SELECT l.at, COALESCE(p.display_name, NULLIF(l.actor_label, ''), 'Lantern') AS who, l.action
         FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id
         WHERE l.entity_type = 'audit' AND l.entity_id = $1 ORDER BY l.at, l.id`,
        [audit.id],
      );
      packAudits.push({
        record,
        toolName: audit.stage === 'self' ? `${audit.tool_name} (self-audit)` : audit.tool_name,
        kindLabel: kindLabel(audit.kind),
        log: log.map((entry) => ({
          at: new Date(entry.at as string).toISOString(),
          who: entry.who,
          what: actionLabel(entry.action),
        })),
      });
    }
    cases.push({
      caseId: row.id,
      reference: row.reference,
      teamName: row.team_name,
      caseTypeLabel: row.case_type_label,
      workerNow: row.worker_now,
      audits: packAudits,
    });
  }
  return cases;
}
