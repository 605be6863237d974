/**
 * The audits a round comparison counts: the submitted independent audits written under the
 * round's allocations with the round's tool, each with its moderated grades (the overall grade
 * counted where a moderator decided) and its auditor's agency.
 */
import type { Queryable } from '../db/database';
import { answersSchema, type Answers } from '../../shared/framework/answer-schema';
import { auditKindSchema, type AuditForMetrics } from '../../shared/metrics/audit-for-metrics';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import type { AuditWithAgency } from '../../shared/metrics/split-by-agency';
import { agencySchema, DEFAULT_AGENCY } from '../../shared/accounts/agencies';
import type { AuditMetricRow } from '../metrics/audit-metric-row';

export async function roundAudits(
  db: Queryable,
  roundId: string,
  toolKey: string,
): Promise<AuditWithAgency[]> {
  const rows = await db.query<
    AuditMetricRow & {
      answers: unknown;
      moderated_grades: unknown;
      overall_key: string;
      counted_overall: number | null;
      auditor_agency: string;
    }
  >(
    `SELECT a.id, a.completed_at, a.team_id, a.case_type, a.framework_key, a.framework_version, a.kind, a.answers,
            a.moderated_grades, f.definition ->> 'overallGradeKey' AS overall_key,
            CASE WHEN m.id IS NULL THEN NULL ELSE a.overall_grade END AS counted_overall,
            p.agency AS auditor_agency
     FROM audits a JOIN allocations x ON x.id = a.id JOIN people p ON p.id = a.auditor_id
       JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
       LEFT JOIN moderations m ON m.audit_id = a.id AND m.status IN ('agreed', 'regraded')
     WHERE x.round_id = $1 AND a.framework_key = $2 AND a.status = 'submitted' AND NOT a.deleted
       AND a.stage = 'independent' AND a.completed_at IS NOT NULL`,
    [roundId, toolKey],
  );
  return rows.map((r) => {
    const sections = answersSchema.safeParse(r.moderated_grades ?? {});
    const moderated: Answers = sections.success ? { ...sections.data } : {};
    if (r.counted_overall !== null)
      moderated[r.overall_key] = { kind: 'grade', value: gradeIndexSchema.parse(r.counted_overall) };
    const answers = answersSchema.safeParse(r.answers);
    const audit: AuditForMetrics = {
      id: r.id,
      status: 'submitted',
      completedAt: new Date(r.completed_at).toISOString(),
      teamId: r.team_id,
      caseTypeId: r.case_type,
      frameworkKey: r.framework_key,
      frameworkVersion: r.framework_version,
      kind: auditKindSchema.catch('ad_hoc').parse(r.kind),
      answers: answers.success ? answers.data : {},
      moderatedAnswers: moderated,
    };
    return {
      audit,
      auditorAgency: agencySchema.safeParse(r.auditor_agency).data ?? DEFAULT_AGENCY,
      overallGradeKey: r.overall_key,
    };
  });
}
