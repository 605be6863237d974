/**
 * What a plan measure's number is, and which way is better. Most measures are shares (of audits,
 * of case actions, or a numerator and denominator entered by hand: "47% — 14 of 30"); councils
 * also track counts ("contacts to MASH per month", "a net gain of 15 foster placements") and
 * rates ("repeat referrals per 100 referrals"), entered by hand or imported from a monthly
 * performance extract, and some of them are better lower.
 */
import { z } from 'zod';

/** 'share': a fraction 0–1; 'count': a whole number ≥ 0; 'rate': a number ≥ 0 per the measure's unit. */
export const measureKindSchema = z.enum(['share', 'count', 'rate']);
export type MeasureKind = z.infer<typeof measureKindSchema>;

/** 'higher' is better (every audit share so far) or 'lower' is better (repeat referrals). */
export const measureDirectionSchema = z.enum(['higher', 'lower']);
export type MeasureDirection = z.infer<typeof measureDirectionSchema>;

/** The direction in words, as every screen and the board report show it. */
export const DIRECTION_WORDS: Record<MeasureDirection, string> = {
  higher: 'higher is better',
  lower: 'lower is better',
};

/** The kind in words, for the measure form and the board report's XLSX. */
export const KIND_WORDS: Record<MeasureKind, string> = {
  share: 'a share (percentage)',
  count: 'a count per period',
  rate: 'a rate per unit',
};

/**
 * The tolerance a count or rate gets when the manager gives none: a tenth of the way from the
 * baseline to the final target (mirroring the 10 percentage points of a share, which are a tenth of
 * the whole scale), for a count rounded up to a whole number, and never less than 1 for a count
 * (a count one short of its line is Amber, not Red). Shares keep PRODUCT.md's 0.10.
 * @example
 * defaultTolerance('count', 40, 60) // 2
 * defaultTolerance('rate', 12, 8)   // 0.4
 */
export function defaultTolerance(kind: MeasureKind, baseline: number, finalTarget: number): number {
  if (kind === 'share') return 0.1;
  const tenth = Math.abs(finalTarget - baseline) / 10;
  return kind === 'count' ? Math.max(1, Math.ceil(tenth - 1e-9)) : tenth;
}
