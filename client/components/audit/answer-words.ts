/**
 * The words for answer values, and an answer as one line of text: the one wording of answers for
 * every screen that shows them (conflicts, reviews, moderation, the whole audit, its history).
 */
import type { Answer, Answers } from '../../../shared/framework/answer-schema';
import type { FrameworkItem } from '../../../shared/framework/framework-schema';
import { itemApplies } from '../../../shared/framework/item-applies';
import { GRADES } from '../../../shared/metrics/grade-scale';
import { formatDate } from '../format-date-time';

export const QUESTION_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'no', label: 'No' },
  { value: 'not_applicable', label: 'Not applicable' },
];

export const GRADE_OPTIONS = GRADES.map((g) => ({ value: String(g.index), label: g.label }));

export function answerText(answer: Answer | null | undefined): string {
  if (!answer) return 'Not answered';
  switch (answer.kind) {
    case 'question':
      return QUESTION_OPTIONS.find((o) => o.value === answer.value)?.label ?? answer.value;
    case 'grade':
      return GRADES[answer.value].label;
    case 'text':
      return answer.value.trim() || 'Not answered';
    case 'yes-no-note':
      return `${answer.value === 'yes' ? 'Yes' : 'No'}${answer.note ? ` — ${answer.note}` : ''}`;
    case 'case-actions':
      return answer.value.length === 0
        ? 'No actions'
        : answer.value
            .map((a) => `${a.what} (${a.who}, by ${a.byWhen ? formatDate(a.byWhen) : 'no date'})`)
            .join('; ');
    case 'confirmation':
      return answer.value ? 'Confirmed' : 'Not confirmed';
  }
}

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
