/**
 * The figures behind the agreement dashboard: the auditor's overall grade and the moderator's
 * BLIND overall grade (given before they saw the auditor's, migration 019) of every moderated
 * audit (agreed or re-graded), reported by
 * shared/moderation/agreement-report.ts; and the "at least good" trend by month over the last
 * twelve, as it counts (moderated grades where there are any) beside the auditors' own
 * grades, both evaluated by shared/metrics/evaluate-metric.ts. The trend reads only the
 * overall grade of submitted audits from the last twelve months.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import { agreementReport, type AgreementReport } from '../../shared/moderation/agreement-report';
import { gradeAnswerSchema, type Answers } from '../../shared/framework/answer-schema';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { evaluateMetric } from '../../shared/metrics/evaluate-metric';
import type { AuditForMetrics } from '../../shared/metrics/audit-for-metrics';
import { auditKindSchema } from '../../shared/metrics/audit-for-metrics';
import type { MetricDefinition } from '../../shared/metrics/metric-definition';
import { londonDate } from '../../shared/metrics/london-date';
import type { AgreementTrendRow } from '../../shared/moderation/agreement-schemas';
import type { AuditMetricRow } from '../metrics/audit-metric-row';

/** Every framework's overall grade under one key, so audits of different frameworks share one line. */
const OVERALL = 'overall.grade';
const AT_LEAST_GOOD: MetricDefinition = {
  name: 'Audits rated at least good',
  source: { item: OVERALL },
  passing: [0, 1],
  filters: {},
  bucket: 'month',
};

export async function agreementFigures(
  db: Queryable,
  scope: DataScope,
  roundId: string | null,
): Promise<AgreementReport & { notBlind: number }> {
  const params: unknown[] = [];
  const inReach = inScope(scope, { team: 'a.team_id' }, params);
  if (roundId) params.push(roundId);
  const rows = await db.query<{
    auditor_overall: number;
    blind_overall: number | null;
    auditor_id: string;
    auditor_name: string;
    round_id: string | null;
    round_name: string | null;
  }>(
    `SELECT m.auditor_overall, m.blind_overall, a.auditor_id, p.display_name AS auditor_name, m.round_id, r.name AS round_name
     FROM moderations m JOIN audits a ON a.id = m.audit_id JOIN people p ON p.id = a.auditor_id LEFT JOIN rounds r ON r.id = m.round_id
     WHERE m.status IN ('agreed', 'regraded') AND m.auditor_overall IS NOT NULL AND NOT a.deleted AND ${inReach}
       ${roundId ? `AND m.round_id = $${params.length}` : ''}`,
    params,
  );
  // Moderations recorded before blind moderation (no blind grade) were graded with the
  // auditor's grades in view: their agreement would flatter, so they are counted apart.
  const blind = rows.filter((r) => r.blind_overall !== null);
  const report = agreementReport(
    blind.map((r) => ({
      auditor: gradeIndexSchema.parse(r.auditor_overall),
      moderator: gradeIndexSchema.parse(r.blind_overall),
      auditorId: r.auditor_id,
      auditorName: r.auditor_name,
      roundId: r.round_id,
      roundName: r.round_name,
    })),
  );
  return { ...report, notBlind: rows.length - blind.length };
}

export async function atLeastGoodTrend(db: Queryable, scope: DataScope): Promise<AgreementTrendRow[]> {
  const [clock] = await db.query<{ now: string; from: string }>(
    `SELECT now() AS now, (date_trunc('month', now() AT TIME ZONE 'Europe/London') - interval '11 months')::date::text AS from`,
  );
  const today = londonDate(clock?.now ?? new Date().toISOString());
  const from = clock?.from ?? today;
  const params: unknown[] = [from];
  const rows = await db.query<
    AuditMetricRow & {
      overall: unknown;
      moderated_overall: number | null;
    }
  >(
    `SELECT a.id, a.completed_at, a.team_id, a.case_type, a.framework_key, a.framework_version, a.kind,
            a.answers -> (f.definition ->> 'overallGradeKey') AS overall, m.moderated_overall
     FROM audits a JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
       LEFT JOIN moderations m ON m.audit_id = a.id AND m.status IN ('agreed', 'regraded')
     WHERE a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent'
       AND a.completed_at >= ($1::date)::timestamp AT TIME ZONE 'Europe/London'
       AND ${inScope(scope, { team: 'a.team_id' }, params)}`,
    params,
  );
  const audits: AuditForMetrics[] = rows.map((r): AuditForMetrics => {
    const own = gradeAnswerSchema.safeParse(r.overall);
    const answers: Answers = own.success ? { [OVERALL]: own.data } : {};
    return {
      id: r.id,
      status: 'submitted',
      completedAt: r.completed_at,
      teamId: r.team_id,
      caseTypeId: r.case_type,
      frameworkKey: r.framework_key,
      frameworkVersion: r.framework_version,
      kind: auditKindSchema.catch('ad_hoc').parse(r.kind),
      answers,
      ...(r.moderated_overall === null
        ? {}
        : {
            moderatedAnswers: {
              [OVERALL]: { kind: 'grade' as const, value: gradeIndexSchema.parse(r.moderated_overall) },
            },
          }),
    };
  });
  const range = { from, to: today };
  const counted = evaluateMetric(AT_LEAST_GOOD, audits, { range });
  const own = evaluateMetric(
    AT_LEAST_GOOD,
    audits.map(({ moderatedAnswers: _moderated, ...audit }) => audit),
    { range },
  );
  return counted.periods.map((p, i) => {
    const auditors = own.periods[i] ?? p;
    return {
      periodId: p.period.id,
      label: p.period.label,
      counted: { k: p.k, n: p.n, fraction: p.fraction, interval: p.interval },
      auditors: { k: auditors.k, n: auditors.n, fraction: auditors.fraction, interval: auditors.interval },
    };
  });
}
