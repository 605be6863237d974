/**
 * An answer as one line of words, for every place that shows or writes one (the screens, the
 * inspection pack's page and its Word document). Pure, so the server writes the same words as
 * the screens.
 */
import type { Answer } from './answer-schema';
import { GRADES } from '../metrics/grades';
import { longDate } from '../metrics/month-names';

/** A calendar date in words; anything else (a draft's half-typed date) as it was typed. */
function dateWords(text: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(text);
  return match ? longDate(text) : text;
}

export const QUESTION_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'partly', label: 'Partly' },
  { value: 'no', label: 'No' },
  { value: 'not_applicable', label: 'Not applicable' },
] as const;

/**
 * @example answerText({ kind: 'question', value: 'partly' }) // 'Partly'
 * @example answerText(undefined) // 'Not answered'
 */
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
            .map((a) => `${a.what} (${a.who}, by ${a.byWhen ? dateWords(a.byWhen) : 'no date'})`)
            .join('; ');
    case 'confirmation':
      return answer.value ? 'Confirmed' : 'Not confirmed';
  }
}
