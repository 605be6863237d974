/**
 * What one audit adds to the pre-aggregated counts (metric_counts): one row per counted
 * answer, keyed by the Europe/London month it was completed in and by everything a metric can
 * filter on. The rules are evaluate-metric.ts's, applied to one audit:
 * - only a submitted, not deleted audit with a completion time counts;
 * - the overall grade is the grade that counts (audits.overall_grade, which moderation may
 *   change), not the auditor's answer in the document; likewise a section grade a moderator
 *   decided (audits.moderated_grades) counts instead of the auditor's;
 * - grades, questions and yes/no items count; Not applicable, unanswered items, free text and
 *   lists add nothing, so they leave the denominator.
 * rebuild-metric-counts.ts says the same in SQL; the property test holds the two together.
 */
import { civilFromDays } from '../../shared/metrics/calendar-date';
import { londonDayNumber } from '../../shared/metrics/london-date';

/** An audit as the aggregates see it: its row, before or after a write. */
export interface CountedAudit {
  status: string;
  deleted: boolean;
  completedAt: string | null;
  teamId: string;
  caseType: string;
  frameworkKey: string;
  frameworkVersion: number;
  kind: string;
  /** The grade that counts: 0 Outstanding … 3 Inadequate. */
  overallGrade: number | null;
  /** The answers document as stored (read defensively: it came from the database). */
  answers: unknown;
  /** The moderator's grades by item key, which count instead of the auditor's; null when none. */
  moderatedGrades: unknown;
}

/** One counted answer: the key of one metric_counts row. */
export interface Contribution {
  itemKey: string;
  /** First day of the London month, YYYY-MM-01. */
  month: string;
  teamId: string;
  caseType: string;
  frameworkKey: string;
  frameworkVersion: number;
  kind: string;
  value: string;
}

const COUNTED_KINDS = new Set(['grade', 'question', 'yes-no-note']);

/** The first day of the London month a completion time falls in. */
export function londonMonthOf(completedAt: string): string {
  const { year, month } = civilFromDays(londonDayNumber(completedAt));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The value an answer counts as, or null when it leaves the denominator. */
function countedValue(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const kind = 'kind' in answer ? answer.kind : undefined;
  const value = 'value' in answer ? answer.value : undefined;
  if (typeof kind !== 'string' || !COUNTED_KINDS.has(kind)) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && value !== 'not_applicable') return value;
  return null;
}

/** Whether an audit counts in metrics at all. */
export function isCounted(audit: CountedAudit): audit is CountedAudit & { completedAt: string } {
  return audit.status === 'submitted' && !audit.deleted && audit.completedAt !== null;
}

/** Every counted answer of an audit; empty when the audit does not count. */
export function contributionsOf(audit: CountedAudit | null, overallGradeKey: string): Contribution[] {
  if (!audit || !isCounted(audit)) return [];
  const base = {
    month: londonMonthOf(audit.completedAt),
    teamId: audit.teamId,
    caseType: audit.caseType,
    frameworkKey: audit.frameworkKey,
    frameworkVersion: audit.frameworkVersion,
    kind: audit.kind,
  };
  const out: Contribution[] = [];
  if (audit.overallGrade !== null)
    out.push({ ...base, itemKey: overallGradeKey, value: String(audit.overallGrade) });
  if (typeof audit.answers === 'object' && audit.answers !== null) {
    const moderated =
      typeof audit.moderatedGrades === 'object' && audit.moderatedGrades !== null
        ? audit.moderatedGrades
        : {};
    for (const [itemKey, answer] of Object.entries({ ...audit.answers, ...moderated })) {
      if (itemKey === overallGradeKey) continue;
      const value = countedValue(answer);
      if (value !== null) out.push({ ...base, itemKey, value });
    }
  }
  return out;
}

/** The row key of a contribution, for netting additions against removals. */
export function contributionKey(c: Contribution): string {
  return [c.itemKey, c.month, c.teamId, c.caseType, c.frameworkKey, c.frameworkVersion, c.kind, c.value].join(
    '\u0000',
  );
}
