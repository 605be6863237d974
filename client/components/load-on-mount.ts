/**
 * A screen's first load: run it once the view is mounted, and hand a failure to the screen to
 * show (a message, or a form's problems). Only the load's own failure is caught here: that is
 * the edge that can do something with it.
 */
import { onMounted } from 'vue';

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
