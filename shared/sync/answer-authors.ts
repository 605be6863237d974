/**
 * Who gave the answers of a joint audit (docs/JOINT-AUDITS.md), in words every screen that shows
 * answers uses: "Harriet Okafor (Health)" under an answer, and the list of the people who answered,
 * each with how many answers they gave, at the head of a review, a record or a moderation. Pure:
 * reads only the `by` each answer carries.
 */
import type { AnsweredBy, Answers } from '../framework/answer-schema';
import { AGENCY_LABELS } from '../accounts/agency-names';

/**
 * An author in plain words: name and agency.
 * @example answeredByWords({ personId, name: 'Harriet Okafor', agency: 'health' }) // 'Harriet Okafor (Health)'
 */
export function answeredByWords(by: AnsweredBy): string {
  return `${by.name.trim() || 'Someone'} (${AGENCY_LABELS[by.agency]})`;
}

/** One person who answered, and the keys of the items whose answer they gave. */
export interface AnswerAuthor {
  by: AnsweredBy;
  itemKeys: string[];
}

/**
 * The people who gave the answers, most answers first (ties by name, then id, so the order never
 * depends on the map's order). An answer without `by` (written before joint audits, or in an
 * audit with one auditor) names nobody and is left out: an audit with one auditor has no authors.
 * One person is one entry (by id), named as on their first answer in key order, even if their
 * name changed between answers.
 * @example
 *   answerAuthors({ a: { kind: 'text', value: 'x', by: harriet }, b: { kind: 'text', value: 'y' } })
 *   // [{ by: harriet, itemKeys: ['a'] }]
 */
export function answerAuthors(answers: Answers): AnswerAuthor[] {
  const byPerson = new Map<string, AnswerAuthor>();
  for (const key of Object.keys(answers).sort()) {
    const by = answers[key]?.by;
    if (!by) continue;
    const author = byPerson.get(by.personId);
    if (author) author.itemKeys.push(key);
    else byPerson.set(by.personId, { by, itemKeys: [key] });
  }
  return [...byPerson.values()].sort(
    (x, y) =>
      y.itemKeys.length - x.itemKeys.length ||
      x.by.name.localeCompare(y.by.name, 'en-GB') ||
      (x.by.personId < y.by.personId ? -1 : x.by.personId > y.by.personId ? 1 : 0),
  );
}
