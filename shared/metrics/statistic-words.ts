/**
 * Plain English beside every statistic a council worker reads: what a kappa means, what
 * a 95% interval means, and that a period still running is a figure "to date". One wording for
 * every screen and report, so the same figure never reads two ways.
 */
import { formatKappa } from './agreement';
import { roundedPercent } from './format-percentage';
import type { Proportion } from './proportion';
import { kappaBand } from './self-audit-agreement';

/**
 * A weighted kappa in words. The bands are Landis and Koch's (Landis JR, Koch GG. "The measurement
 * of observer agreement for categorical data." Biometrics 1977;33:159–174): below 0 less than
 * chance, up to 0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, above
 * 0.80 almost perfect. Null (no pairs, or every grade the same one) reads as not measurable.
 * @example kappaWords(0.82) // '0.82: almost perfect agreement — the two grades agree far more than chance would give'
 */
export function kappaWords(kappa: number | null): string {
  if (kappa === null) return '—: cannot be measured (no pairs yet, or every grade given was the same one)';
  const band = kappaBand(kappa);
  const beyond =
    kappa < 0
      ? 'the two grades agree less often than chance alone would give'
      : kappa <= 0.2
        ? 'the two grades agree little more than chance alone would give'
        : kappa <= 0.6
          ? 'the two grades agree more than chance would give, with real differences'
          : 'the two grades agree far more than chance would give';
  return `${formatKappa(kappa)}: ${band === 'less than chance' ? 'agreement less than chance' : `${band} agreement`} — ${beyond}`;
}

/**
 * What the 95% Wilson interval of a figure means, in words.
 * @example intervalWords(proportion(14, 30)) // 'From 14 of 30 audits, the true rate is likely (95% confidence) to be between 30% and 64%.'
 * @example intervalWords(proportion(0, 0))   // 'No audits counted: no data.'
 */
export function intervalWords(p: Proportion): string {
  if (p.n === 0 || p.interval === null) return 'No audits counted: no data.';
  const lower = Math.round(p.interval.lower * 100 + 1e-9);
  const upper = Math.round(p.interval.upper * 100 + 1e-9);
  const small = p.n < 30 ? ' With so few audits, a change of a few points may be chance.' : '';
  return `From ${p.k} of ${p.n} audits (${roundedPercent(p.k, p.n)}%), the true rate is likely (95% confidence) to be between ${lower}% and ${upper}%.${small}`;
}

/**
 * Whether a period has not ended on the evaluation date: its figure is then "to date" and may
 * still change. A period ends at the end of its last day, so on that day it is still running.
 * Both are London calendar dates 'YYYY-MM-DD' (compared as text, which orders them).
 * @example isToDate({ endDate: '2026-12-31' }, '2026-12-04') // true
 */
export function isToDate(period: { endDate: string }, evaluationDate: string): boolean {
  return evaluationDate <= period.endDate;
}

/**
 * A period's label, with "to date" while it is still running.
 * @example periodLabelToDate({ label: 'December 2026', endDate: '2026-12-31' }, '2026-12-04') // 'December 2026 (to date)'
 */
export function periodLabelToDate(
  period: { label: string; endDate: string },
  evaluationDate: string,
): string {
  return isToDate(period, evaluationDate) ? `${period.label} (to date)` : period.label;
}

/** The words for "moved down" and "moved up" in moderation agreement. */
export const MOVED_WORDS = {
  movedDown: 'moved down: the moderator graded worse than the auditor',
  movedUp: 'moved up: the moderator graded better than the auditor',
} as const;
