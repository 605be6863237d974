/**
 * A form's problems while it is being sent: the problems found (by the shared schema before
 * sending, or by the server after), the message beside each field, whether it is busy, and the
 * error summary, which takes focus when problems appear so a screen reader hears them.
 * The template binds the summary with `ref="summary"`.
 */
import { nextTick, ref } from 'vue';
import { fieldError, problemsFromError, type FormProblems } from '../../api/form-problems';

export function useFormProblems() {
  const problems = ref<FormProblems | null>(null);
  const busy = ref(false);
  const summary = ref<{ focus: () => void } | null>(null);

  /** The message for one field, for the line above its input. */
  const error = (path: string): string | undefined => fieldError(problems.value, path);

  /** Shows the problems and moves focus to their summary. */
  async function show(found: FormProblems): Promise<void> {
    problems.value = found;
    await nextTick();
    summary.value?.focus();
  }

  /**
   * Sends with the form busy; a failure is shown as the form's problems. Gives whether it
   * was sent.
   */
  async function send(request: () => Promise<void>): Promise<boolean> {
    problems.value = null;
    busy.value = true;
    try {
      await request();
      return true;
    } catch (failure) {
      await show(problemsFromError(failure));
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { problems, busy, summary, error, show, send };
}
