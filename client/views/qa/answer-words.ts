/** An audit's answer in words, for the moderator's read-only view of the audit. */
import type { Answer } from '../../../shared/framework/answer-schema';
import { gradeWords } from './qa-words';

const CHOICES: Record<string, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  not_applicable: 'Not applicable',
};

export function answerWords(answer: Answer | undefined): string {
  if (!answer) return 'Not answered';
  switch (answer.kind) {
    case 'question':
      return CHOICES[answer.value] ?? answer.value;
    case 'grade':
      return gradeWords(answer.value);
    case 'text':
      return answer.value.trim() || 'Not answered';
    case 'yes-no-note':
      return `${CHOICES[answer.value] ?? answer.value}${answer.note.trim() ? ` — ${answer.note}` : ''}`;
    case 'case-actions':
      return answer.value.length === 0
        ? 'No actions'
        : answer.value.map((a) => `${a.what} (${a.who}${a.byWhen ? `, by ${a.byWhen}` : ''})`).join('; ');
    case 'confirmation':
      return answer.value ? 'Confirmed' : 'Not confirmed';
  }
}
