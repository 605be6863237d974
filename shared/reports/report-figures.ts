/**
 * An audit report's figures, composed from the audits it covers and those of the previous
 * comparable round or period (report-scope.ts), by the metric rules every screen uses:
 * - the headline: overall grades "at least good" and the share of each grade, with counts and
 *   95% Wilson intervals (proportion.ts), as they count (moderated grades where a moderator decided);
 * - each section grade "at least good", by team, and by the auditor's agency (split-by-agency.ts);
 * - the change since the previous comparable round: the difference with its Newcombe interval,
 *   beyond noise exactly when that interval excludes 0 (compare-rounds.ts);
 * - moderation agreement of the report's audits (agreement.ts).
 * Nothing is rounded here; report-tables.ts rounds once, for every place a report is shown.
 */
import { AGENCY_LABELS } from '../accounts/agencies';
import type { Framework } from '../framework/framework-schema';
import { moderationAgreement, type Agreement, type GradePair } from '../metrics/agreement';
import { compareRounds } from '../metrics/compare-rounds';
import { compareRoundsByAgency } from '../metrics/compare-rounds-by-agency';
import { evaluateMetric } from '../metrics/evaluate-metric';
import { AT_LEAST_GOOD, GRADES, type GradeIndex } from '../metrics/grade-scale';
import type { DifferenceInterval } from '../metrics/newcombe-interval';
import type { Proportion } from '../metrics/proportion';
import type { AuditForMetrics } from '../metrics/audit-for-metrics';
import type { AuditWithAgency } from '../metrics/split-by-agency';

/** One figure of the report, with the previous comparable round's and the change since. */
export interface ReportFigure {
  key: string;
  label: string;
  current: Proportion;
  /** Null when there is no previous comparable round or period. */
  previous: Proportion | null;
  /** Current minus previous with its 95% interval; null when either has no data. */
  change: DifferenceInterval | null;
}

export interface ReportGradeShare {
  grade: GradeIndex;
  label: string;
  share: Proportion;
}

export interface ReportFigures {
  /** Audits the report covers (submitted, independent, of its tool). */
  audits: number;
  /** Audits of the previous comparable round or period; null when there is none. */
  previousAudits: number | null;
  atLeastGood: ReportFigure;
  grades: ReportGradeShare[];
  sections: ReportFigure[];
  teams: ReportFigure[];
  agencies: ReportFigure[];
  agreement: Agreement;
}

export interface ReportFigureInput {
  framework: Framework;
  current: readonly AuditWithAgency[];
  /** Null when there is no previous comparable round or period. */
  previous: readonly AuditWithAgency[] | null;
  teamNames: ReadonlyMap<string, string>;
  /** The auditor's and the moderator's (blind) overall grades of the report's moderated audits. */
  agreementPairs: readonly GradePair[];
}

function overallOf(framework: Framework, audits: readonly AuditForMetrics[], passing: readonly GradeIndex[]) {
  return evaluateMetric(
    {
      name: 'overall',
      source: { item: framework.overallGradeKey },
      passing: [...passing],
      filters: {},
      bucket: 'quarter',
    },
    audits,
  ).overall;
}

/**
 * @example composeReportFigures({ framework, current, previous, teamNames, agreementPairs })
 * // { audits: 24, atLeastGood: { current: { k: 14, n: 24, … }, previous: { k: 9, n: 22, … }, change: { difference: 0.174…, beyondNoise: false, … } }, sections: [...], … }
 */
export function composeReportFigures(input: ReportFigureInput): ReportFigures {
  const { framework, teamNames } = input;
  const current = input.current.map((a) => a.audit);
  const previous = input.previous?.map((a) => a.audit) ?? [];
  const hasPrevious = input.previous !== null;
  const measures = compareRounds(framework, current, previous);
  const figure = (m: (typeof measures)[number]): ReportFigure => ({
    key: m.key,
    label: m.label,
    current: m.first,
    previous: hasPrevious ? m.second : null,
    change: hasPrevious ? m.difference : null,
  });
  const grades = measures.filter((m) =>
    framework.sections.some((s) => s.items.some((i) => i.key === m.key && i.kind === 'grade')),
  );
  const overall = grades.find((m) => m.key === framework.overallGradeKey);
  const atLeastGood: ReportFigure = overall
    ? { ...figure(overall), label: 'Audits rated at least good' }
    : {
        key: framework.overallGradeKey,
        label: 'Audits rated at least good',
        current: overallOf(framework, [], AT_LEAST_GOOD),
        previous: null,
        change: null,
      };

  const teamIds = [...new Set(current.map((a) => a.teamId))];
  const teams = teamIds
    .map((teamId): ReportFigure => ({
      key: teamId,
      label: teamNames.get(teamId) ?? 'Unknown team',
      current: overallOf(
        framework,
        current.filter((a) => a.teamId === teamId),
        AT_LEAST_GOOD,
      ),
      previous: null,
      change: null,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));

  const agencies = compareRoundsByAgency(framework, input.current, input.previous ?? [])
    .filter((row) => row.first.n > 0)
    .map((row): ReportFigure => ({
      key: row.agency,
      label: AGENCY_LABELS[row.agency],
      current: row.first,
      previous: hasPrevious ? row.second : null,
      change: hasPrevious ? row.difference : null,
    }));

  return {
    audits: current.length,
    previousAudits: hasPrevious ? previous.length : null,
    atLeastGood,
    grades: GRADES.map((g) => ({
      grade: g.index,
      label: g.label,
      share: overallOf(framework, current, [g.index]),
    })),
    // A section's grade is named by its section ("Assessment"), as councils' reports do.
    sections: grades
      .filter((m) => m.key !== framework.overallGradeKey)
      .map((m) => ({
        ...figure(m),
        label: framework.sections.find((s) => s.items.some((i) => i.key === m.key))?.title ?? m.label,
      })),
    teams,
    agencies,
    agreement: moderationAgreement(input.agreementPairs),
  };
}
