/**
 * The service worker's life, on the person's terms: a new version waits until they say
 * "Update now"; before it takes over, every registered flush (the open audit) runs; the page
 * reloads only once the new worker controls it. Never auto-update under an open form.
 */
import type { Workbox } from 'workbox-window';
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

/** How often an open app asks whether a new version exists (a tablet may stay open all week). */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // After the first paint: the page works without it, and the worker registers as before.
  void import('workbox-window').then(({ Workbox }) => {
    workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => {
      updateWaiting.value = true;
    });
    void workbox.register();
    scheduleUpdateChecks(window, document, checkForUpdate);
  });
}

/**
 * Asks for a new version every hour and whenever the app regains focus or comes back into
 * view. A check only downloads and installs the new version, which then waits for the person
 * (`updateWaiting`, "Update now"): nothing reloads under an open form. A failed check
 * (offline) is simply tried again at the next hour or focus. Returns a function that stops
 * the checks.
 */
export function scheduleUpdateChecks(
  win: EventTarget,
  doc: EventTarget & { readonly visibilityState: DocumentVisibilityState },
  check: () => Promise<void>,
): () => void {
  const run = (): void => {
    check().catch(() => {
      // Offline or the server unreachable: the next hour or focus tries again.
    });
  };
  const onVisible = (): void => {
    if (doc.visibilityState === 'visible') run();
  };
  const timer = setInterval(run, UPDATE_CHECK_INTERVAL_MS);
  win.addEventListener('focus', run);
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    win.removeEventListener('focus', run);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}

/** The person chose to update: save, hand over, and reload once the new worker controls the page. */
export async function applyUpdate(): Promise<void> {
  if (!workbox) return;
  await flushBeforeReload();
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** Ask the server whether a newer version exists (on demand, hourly, and on focus). */
export async function checkForUpdate(): Promise<void> {
  await workbox?.update();
}
