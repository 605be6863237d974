/**
 * Post-audit compliance as a plan measure's figure: the share of counted case
 * actions done on time, per period of the date each action was due. Each period's figure is
 * decided by actionCompliance (case-action-compliance.ts), the one rule the compliance screen
 * uses too, so a measure's month and the screen's month never disagree.
 */
import { z } from 'zod';
import { dayNumberOf } from '../metrics/calendar-date';
import type { Period, PeriodBucketer } from '../metrics/periods';
import type { Proportion } from '../metrics/proportion';
import { actionCompliance, type ActionForCompliance } from './case-action-compliance';

/** Which actions a compliance measure counts: its plan's service's, of these teams (none: every team), optionally of one round. */
export const complianceFiltersSchema = z
  .object({
    teamIds: z.array(z.uuid('Choose a team from the list')).max(100).default([]),
    roundId: z.uuid('Choose a round from the list').nullable().default(null),
  })
  .strict();
export type ComplianceFilters = z.infer<typeof complianceFiltersSchema>;

/** How the measure names its figure in forms, panels and the board report. */
export const COMPLIANCE_MEASURE_WORDS = 'Post-audit compliance (case actions done on time)';

/**
 * The figure of each period overlapping `from`..`to` (YYYY-MM-DD), as of `today`: the actions
 * due in that period, counted by the compliance rule. A period with none counted has n = 0.
 * @example compliancePerPeriod([{ state: 'done', dueDate: '2026-03-31', completedOn: '2026-03-30' }],
 *   periodBucketer('month'), '2026-03-01', '2026-03-31', '2026-04-02') // [{ period: March 2026, figure: 1 of 1 }]
 */
export function compliancePerPeriod(
  actions: readonly ActionForCompliance[],
  bucketer: PeriodBucketer,
  from: string,
  to: string,
  today: string,
): { period: Period; figure: Proportion }[] {
  const byKey = new Map<number, ActionForCompliance[]>();
  for (const action of actions) {
    const key = bucketer.keyOfDay(dayNumberOf(action.dueDate));
    byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  return bucketer.keysOverlapping(dayNumberOf(from), dayNumberOf(to)).map((key) => ({
    period: bucketer.period(key),
    figure: actionCompliance(byKey.get(key) ?? [], today),
  }));
}
