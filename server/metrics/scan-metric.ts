/**
 * A metric read by scanning the audits it covers (the completion-date index narrows the scan
 * to the periods asked for) and handing them to the shared evaluateMetric, with each audited
 * case's flags and opened date. Used where the pre-aggregated counts cannot answer: "any of"
 * several items, practice weeks, filters by case flag, case age, round or round theme, and the
 * split by agency (see count-metric.ts). Its cost grows with the audits in the range, which for practice weeks is
 * a few weeks' worth; an "any of" measure over years of a very large organisation is the one
 * slow case (linear in the audits of its periods), accepted because such measures are few and
 * read per plan, not per dashboard request over every item.
 */
import type { Queryable } from '../db/database';
import { dateOfDayNumber, dayNumberOf } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { evaluateMetric } from '../../shared/metrics/evaluate-metric';
import { periodBucketer } from '../../shared/metrics/periods';
import { answersSchema } from '../../shared/framework/answer-schema';
import { auditKindSchema, type AuditForMetrics } from '../../shared/metrics/audit-for-metrics';
import type { PracticeWeek } from '../../shared/metrics/practice-weeks';
import { agencySchema, DEFAULT_AGENCY } from '../../shared/accounts/agencies';
import { auditsByAgency, type AuditWithAgency } from '../../shared/metrics/split-by-agency';
import { filterSql, type MetricQuery, type MetricSeries } from './metric-query';
import type { AuditMetricRow } from './audit-metric-row';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ScanRow extends AuditMetricRow {
  answers: unknown;
  overall_grade: number | null;
  /** The moderator's section grades that count, by item key; null when none. */
  moderated_grades: unknown;
  overall_key: string;
  /** The case's flags and opened date now (for flag and case-age filters). */
  flags: string[];
  opened_on: string | null;
  /** The round the audit was written under (its allocation's) and that round's theme; null: none. */
  round_id?: string | null;
  theme?: string | null;
  /** The agency of the audit's (lead) auditor. */
  auditor_agency?: string | null;
}

/** An audit row as the shared metric code reads it: the grades that count stand in for the auditor's. */
export function auditForMetrics(row: ScanRow): AuditForMetrics | null {
  const answers = answersSchema.safeParse(row.answers);
  const kind = auditKindSchema.safeParse(row.kind);
  if (!answers.success || !kind.success) return null;
  const grade = row.overall_grade;
  const moderated = answersSchema.safeParse(row.moderated_grades ?? {});
  const sections = moderated.success ? moderated.data : {};
  return {
    id: row.id,
    status: 'submitted',
    completedAt: row.completed_at,
    teamId: row.team_id,
    caseTypeId: row.case_type,
    frameworkKey: row.framework_key,
    frameworkVersion: row.framework_version,
    kind: kind.data,
    caseFlags: row.flags,
    caseOpenedOn: row.opened_on,
    roundId: row.round_id ?? null,
    roundTheme: row.theme ?? '',
    answers: answers.data,
    moderatedAnswers: {
      ...sections,
      ...(grade === 0 || grade === 1 || grade === 2 || grade === 3
        ? { [row.overall_key]: { kind: 'grade' as const, value: grade } }
        : {}),
    },
  };
}

/** What a scan read: the audits, and the options evaluateMetric needs to bucket them as asked. */
export interface ScannedAudits {
  audits: AuditForMetrics[];
  /** The same audits with their auditor's agency and overall grade key, for a split by agency. */
  withAgency: AuditWithAgency[];
  options: { range: { from: string; to: string }; practiceWeeks?: readonly PracticeWeek[] };
}

/**
 * The audits a query's scan reads: its scope and the filters SQL can apply, over the whole
 * periods its range overlaps; null when no period does. Several metrics with the same filters,
 * bucket and range (the dashboard's table of every item) can be evaluated over one read.
 */
export async function scannedAudits(db: Queryable, query: MetricQuery): Promise<ScannedAudits | null> {
  const { definition } = query;
  const bucketer = periodBucketer(definition.bucket, query.practiceWeeks);
  const keys = bucketer.keysOverlapping(dayNumberOf(query.range.from), dayNumberOf(query.range.to));
  const firstKey = keys[0];
  const lastKey = keys.at(-1);
  if (firstKey === undefined || lastKey === undefined) return null;
  const from = bucketer.period(firstKey).startDate;
  const to = bucketer.period(lastKey).endDate;
  // A London day starts at most an hour before its UTC midnight: a day either side is enough.
  const params: unknown[] = [
    dateOfDayNumber(addDays(dayNumberOf(from), -1)),
    dateOfDayNumber(addDays(dayNumberOf(to), 2)),
  ];
  const { roundIds, themes } = definition.filters;
  const roundSql = [
    roundIds ? ` AND x.round_id = ANY($${params.push(roundIds.filter((id) => UUID.test(id)))}::uuid[])` : '',
    themes ? ` AND r.theme = ANY($${params.push(themes)}::text[])` : '',
  ].join('');
  // An audit's round is its allocation's: every audit's id is its (lead) allocation's id.
  const rows = await db.query<ScanRow>(
    `SELECT a.id, a.completed_at, a.team_id::text AS team_id, a.case_type, a.framework_key, a.framework_version,
            a.kind, a.answers, a.overall_grade, a.moderated_grades, f.definition ->> 'overallGradeKey' AS overall_key,
            c.flags, to_char(c.opened_on, 'YYYY-MM-DD') AS opened_on,
            x.round_id::text AS round_id, r.theme, p.agency AS auditor_agency
     FROM audits a JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
       JOIN cases c ON c.id = a.case_id
       JOIN people p ON p.id = a.auditor_id
       LEFT JOIN allocations x ON x.id = a.id
       LEFT JOIN rounds r ON r.id = x.round_id
     WHERE a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent'
       AND a.completed_at >= $1::date AND a.completed_at < $2::date${roundSql}${filterSql(query.scope, definition.filters, params, 'a.')}`,
    params,
  );
  const withAgency = rows.flatMap((row): AuditWithAgency[] => {
    const audit = auditForMetrics(row);
    if (!audit) return [];
    const agency = agencySchema.safeParse(row.auditor_agency);
    return [
      {
        audit,
        auditorAgency: agency.success ? agency.data : DEFAULT_AGENCY,
        overallGradeKey: row.overall_key,
      },
    ];
  });
  return {
    audits: withAgency.map((a) => a.audit),
    withAgency,
    options: {
      range: { from, to },
      ...(query.practiceWeeks ? { practiceWeeks: query.practiceWeeks } : {}),
    },
  };
}

export async function scanMetric(db: Queryable, query: MetricQuery): Promise<MetricSeries[]> {
  const { definition } = query;
  const scanned = await scannedAudits(db, query);
  if (!scanned) {
    const empty = {
      name: definition.name,
      periods: [],
      overall: { k: 0, n: 0, fraction: null, interval: null },
    };
    return query.groupBy ? [] : [{ group: null, result: empty }];
  }
  const { audits, options } = scanned;
  if (!query.groupBy) return [{ group: null, result: evaluateMetric(definition, audits, options) }];
  if (query.groupBy === 'agency') {
    return [...auditsByAgency(scanned.withAgency)]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, shares]) => ({ group, result: evaluateMetric(definition, shares, options) }))
      .filter((series) => series.result.overall.n > 0);
  }
  const groupOf = (a: AuditForMetrics): string => (query.groupBy === 'team' ? a.teamId : a.caseTypeId);
  const groups = [...new Set(audits.map(groupOf))].sort();
  // As the counts answer it: a group appears when something in it counted for this metric (a
  // team whose audits left every item of the metric unanswered or not applicable does not).
  return groups
    .map((group) => ({
      group,
      result: evaluateMetric(
        definition,
        audits.filter((a) => groupOf(a) === group),
        options,
      ),
    }))
    .filter((series) => series.result.overall.n > 0);
}
