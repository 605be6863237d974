/**
 * An action's state as of any moment, read from its append-only history (progress notes,
 * the manager's RAG with its reason, the evidence panel's sign-off): the latest of each kind
 * at or before that moment. The plan page asks for "now"; the board report for the end of
 * the chosen London day, so a report drawn up later says what was true then.
 */
import { dayNumberOf } from '../metrics/calendar-date';
import { londonOffsetMinutes } from '../metrics/london-date';
import type { ManagerRag } from './plan-vocabulary';

export interface ActionEvent {
  kind: 'note' | 'rag' | 'sign-off' | 'sign-off-withdrawn' | 'target-revised';
  rag: ManagerRag | null;
  text: string;
  byName: string;
  /** An ISO instant in UTC (…Z), as the server stores it. */
  at: string;
  /** A revised target date: the date it replaced (null when there was none) and the new one. */
  fromDate?: string | null;
  toDate?: string | null;
  /** Read through a carried-forward action's link: said in the plan it came from. */
  previousPlan?: string;
}

export interface ActionState {
  rag: ManagerRag | null;
  ragReason: string;
  ragAt: string | null;
  latestNote: { text: string; byName: string; at: string } | null;
  signedOff: boolean;
  signOffNote: string;
}

/**
 * The state after the events at or before `asOf` (an ISO instant in UTC), or after all of
 * them when `asOf` is null. Events must be in the order they happened.
 */
export function actionStateAsOf(events: readonly ActionEvent[], asOf: string | null): ActionState {
  const state: ActionState = {
    rag: null,
    ragReason: '',
    ragAt: null,
    latestNote: null,
    signedOff: false,
    signOffNote: '',
  };
  const cutoff = asOf === null ? null : Date.parse(asOf);
  for (const event of events) {
    if (cutoff !== null && Date.parse(event.at) > cutoff) break;
    if (event.kind === 'rag') {
      state.rag = event.rag;
      state.ragReason = event.text;
      state.ragAt = event.at;
    } else if (event.kind === 'target-revised') continue;
    else if (event.kind === 'note')
      state.latestNote = { text: event.text, byName: event.byName, at: event.at };
    else {
      state.signedOff = event.kind === 'sign-off';
      state.signOffNote = event.text;
    }
  }
  return state;
}

/**
 * The last instant of a London calendar day, as an ISO instant in UTC.
 * @throws DomainError `invalid_date` for a date that is not YYYY-MM-DD.
 * @example endOfLondonDay('2019-07-01') // '2019-07-01T22:59:59.999Z' (midnight BST is 23:00 UTC)
 */
export function endOfLondonDay(date: string): string {
  const nextMidnightUtc = (dayNumberOf(date) + 1) * 86_400_000;
  // Clocks change at 01:00 UTC, after London's midnight either way: the evening's offset holds.
  const offset = londonOffsetMinutes(nextMidnightUtc - 3_600_000);
  return new Date(nextMidnightUtc - offset * 60_000 - 1).toISOString();
}
