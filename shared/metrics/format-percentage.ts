/**
 * Percentages in words for people: "47% — 14 of 30 (95% CI 30–64%)". This is the only place a
 * figure is rounded, so every screen and report rounds the same way and nothing is computed
 * from a rounded number. A period with no audits reads "no data", never "0%".
 *
 * The percentage itself is rounded half up from the exact count in whole-number arithmetic
 * (57 of 200 is 28.5%, shown as 29%), because 0.285 × 100 is 28.499… in binary floating point.
 */
import type { Proportion } from './proportion';

/** What a period with no audits reads as; never "0%". */
export const NO_DATA = 'no data';
const EN_DASH = '–';
const EM_DASH = '—';
const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A fraction in [0, 1] as a whole percentage; used for interval bounds and targets. */
export function formatFraction(fraction: number | null): string {
  return fraction === null ? NO_DATA : `${Math.round(fraction * 100 + 1e-9)}%`;
}

/** k of n as a whole percentage, rounded half up exactly. @example roundedPercent(57, 200) // 29 */
export function roundedPercent(k: number, n: number): number {
  return Math.floor((200 * k + n) / (2 * n));
}

/**
 * @example formatProportion(proportion(14, 30)) // '47% — 14 of 30 (95% CI 30–64%)'
 * @example formatProportion(proportion(0, 0))   // 'no data'
 */
export function formatProportion(p: Proportion): string {
  if (p.n === 0 || p.interval === null) return NO_DATA;
  const lower = Math.round(p.interval.lower * 100 + 1e-9);
  const upper = Math.round(p.interval.upper * 100 + 1e-9);
  return `${roundedPercent(p.k, p.n)}% ${EM_DASH} ${counts.format(p.k)} of ${counts.format(p.n)} (95% CI ${lower}${EN_DASH}${upper}%)`;
}
