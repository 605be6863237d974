/**
 * Gathers what the anonymised good-practice example of one marked audit needs: its answers and
 * framework, the mark's reason, its service and London month, and every name to remove — the
 * case's worker (as the case list wrote it and as their Lantern account names them), everyone
 * in the organisation (staff and practitioners, with their e-mail addresses) and the case's
 * reference. The audit's access rule has placed it in the person's service.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { loadFramework } from '../frameworks/framework-cache';
import { goodPracticeExample, type GoodPracticeExample } from '../../shared/findings/good-practice-example';

const MONTHS = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/**
 * The example of a marked audit.
 * @throws not_found when the audit is not marked as good practice (or is a draft or deleted).
 */
export async function goodPracticeExport(db: Queryable, auditId: string): Promise<GoodPracticeExample> {
  const [row] = await db.query<{
    answers: Record<string, unknown>;
    framework_key: string;
    framework_version: number;
    completed_at: string;
    reason: string;
    service_name: string;
    reference: string;
    allocated_worker: string;
    practitioner_name: string | null;
    practitioner_email: string | null;
  }>(
    `SELECT a.answers, a.framework_key, a.framework_version, a.completed_at, g.reason, s.name AS service_name,
       c.reference, c.allocated_worker, p.display_name AS practitioner_name, p.email AS practitioner_email
     FROM good_practice_marks g JOIN audits a ON a.id = g.audit_id JOIN cases c ON c.id = a.case_id
       JOIN teams t ON t.id = a.team_id JOIN services s ON s.id = t.service_id
       LEFT JOIN people p ON p.id = c.practitioner_id
     WHERE g.audit_id = $1 AND a.status = 'submitted' AND NOT a.deleted`,
    [auditId],
  );
  if (!row) throw appError('not_found', 'That audit is not marked as good practice.');
  const framework = await loadFramework(db, row.framework_key, row.framework_version);
  if (!framework) throw new Error(`framework ${row.framework_key}@${row.framework_version} is missing`);
  const people = await db.query<{ display_name: string; email: string }>(
    'SELECT display_name, email FROM people',
  );
  return goodPracticeExample({
    framework,
    answers: row.answers,
    reason: row.reason,
    serviceName: row.service_name,
    monthWords: MONTHS.format(new Date(row.completed_at)),
    names: {
      workerNames: [row.allocated_worker, row.practitioner_name ?? '', row.practitioner_email ?? ''],
      otherNames: people.flatMap((p) => [p.display_name, p.email]),
      caseReferences: [row.reference],
    },
  });
}
