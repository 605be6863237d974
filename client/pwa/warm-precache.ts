/**
 * On a device's first visit the service worker precaches the app one file at a time (Workbox
 * installs its entries in sequence), so on a line with a long round trip each file the page has
 * not loaded yet costs a round trip of its own, one after another. The build writes the built
 * files the worker precaches to `PRECACHE_LIST` (vite.config.ts); fetching them here, all at
 * once, fills the browser's HTTP cache in parallel (they are cached for a year under their
 * hashed names, and precached without a revision), and the worker's requests for them are
 * answered from it. The same bytes cross the line either way; only the waiting goes.
 */

/** Where the build lists the built files the worker precaches (not itself precached). */
export const PRECACHE_LIST = 'precache-assets.json';

/** The built files in a list as the build writes it; anything else (an older build's page) is none. */
export function listedAssets(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  return body.filter((url): url is string => typeof url === 'string' && /^\/assets\/[\w.-]+$/.test(url));
}

export interface WarmEnv {
  online: boolean;
  /** A worker already controls the page: everything is precached. */
  controlled: boolean;
  whenIdle: (run: () => void) => void;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

/**
 * Once the page is idle, online and while no worker controls it yet, fetch the list and then
 * every file on it at once, at low priority (the page's own requests go first). Whatever fails
 * is left to the worker, which fetches it anyway.
 */
export function warmPrecache(env: WarmEnv): Promise<void> {
  if (!env.online || env.controlled) return Promise.resolve();
  return new Promise<void>((done) => {
    env.whenIdle(() => {
      void (async () => {
        try {
          const list = listedAssets(
            await (await env.fetch(`/${PRECACHE_LIST}`, { cache: 'no-cache' })).json(),
          );
          await Promise.allSettled(
            list.map(async (url) => (await env.fetch(url, { priority: 'low' } as RequestInit)).arrayBuffer()),
          );
        } catch {
          // No list (a build without one) or no line: the worker precaches as it would.
        }
        done();
      })();
    });
  });
}

/** This page, now. */
export function onFirstVisit(): Promise<void> {
  return warmPrecache({
    online: navigator.onLine,
    controlled: Boolean(navigator.serviceWorker.controller),
    whenIdle: (run) =>
      window.requestIdleCallback ? window.requestIdleCallback(run, { timeout: 2_000 }) : setTimeout(run, 0),
    fetch: (url, init) => fetch(url, init),
  });
}
