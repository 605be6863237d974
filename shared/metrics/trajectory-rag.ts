/**
 * The RAG colour of a measure for one period, judged against its trajectory on the period's
 * END date (a September figure is held to where the plan said we would be on 30 September).
 *
 * One function for both directions: the direction is data (`better`, +1 when higher is better,
 * −1 when lower is better), and every rule compares the SHORTFALL — how far the value is on the
 * wrong side of a target, better × (target − value) — so each rule reads, for lower-is-better,
 * as PRODUCT.md's rule with ≥ and "minus" turned round ("Blue when value ≤ final target").
 *
 * Precedence — the rules are tried in this order and the FIRST that matches wins:
 *   1. No data — the period has fewer audits than the minimum n (default 5): too few to judge.
 *                Shares with a count only; a count or rate has no n.
 *   2. Blue    — the value is at or beyond the final target (≥ higher-is-better, ≤ lower): achieved.
 *   3. Red     — a milestone dated on or before BOTH the evaluation date and the period's end
 *                was missed by more than the tolerance (its shortfall exceeds the tolerance).
 *                Only milestones already due, as of today and as of the period, can be missed;
 *                a milestone in the future of either cannot.
 *   4. Green   — the value is at or beyond the trajectory.
 *   5. Amber   — the value is short of the trajectory by no more than the tolerance (default 10
 *                percentage points, 0.10, for a share; in the measure's own units for a count
 *                or rate, default in shared/metrics/measure-kind.ts `defaultTolerance`).
 *   6. Amber   — the 95% Wilson interval reaches the trajectory (its upper bound when higher is
 *                better, its lower bound when lower is better): the shortfall may be sampling
 *                noise. Shares with a count only: a count or rate is the whole figure, not a
 *                sample, so it has no interval and this rule is skipped.
 *   7. Red     — otherwise.
 * Blue comes before Red so a measure that has reached its final target is never Red for an
 * earlier milestone it has since overtaken; rule 3 comes before Green so being on today's
 * line does not hide a milestone the plan has already missed.
 *
 * Comparisons treat differences under 1e-9 as equal, so a figure exactly on a target or
 * exactly at the tolerance is not tipped over by binary floating point (0.55 − 0.45 is
 * 0.10000000000000003 in IEEE 754).
 *
 * A measure entered by hand with no count behind it ({ value }) has no n and no interval, so
 * rules 1 and 6 cannot apply to it and are skipped. The manager's own RAG is separate.
 */
import { DomainError } from '../errors/domain-error';
import { dayNumberOf } from './calendar-date';
import { finalTarget, trajectoryValue, type Milestone, type Trajectory } from './trajectory';
import { assertCount, wilsonInterval } from './wilson-interval';
import type { MeasureDirection, MeasureKind } from './measure-kind';

/** The measure's colour; 'no-data' when there were too few audits to judge. */
export type RagColour = 'no-data' | 'blue' | 'red' | 'green' | 'amber';
/** Which of the seven rules above decided the colour. */
export type RagRule = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** PRODUCT.md: 10 percentage points, as a fraction. */
export const DEFAULT_TOLERANCE = 0.1;
/** PRODUCT.md: fewer than 5 audits in a period is "no data". */
export const DEFAULT_MINIMUM_N = 5;
const EPSILON = 1e-9;

/** What the RAG of one period needs. Dates are London calendar dates, YYYY-MM-DD. */
export interface RagInput {
  trajectory: Trajectory;
  /** The period's figure: a count from audits, or a value entered by hand (a fraction). */
  observed: { k: number; n: number } | { value: number };
  /** The last day of the period (London date, YYYY-MM-DD). */
  periodEnd: string;
  /** The day the colour is worked out on, usually today (London date). */
  evaluationDate: string;
  /** How far below the trajectory still counts as Amber, as a fraction. Default 0.10. */
  tolerance?: number;
  /** Fewer audits than this in the period is "no data". Default 5. */
  minimumN?: number;
  /**
   * What the figure is: a share (default; fractions 0–1), a count (a whole number ≥ 0) or a rate
   * (a number ≥ 0). A count or rate is observed as { value }, and its trajectory and tolerance
   * are in its own units.
   */
  kind?: MeasureKind;
  /** Which way is better. Default 'higher'. */
  direction?: MeasureDirection;
}

/** The colour, the rule that decided it, and the figures it compared. */
export interface RagResult {
  colour: RagColour;
  rule: RagRule;
  /** Where the trajectory is on the period's end date. */
  trajectoryValue: number;
  /** The period's figure (a fraction for a share); null only when there were no audits at all. */
  value: number | null;
  /** For rule 3: the latest milestone that was missed by more than the tolerance. */
  missedMilestone?: Milestone;
}

/**
 * @throws DomainError `invalid_trajectory` for a bad trajectory, tolerance or minimum n;
 *   `invalid_count` for an impossible count or a value outside 0–1; `invalid_date` for a bad date.
 * @example
 * // A published council plan: 35% in Jan 2019, 60% by Sept 2019, 85% by Dec 2019.
 * trajectoryRag({ trajectory, observed: { k: 9, n: 20 }, periodEnd: '2019-05-31', evaluationDate: '2019-06-10' })
 * // { colour: 'amber', rule: 5, trajectoryValue: 0.4739…, value: 0.45 }
 */
export function trajectoryRag(input: RagInput): RagResult {
  const {
    trajectory,
    observed,
    tolerance = DEFAULT_TOLERANCE,
    minimumN = DEFAULT_MINIMUM_N,
    kind = 'share',
    direction = 'higher',
  } = input;
  const share = kind === 'share';
  if (!(tolerance >= 0 && (share ? tolerance <= 1 : Number.isFinite(tolerance)))) {
    throw new DomainError(
      'invalid_trajectory',
      share
        ? `A tolerance of ${tolerance} is not a fraction between 0 and 1.`
        : `A tolerance of ${tolerance} is not a number from 0.`,
    );
  }
  if (!Number.isSafeInteger(minimumN) || minimumN < 1) {
    throw new DomainError(
      'invalid_trajectory',
      `A minimum n of ${minimumN} is not a whole number of at least 1.`,
    );
  }
  const periodEnd = dayNumberOf(input.periodEnd);
  const evaluationDay = dayNumberOf(input.evaluationDate);
  const onTrajectory = trajectoryValue(trajectory, input.periodEnd, share ? 'fraction' : 'amount');
  const result = (colour: RagColour, rule: RagRule, value: number | null, missed?: Milestone): RagResult =>
    missed
      ? { colour, rule, trajectoryValue: onTrajectory, value, missedMilestone: missed }
      : { colour, rule, trajectoryValue: onTrajectory, value };

  let value: number;
  /** The interval's bound on the better side (upper when higher is better), for rule 6. */
  let bestBound: number | undefined;
  if ('k' in observed) {
    if (!share) {
      throw new DomainError('invalid_count', `A ${kind} is a number, not a count of k in n.`);
    }
    assertCount(observed.k, observed.n);
    if (observed.n < minimumN) return result('no-data', 1, observed.n === 0 ? null : observed.k / observed.n);
    value = observed.k / observed.n;
    const interval = wilsonInterval(observed.k, observed.n);
    bestBound = direction === 'lower' ? interval?.lower : interval?.upper;
  } else {
    value = observed.value;
    assertValue(kind, value);
  }

  const better = direction === 'lower' ? -1 : 1;
  /** How far `value` is on the wrong side of `target` (negative: beyond it, the good side). */
  const shortfall = (target: number, of = value) => better * (target - of);
  if (shortfall(finalTarget(trajectory)) <= EPSILON) return result('blue', 2, value);
  const missed = trajectory.milestones.filter((m) => {
    const due = dayNumberOf(m.date);
    return due <= evaluationDay && due <= periodEnd && shortfall(m.target) > tolerance + EPSILON;
  });
  const latestMissed = missed.at(-1);
  if (latestMissed) return result('red', 3, value, latestMissed);
  if (shortfall(onTrajectory) <= EPSILON) return result('green', 4, value);
  if (shortfall(onTrajectory) <= tolerance + EPSILON) return result('amber', 5, value);
  if (bestBound !== undefined && shortfall(onTrajectory, bestBound) <= EPSILON)
    return result('amber', 6, value);
  return result('red', 7, value);
}

function assertValue(kind: MeasureKind, value: number): void {
  if (kind === 'share' && !(value >= 0 && value <= 1)) {
    throw new DomainError('invalid_count', `A value of ${value} is not a fraction between 0 and 1.`);
  }
  if (kind === 'count' && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new DomainError('invalid_count', `A count of ${value} is not a whole number from 0.`);
  }
  if (kind === 'rate' && !(Number.isFinite(value) && value >= 0)) {
    throw new DomainError('invalid_count', `A rate of ${value} is not a number from 0.`);
  }
}
