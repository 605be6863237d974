/**
 * A screen's first load: run it once the view is mounted, and hand a failure to the screen to
 * show (a message, or a form's problems). Only the load's own failure is caught here: that is
 * the edge that can do something with it.
 */
import { onMounted, ref, type Ref } from 'vue';
import { messageOf } from '../api/form-problems';

/** Runs `load` when the calling component mounts; `failed` gets whatever it threw. */
export function loadOnMount(load: () => Promise<unknown>, failed: (error: unknown) => void): void {
  onMounted(async () => {
    try {
      await load();
    } catch (error) {
      failed(error);
    }
  });
}

export interface ScreenLoad {
  /** The words of the load's failure, for the screen's alert; null while none. */
  problem: Ref<string | null>;
  /** Whether the load has ended, whichever way (so "nothing yet" is not said too early). */
  loaded: Ref<boolean>;
  /** Runs the load again, clearing the last failure first. */
  run: () => Promise<void>;
}

/** A load whose only outcome for the screen is its data in a store, or the words of its failure. */
export function screenLoad(load: () => Promise<unknown>): ScreenLoad {
  const problem = ref<string | null>(null);
  const loaded = ref(false);
  async function run(): Promise<void> {
    problem.value = null;
    try {
      await load();
    } catch (error) {
      problem.value = messageOf(error);
    } finally {
      loaded.value = true;
    }
  }
  return { problem, loaded, run };
}

/** `screenLoad`, run when the calling component mounts. */
export function useScreenLoad(load: () => Promise<unknown>): ScreenLoad {
  const screen = screenLoad(load);
  onMounted(screen.run);
  return screen;
}
