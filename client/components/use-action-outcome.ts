/**
 * What a screen's last action came to, in the two lines at its top: `done` says what it did,
 * `problem` why it did not. An action returns its own words for `done`; the screen then loads
 * again, so what it shows is what the server now holds. A failure of the action or of the load
 * is the problem (its message), caught here because the screen is the edge that shows it.
 */
import { ref } from 'vue';
import { messageOf } from '../api/form-problems';

export function useActionOutcome(reload: () => Promise<void>) {
  const problem = ref<string | null>(null);
  const done = ref<string | null>(null);

  /** Clears both lines, runs `action`, says its words and reloads; a throw becomes the problem. */
  async function act(action: () => Promise<string>): Promise<void> {
    problem.value = null;
    done.value = null;
    try {
      done.value = await action();
      await reload();
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  return { problem, done, act };
}
