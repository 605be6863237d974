/**
 * Post-audit compliance: were the actions an audit set for the case done on time? The rule,
 * the same on every screen, in the docs and in plan measures:
 * - "done on time": done, with a completion date on or before the due date;
 * - "not on time": done after the due date, or still open after the due date (overdue);
 * - not counted: marked "not needed" (it leaves the denominator), and open actions not yet due
 *   (they can still be done on time).
 * Dates are London calendar dates (YYYY-MM-DD); "today" is the London date of the moment asked.
 * The figure is "41 of 50 actions done on time — 82% (95% CI 69–90%)": a Wilson interval
 * (shared/metrics/proportion.ts), "no data" when nothing counts.
 */
import { proportion, type Proportion } from '../metrics/proportion';
import { NO_DATA, roundedPercent } from '../metrics/format-percentage';
import type { CaseActionState } from './case-action-schemas';

export interface ActionForCompliance {
  state: CaseActionState;
  /** YYYY-MM-DD. */
  dueDate: string;
  /** YYYY-MM-DD when done; null otherwise. */
  completedOn: string | null;
}

/** How one action counts: on time, not on time, or not in the figure at all. */
export type ComplianceOutcome = 'on_time' | 'not_on_time' | 'not_counted';

/**
 * @example complianceOutcome({ state: 'done', dueDate: '2026-03-31', completedOn: '2026-03-31' }, '2026-05-01') // 'on_time'
 * @example complianceOutcome({ state: 'open', dueDate: '2026-03-31', completedOn: null }, '2026-03-31') // 'not_counted'
 */
export function complianceOutcome(action: ActionForCompliance, today: string): ComplianceOutcome {
  switch (action.state) {
    case 'not_needed':
      return 'not_counted';
    case 'done':
      return action.completedOn !== null && action.completedOn <= action.dueDate ? 'on_time' : 'not_on_time';
    case 'open':
      return today > action.dueDate ? 'not_on_time' : 'not_counted';
  }
}

/** The share of counted actions done on time, with its 95% interval. */
export function actionCompliance(actions: readonly ActionForCompliance[], today: string): Proportion {
  let onTime = 0;
  let counted = 0;
  for (const action of actions) {
    const outcome = complianceOutcome(action, today);
    if (outcome === 'not_counted') continue;
    counted += 1;
    if (outcome === 'on_time') onTime += 1;
  }
  return proportion(onTime, counted);
}

/**
 * @example formatCompliance(proportion(41, 50)) // '41 of 50 actions done on time — 82% (95% CI 69–90%)'
 * @example formatCompliance(proportion(0, 0))   // 'no data'
 */
export function formatCompliance(p: Proportion): string {
  if (p.n === 0 || p.interval === null) return NO_DATA;
  const lower = Math.round(p.interval.lower * 100 + 1e-9);
  const upper = Math.round(p.interval.upper * 100 + 1e-9);
  const noun = p.n === 1 ? 'action' : 'actions';
  return `${p.k} of ${p.n} ${noun} done on time — ${roundedPercent(p.k, p.n)}% (95% CI ${lower}–${upper}%)`;
}

/** The definition in words, for the screen beside the figure. */
export const COMPLIANCE_RULE_WORDS =
  'Done on time: marked done with a completion date on or before the due date. Done late, or still open after the due date, is not on time. Actions marked “not needed” are left out, and so are open actions not yet due.';
