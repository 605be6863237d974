/**
 * The path a plan's measure is expected to follow: a baseline and milestone targets joined by
 * straight lines, day by day ("35% in January 2019, 60% by September, 85% by December"). The
 * trajectory is flat at the baseline before it and flat at the final target after the last
 * milestone, so a period outside the plan's dates is still judged against something the plan
 * actually said. Values are fractions (0.6 for 60%), like every figure in shared/.
 */
import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { dayNumberOf } from './calendar-date';
import { calendarDateSchema } from '../validation/bounded-date';

const fractionSchema = z.number().min(0).max(1);
/** A count's or rate's figure: any finite number from 0, in the measure's own units. */
const amountSchema = z.number().min(0).max(1e9);

const pointsInOrder = (t: { baseline: { date: string }; milestones: { date: string }[] }) =>
  t.milestones.every((m, i) => m.date > (i === 0 ? t.baseline.date : (t.milestones[i - 1]?.date ?? '')));
const ORDER_MESSAGE =
  'Milestones must come after the baseline and after one another, with no two on the same date.';

/** A baseline and at least one milestone, in date order; values are fractions 0–1. */
export const trajectorySchema = z
  .object({
    baseline: z.object({ date: calendarDateSchema, value: fractionSchema }),
    milestones: z.array(z.object({ date: calendarDateSchema, target: fractionSchema })).min(1),
  })
  .refine(pointsInOrder, { message: ORDER_MESSAGE });

/**
 * The trajectory of a count or rate (shared/metrics/measure-kind.ts): the same shape, with values
 * in the measure's own units (12 contacts, 8.5 per 100 referrals) rather than fractions.
 */
export const amountTrajectorySchema = z
  .object({
    baseline: z.object({ date: calendarDateSchema, value: amountSchema }),
    milestones: z.array(z.object({ date: calendarDateSchema, target: amountSchema })).min(1),
  })
  .refine(pointsInOrder, { message: ORDER_MESSAGE });

/** A measure's trajectory: baseline { date, value } and milestones [{ date, target }]. */
export type Trajectory = z.infer<typeof trajectorySchema>;
/** One milestone: a target to reach by a date. */
export type Milestone = Trajectory['milestones'][number];

/**
 * Checks a trajectory that did not come through the schema (one built in code): fractions for a
 * share (the default), numbers from 0 in the measure's units for a count or rate.
 * @throws DomainError `invalid_trajectory` with the schema's reason.
 */
export function assertTrajectory(trajectory: Trajectory, scale: 'fraction' | 'amount' = 'fraction'): void {
  const parsed = (scale === 'amount' ? amountTrajectorySchema : trajectorySchema).safeParse(trajectory);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_trajectory',
      parsed.error.issues[0]?.message ?? 'The trajectory is not valid.',
    );
  }
}

/**
 * The trajectory's value on a calendar date, interpolated linearly by calendar day between the
 * points either side (`scale` 'amount' for a count's or rate's trajectory). On a milestone's own date it is exactly that milestone's target (no
 * floating-point drift from interpolating to the end of a segment).
 * @throws DomainError `invalid_trajectory`, or `invalid_date` for a date that is not YYYY-MM-DD.
 * @example
 * trajectoryValue({ baseline: { date: '2019-01-31', value: 0.35 }, milestones: [{ date: '2019-09-30', target: 0.6 }] }, '2019-05-31')
 * // 0.35 + 0.25 × 120/242 ≈ 0.474
 */
export function trajectoryValue(
  trajectory: Trajectory,
  date: string,
  scale: 'fraction' | 'amount' = 'fraction',
): number {
  assertTrajectory(trajectory, scale);
  const day = dayNumberOf(date);
  const points = [
    { day: dayNumberOf(trajectory.baseline.date), value: trajectory.baseline.value },
    ...trajectory.milestones.map((m) => ({ day: dayNumberOf(m.date), value: m.target })),
  ];
  let previous = points[0];
  if (!previous || day <= previous.day) return trajectory.baseline.value;
  for (const point of points.slice(1)) {
    if (day === point.day) return point.value;
    if (day < point.day) {
      return (
        previous.value + ((point.value - previous.value) * (day - previous.day)) / (point.day - previous.day)
      );
    }
    previous = point;
  }
  return previous.value;
}

/** The last milestone's target: reaching it means the measure is achieved. */
export function finalTarget(trajectory: Trajectory): number {
  const last = trajectory.milestones.at(-1);
  if (!last) throw new DomainError('invalid_trajectory', 'A trajectory needs at least one milestone.');
  return last.target;
}
