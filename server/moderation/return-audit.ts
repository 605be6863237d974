/**
 * Returning a submitted audit to its auditor with a note: the audit becomes a draft again at
 * a new revision (appended to its history), carrying the note, so the auditor's device pulls
 * it and shows "Returned by moderator: …"; once they submit it again the moderator can
 * moderate it. The allocation it was written under is made active again if it had been
 * withdrawn (or made, for an audit that had none), because the device lists allocations.
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import { loadFramework } from '../frameworks/framework-cache';
import { requireModeration } from './moderation-store';
import { assertMayModerate } from './may-moderate';
import { loadAuditState, recordModeratorAct } from './moderated-audit';

export async function returnAudit(
  tx: Queryable,
  moderationId: string,
  request: { note: string; auditRev: number },
  person: Person,
  origin: { ip: string; userAgent: string },
): Promise<void> {
  const moderation = await requireModeration(tx, moderationId, true);
  assertMayModerate(person, moderation);
  const audit = await loadAuditState(tx, moderation.audit_id);
  if (audit.status !== 'submitted')
    throw appError('conflict', 'This audit is already back with its auditor.');
  if (audit.rev !== request.auditRev)
    throw appError('conflict', 'The audit has changed since you opened it. Reload it, then return it.');
  const framework = await loadFramework(tx, audit.framework_key, audit.framework_version);
  const own = framework ? audit.answers[framework.overallGradeKey] : undefined;
  const rev = audit.rev + 1;

  await tx.query(
    `UPDATE audits SET status = 'draft', completed_at = NULL, returned_note = $2, rev = $3, overall_grade = $4,
       moderated_grades = NULL, updated_at = now(), updated_by = $5 WHERE id = $1`,
    [moderation.audit_id, request.note, rev, own?.kind === 'grade' ? own.value : null, person.id],
  );
  await tx.query(
    `INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at, changed_by)
     SELECT id, rev, status, answers, NULL, $2 FROM audits WHERE id = $1`,
    [moderation.audit_id, person.id],
  );
  await tx.query(
    `UPDATE moderations SET status = 'returned', moderated_overall = NULL, return_note = $2, audit_rev = $3,
       moderated_at = now(), updated_at = now() WHERE id = $1`,
    [moderationId, request.note, audit.rev],
  );
  await ensureAllocation(tx, moderation.audit_id, moderation.round_name);
  await recordModeratorAct(tx, {
    auditId: moderation.audit_id,
    person,
    origin,
    action: 'audit.returned',
    detail: { moderationId, rev },
    before: audit,
  });
}

async function ensureAllocation(tx: Queryable, auditId: string, roundName: string | null): Promise<void> {
  const [allocation] = await tx.query<{ active: boolean }>('SELECT active FROM allocations WHERE id = $1', [
    auditId,
  ]);
  if (allocation?.active) return;
  const [clash] = await tx.query(
    `SELECT x.id FROM allocations x JOIN audits a ON a.case_id = x.case_id AND a.auditor_id = x.auditor_id
     WHERE a.id = $1 AND x.active AND x.id <> $1`,
    [auditId],
  );
  if (clash)
    throw appError(
      'conflict',
      'The auditor has another allocation of this case open, so this audit cannot go back to them now.',
    );
  if (allocation) {
    await tx.query(
      'UPDATE allocations SET active = true, finished = false, updated_at = now() WHERE id = $1',
      [auditId],
    );
    return;
  }
  await tx.query(
    `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, round_name)
     SELECT id, case_id, auditor_id, framework_key, framework_version, $2 FROM audits WHERE id = $1`,
    [auditId, roundName],
  );
}
