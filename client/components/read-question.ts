/**
 * The file reader's question, when it could not read an uploaded file without the person:
 * which sheet of a workbook (`choose_sheet`) or which character set (`choose_encoding`). Every
 * import screen asks it with FileReadQuestion.vue and resends the file with the answer.
 */
import { ApiError } from '../api/http';
import type { ErrorChoice } from '../../shared/errors/app-error';
import { TABLE_ENCODINGS, type TableChoice } from '../../shared/imports/table-choice';

export interface ReadQuestion {
  kind: 'sheet' | 'encoding';
  message: string;
  choices: ErrorChoice[];
}

/** The question an error asks, or null when it is an ordinary error. */
export function readQuestionFrom(error: unknown): ReadQuestion | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'choose_sheet' && error.code !== 'choose_encoding') return null;
  return {
    kind: error.code === 'choose_sheet' ? 'sheet' : 'encoding',
    message: error.message,
    choices: error.choices,
  };
}

/** The choice so far with the person's answer to the question added. */
export function withAnswer(choice: TableChoice, question: ReadQuestion, value: string): TableChoice {
  if (question.kind === 'sheet') return { ...choice, sheet: value };
  const encoding = TABLE_ENCODINGS.find((e) => e === value);
  return encoding ? { ...choice, encoding } : choice;
}
