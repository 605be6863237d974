/**
 * What every import screen does with its file, apart from what it imports: the chosen file is
 * read once into base64 and kept (so the preview and the import check the same bytes), a file
 * over the screen's limit is refused before anything is sent, the reader's question (which
 * sheet, which character set) is held until answered, and the screen is busy while a request
 * is out.
 */
import { ref } from 'vue';
import type { TableChoice } from '../../../shared/imports/table-choice';
import { fileToBase64 } from '../../stores/qa-import-store';
import { readQuestionFrom, withAnswer, type ReadQuestion } from '../read-question';

export interface ImportFile {
  name: string;
  content: string;
}

export function useImportFile() {
  const file = ref<ImportFile | null>(null);
  /** The sheet or character set the reader was told; sent with the file. */
  const choice = ref<TableChoice>({});
  const question = ref<ReadQuestion | null>(null);
  const busy = ref(false);

  /**
   * Forgets the last file and its answers, then reads the chosen one. Gives the words of the
   * refusal when the file is larger than `tooLarge` allows, and null otherwise.
   */
  async function take(chosen: File | null, tooLarge?: (file: File) => string | null): Promise<string | null> {
    file.value = null;
    choice.value = {};
    question.value = null;
    if (!chosen) return null;
    const refusal = tooLarge?.(chosen) ?? null;
    if (refusal) return refusal;
    file.value = { name: chosen.name, content: await fileToBase64(chosen) };
    return null;
  }

  /** Holds the reader's question when the error is one; true if it was. */
  function ask(error: unknown): boolean {
    question.value = readQuestionFrom(error);
    return question.value !== null;
  }

  /** Adds the person's answer to the choice sent with the file. */
  function answer(value: string): void {
    if (question.value) choice.value = withAnswer(choice.value, question.value, value);
  }

  /** Runs a request with the screen busy until it ends. */
  async function working<T>(request: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await request();
    } finally {
      busy.value = false;
    }
  }

  return { file, choice, question, busy, take, ask, answer, working };
}
