/**
 * The service worker's life, on the person's terms: a new version waits until they say
 * "Update now"; before it takes over, every registered flush (the open audit) runs; the page
 * reloads only once the new worker controls it. Never auto-update under an open form.
 */
import { Workbox } from 'workbox-window';
import { ref } from 'vue';

/** True while a new version is installed and waiting for the person. */
export const updateWaiting = ref(false);

const flushers = new Set<() => Promise<void>>();

/** Register work that must finish before the page may reload (e.g. save the open audit). */
export function onBeforeReload(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushBeforeReload(): Promise<void> {
  await Promise.all([...flushers].map((flush) => flush()));
}

let workbox: Workbox | null = null;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    updateWaiting.value = true;
  });
  void workbox.register();
}

/** The person chose to update: save, hand over, and reload once the new worker controls the page. */
export async function applyUpdate(): Promise<void> {
  if (!workbox) return;
  await flushBeforeReload();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** Ask the server whether a newer version exists (on demand and periodically). */
export async function checkForUpdate(): Promise<void> {
  await workbox?.update();
}
