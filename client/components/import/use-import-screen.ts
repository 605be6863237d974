/**
 * The steps every import screen with a preview takes, whatever it imports: a chosen file is
 * checked at once (the server's preview, with the column mapping once the person has changed
 * it), the reader's question is answered by checking again, the import commits the checked
 * file with its mapping, and the history of imports is loaded on arrival and after each import.
 * The screen gives what differs: its store's calls and the problems a preview shows.
 */
import { ref, type Ref } from 'vue';
import type { TableChoice } from '../../../shared/imports/table-choice';
import { NO_PROBLEMS, oneProblem, problemsFrom, type Problems } from '../../api/form-problems';
import { loadOnMount } from '../load-on-mount';
import { useImportFile, type ImportFile } from './use-import-file';

export interface ImportSteps<Preview extends { mapping: Mapping }, Mapping, Result, History> {
  /** The ids' prefix (`${prefix}-file` is the file field) for the problems' links. */
  prefix: string;
  history: History;
  loadHistory: () => Promise<History>;
  /** The server's preview; `mapping` is undefined until the person changes it. */
  preview: (file: ImportFile, choice: TableChoice, mapping: Mapping | undefined) => Promise<Preview>;
  commit: (file: ImportFile, choice: TableChoice, mapping: Mapping) => Promise<Result>;
  /** What the preview's problems are on this screen (NO_PROBLEMS when it can be imported). */
  problemsOf: (preview: Preview) => Problems;
  /** What else the screen does once an import is committed. */
  committed?: () => void;
}

export function useImportScreen<Preview extends { mapping: Mapping }, Mapping, Result, History>(
  steps: ImportSteps<Preview, Mapping, Result, History>,
) {
  const importFile = useImportFile();
  const { file, choice, question, take, ask, working } = importFile;
  const preview = ref(null) as Ref<Preview | null>;
  const mapping = ref(null) as Ref<Mapping | null>;
  const result = ref(null) as Ref<Result | null>;
  const history = ref(steps.history) as Ref<History>;
  const problems = ref<Problems>(NO_PROBLEMS);
  const failed = (error: unknown): void => {
    problems.value = problemsFrom(error, steps.prefix, 'file');
  };

  /** Checks the chosen file: with the person's mapping, or with the one the server reads. */
  async function check(withMapping: boolean): Promise<void> {
    const chosen = file.value;
    if (!chosen) return;
    result.value = null;
    question.value = null;
    await working(async () => {
      try {
        const p = await steps.preview(
          chosen,
          choice.value,
          withMapping ? (mapping.value ?? undefined) : undefined,
        );
        preview.value = p;
        mapping.value = { ...p.mapping };
        problems.value = steps.problemsOf(p);
      } catch (error) {
        preview.value = null;
        problems.value = ask(error) ? NO_PROBLEMS : problemsFrom(error, steps.prefix, 'file');
      }
    });
  }

  /** A file chosen (or the choice cleared): refused at once when `tooLarge` says so, else checked. */
  async function choose(chosen: File | null, tooLarge?: (file: File) => string | null): Promise<void> {
    preview.value = null;
    result.value = null;
    problems.value = NO_PROBLEMS;
    const refusal = await take(chosen, tooLarge);
    if (refusal) problems.value = oneProblem(refusal, steps.prefix, 'file');
    else await check(false);
  }

  async function importNow(): Promise<void> {
    const chosen = file.value;
    const columns = mapping.value;
    if (!chosen || !columns) return;
    await working(async () => {
      try {
        result.value = await steps.commit(chosen, choice.value, columns);
        preview.value = null;
        steps.committed?.();
        history.value = await steps.loadHistory();
      } catch (error) {
        failed(error);
      }
    });
  }

  /** The person's answer to the reader's question: the file is read again that way. */
  async function answer(value: string): Promise<void> {
    if (!question.value) return;
    importFile.answer(value);
    await check(false);
  }

  loadOnMount(async () => {
    history.value = await steps.loadHistory();
  }, failed);

  return { ...importFile, preview, mapping, result, history, problems, check, choose, importNow, answer };
}
