/**
 * A plan's progress in the councils' own words, for the plan page and the board report:
 *   "8 recommendations made up of 34 actions (11 actions complete)"
 *   "2 recommendations fully complete (subject to approval at the evidence panel)"
 *   "Of the 13 areas for improvement, eight are Green and five are Amber"
 * and the same RAG count within each timescale group and each theme.
 *
 * Rules, stated once here:
 * - An action is complete when the manager's RAG is Blue.
 * - An area's RAG is Blue when every action is Blue; otherwise the worst RAG among its actions
 *   (Red, then Amber, then Green); "not yet rated" when none of its actions has a RAG.
 * - An area is fully complete when it has actions and all are Blue; it is "subject to approval
 *   at the evidence panel" while any of those actions lacks the panel's sign-off. It is
 *   partially complete when some, not all, of its actions are Blue:
 *   "6 other recommendations were partially complete (18 actions outstanding)", counting the
 *   actions of those areas that are not yet Blue.
 * - An action that answers several areas is listed (and judged) under each, but counted once
 *   in the plan's totals: actions with the same `id` are one action.
 * - Counts under ten inside a sentence are written as words ("eight are Green"), as the
 *   councils' reports do; the leading totals stay as figures.
 */
import {
  MANAGER_RAG_TEXT,
  pluralNoun,
  type AreaNoun,
  type ManagerRag,
  type Timescale,
  TIMESCALES,
} from './plan-vocabulary';

export interface SummaryAction {
  /** Set when the action may be listed under several areas: counted once by this id. */
  id?: string;
  rag: ManagerRag | null;
  signedOff: boolean;
}

export interface SummaryArea {
  theme: string;
  timescale: Timescale;
  actions: readonly SummaryAction[];
}

export type AreaRag = ManagerRag | 'not-rated';

export interface RagGroup {
  /** The timescale key or the theme; '' for areas without a theme. */
  key: string;
  areas: number;
  counts: Record<AreaRag, number>;
  sentence: string;
}

export interface ProgressSummary {
  headline: string;
  complete: string | null;
  /** "6 other recommendations were partially complete (18 actions outstanding)"; null when none are. */
  partial: string | null;
  ragSentence: string;
  areaRags: AreaRag[];
  byTimescale: RagGroup[];
  byTheme: RagGroup[];
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** A count as councils write it inside a sentence. @example inWords(8) // 'eight' */
export function inWords(n: number): string {
  return WORDS[n] ?? String(n);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "a", "a and b", "a, b and c". */
export function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const ORDER: AreaRag[] = ['red', 'amber', 'green', 'blue', 'not-rated'];

/** An area's RAG from its actions' (see the module comment). */
export function areaRag(actions: readonly SummaryAction[]): AreaRag {
  const rated = actions.flatMap((a) => (a.rag ? [a.rag] : []));
  if (rated.length === 0) return 'not-rated';
  if (rated.length === actions.length && rated.every((r) => r === 'blue')) return 'blue';
  for (const rag of ['red', 'amber', 'green'] as const) if (rated.includes(rag)) return rag;
  // Only Blue among the rated, with some actions not yet rated: the unrated ones are still open.
  return 'green';
}

function ragCounts(rags: readonly AreaRag[]): Record<AreaRag, number> {
  const counts: Record<AreaRag, number> = { red: 0, amber: 0, green: 0, blue: 0, 'not-rated': 0 };
  for (const rag of rags) counts[rag] += 1;
  return counts;
}

function ragPhrase(counts: Record<AreaRag, number>, total: number): string {
  const parts = ORDER.filter((rag) => counts[rag] > 0).map((rag) => {
    const n = counts[rag];
    const label = rag === 'not-rated' ? 'not yet rated' : MANAGER_RAG_TEXT[rag].label;
    const verb = n === 1 ? 'is' : 'are';
    return n === total && total > 1 ? `all are ${label}` : `${inWords(n)} ${verb} ${label}`;
  });
  return listInWords(parts);
}

/**
 * @example
 * progressSummary('recommendation', areas).headline // '8 recommendations made up of 34 actions (11 actions complete)'
 */
export function progressSummary(noun: AreaNoun, areas: readonly SummaryArea[]): ProgressSummary {
  const listed = areas.flatMap((a) => a.actions);
  const byId = new Map(listed.flatMap((a) => (a.id ? [[a.id, a] as const] : [])));
  const actions = [...listed.filter((a) => !a.id), ...byId.values()];
  const complete = actions.filter((a) => a.rag === 'blue').length;
  const nouns = pluralNoun(noun);
  const headline = `${plural(areas.length, noun, nouns)} made up of ${plural(actions.length, 'action', 'actions')} (${plural(complete, 'action', 'actions')} complete)`;

  const fully = areas.filter((a) => a.actions.length > 0 && a.actions.every((x) => x.rag === 'blue'));
  const awaitingPanel = fully.some((a) => a.actions.some((x) => !x.signedOff));
  const completeSentence =
    fully.length === 0
      ? null
      : `${plural(fully.length, noun, nouns)} fully complete${awaitingPanel ? ' (subject to approval at the evidence panel)' : ''}`;

  const partly = areas.filter(
    (a) => a.actions.some((x) => x.rag === 'blue') && a.actions.some((x) => x.rag !== 'blue'),
  );
  // An open action listed under two partially complete areas is one action outstanding.
  const outstanding = new Set(
    partly.flatMap((a) => a.actions.filter((x) => x.rag !== 'blue').map((x) => x.id ?? x)),
  ).size;
  const partialSentence =
    partly.length === 0
      ? null
      : `${partly.length}${fully.length > 0 ? ' other' : ''} ${partly.length === 1 ? `${noun} was` : `${nouns} were`} partially complete (${plural(outstanding, 'action', 'actions')} outstanding)`;

  const areaRags = areas.map((a) => areaRag(a.actions));
  const ragSentence =
    areas.length === 0
      ? `There are no ${nouns} in this plan yet`
      : `Of the ${plural(areas.length, noun, nouns)}, ${ragPhrase(ragCounts(areaRags), areas.length)}`;

  const group = (key: string, indexes: number[]): RagGroup => {
    const rags = indexes.map((i) => areaRags[i] ?? 'not-rated');
    const counts = ragCounts(rags);
    return {
      key,
      areas: indexes.length,
      counts,
      sentence: `${plural(indexes.length, noun, nouns)}: ${ragPhrase(counts, indexes.length)}`,
    };
  };
  const indexesWhere = (test: (a: SummaryArea) => boolean) => areas.flatMap((a, i) => (test(a) ? [i] : []));
  const byTimescale = TIMESCALES.map((t) =>
    group(
      t,
      indexesWhere((a) => a.timescale === t),
    ),
  ).filter((g) => g.areas > 0);
  const themes = [...new Set(areas.map((a) => a.theme))].sort((a, b) =>
    a.localeCompare(b, 'en-GB', { numeric: true }),
  );
  const byTheme = themes.map((theme) =>
    group(
      theme,
      indexesWhere((a) => a.theme === theme),
    ),
  );
  return {
    headline,
    complete: completeSentence,
    partial: partialSentence,
    ragSentence,
    areaRags,
    byTimescale,
    byTheme,
  };
}
