/**
 * The grades the audit form offers, and which items a section lists with their answers. An
 * answer in words is shared/framework/answer-text.ts, the one wording for every screen and file.
 */
import type { Answer, Answers } from '../../../shared/framework/answer-schema';
import type { FrameworkItem } from '../../../shared/framework/framework-schema';
import { itemApplies } from '../../../shared/framework/item-applies';
import { GRADES } from '../../../shared/metrics/grades';

export const GRADE_OPTIONS = GRADES.map((g) => ({ value: String(g.index), label: g.label }));

/**
 * The items of a section to list with their answers: those that apply to this audit (an
 * unanswered "I have followed the safeguarding procedure" when no concern was raised is left out).
 */
export function itemsToList(
  items: readonly FrameworkItem[],
  answers: Readonly<Answers> | Readonly<Record<string, Answer | undefined>>,
): FrameworkItem[] {
  const given: Answers = Object.fromEntries(
    Object.entries(answers).filter((entry): entry is [string, Answer] => entry[1] !== undefined),
  );
  return items.filter((item) => itemApplies(item, given));
}
