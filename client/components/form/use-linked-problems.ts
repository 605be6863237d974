/**
 * A form's linked problems while it is being sent: the error summary's entries, each a link to
 * its field (`#${prefix}-${field}`), the message beside each field, and whether it is busy.
 * The summary (`LinkedErrorSummary`) takes focus itself when problems appear, so this only keeps
 * the state. For forms whose problems are field paths, see `useFormProblems`.
 */
import { ref } from 'vue';
import { NO_PROBLEMS, problemsFrom, type Problems } from '../../api/form-problems';

export function useLinkedProblems(prefix: string) {
  const problems = ref<Problems>(NO_PROBLEMS);
  const busy = ref(false);

  /**
   * Shows a failure as the form's problems: a problem in a field the form knows links to it, any
   * other to `fallback` (`known` empty: every field is known).
   */
  function fail(error: unknown, fallback: string, known: readonly string[] = []): void {
    problems.value = problemsFrom(error, prefix, fallback, known);
  }

  /**
   * Sends with the problems cleared and the form busy; a failure becomes the form's problems by
   * `toProblems`. Gives whether it was sent.
   */
  async function sendMapped(
    request: () => Promise<void>,
    toProblems: (error: unknown) => Problems,
  ): Promise<boolean> {
    problems.value = NO_PROBLEMS;
    busy.value = true;
    try {
      await request();
      return true;
    } catch (error) {
      problems.value = toProblems(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Sends as `sendMapped`, a failure shown as `fail` shows it. Gives whether it was sent. */
  const send = (request: () => Promise<void>, fallback: string, known: readonly string[] = []) =>
    sendMapped(request, (error) => problemsFrom(error, prefix, fallback, known));

  return { problems, busy, fail, send, sendMapped };
}
