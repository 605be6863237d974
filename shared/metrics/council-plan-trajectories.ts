/**
 * Two targets of the council's improvement plan quoted in PRODUCT.md, as trajectories: the
 * reference plans that the tests of trajectories, RAG ratings and plan measures work their
 * expected values from by hand. "By <month>" is read as the month's last day. Pure; used by
 * tests alone.
 */
import type { Trajectory } from './trajectory';

/**
 * "The baseline for audits reaching the standard of at least 'good' has been reduced to 35%
 * (Jan 2019) from 47% at Oct 2018. Target: at least 60% by Sept 2019, 85% by Dec 2019."
 */
export const AT_LEAST_GOOD_TRAJECTORY: Trajectory = {
  baseline: { date: '2019-01-31', value: 0.35 },
  milestones: [
    { date: '2019-09-30', target: 0.6 },
    { date: '2019-12-31', target: 0.85 },
  ],
};

/**
 * "Baseline 38% of audits had good quality of supervision in February 2019. Targets 50% by
 * April 2019 and 80% by Sept 2019."
 */
export const SUPERVISION_TRAJECTORY: Trajectory = {
  baseline: { date: '2019-02-28', value: 0.38 },
  milestones: [
    { date: '2019-04-30', target: 0.5 },
    { date: '2019-09-30', target: 0.8 },
  ],
};
