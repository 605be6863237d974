/**
 * The client's routes. Each person's area is its own lazily loaded chunk, so the auditor's
 * route stays small on a tablet; the other areas' route tables too are loaded only when a path
 * needs them (client/area-route-tables.ts).
 */
import { nextTick } from 'vue';
import { createRouter, createWebHistory, START_LOCATION } from 'vue-router';
import { pageTitle } from './components/page-frame';
import { useSessionStore } from './stores/session-store';
import type { Role } from '../shared/accounts/roles';
import { auditorRoutes } from './views/auditor/auditor-routes';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Signed in (or remembered on this device) with one of these roles; empty: any role. */
    roles?: Role[];
    /** Only ever opened online (a one-time link): left out of the auditor's precache (client/pwa/auditor-precache.ts). */
    onlineOnly?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior(to) {
    return to.hash ? { el: to.hash } : { top: 0 };
  },
  routes: [
    { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: 'Home' } },
    {
      path: '/sign-in',
      name: 'sign-in',
      component: () => import('./views/SignInView.vue'),
      meta: { title: 'Sign in' },
    },
    {
      path: '/set-password',
      name: 'set-password',
      component: () => import('./views/SetPasswordView.vue'),
      // Its password dictionaries are most of the app's weight; the link is opened online.
      meta: { title: 'Choose your password', onlineOnly: true },
    },
    {
      // Every role's notices: any signed-in person.
      path: '/inbox',
      name: 'inbox',
      component: () => import('./views/inbox/InboxView.vue'),
      meta: { title: 'Inbox', roles: [] },
    },
    ...auditorRoutes,
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./views/NotFoundView.vue'),
      meta: { title: 'Page not found' },
    },
  ],
});

/** True once the other areas' routes are added; they are added once, by the guard below. */
let areaRoutesAdded = false;

/** Adds the other areas' routes unless added already; false when there was nothing to add or they could not load. */
async function addAreaRoutes(): Promise<boolean> {
  if (areaRoutesAdded) return false;
  try {
    const { areaRoutes } = await import('./area-route-tables');
    if (areaRoutesAdded) return false;
    for (const route of areaRoutes) router.addRoute(route);
    areaRoutesAdded = true;
    return true;
  } catch {
    // Not loadable (offline before the precache held it): the page-not-found page shows.
    return false;
  }
}

router.beforeEach(async (to) => {
  // A path none of the routes so far match may be another area's (a deep link, a link in the
  // header): add those routes and resolve the same address again, so its guard below applies.
  if (to.name === 'not-found' && (await addAreaRoutes())) return to.fullPath;
  const session = useSessionStore();
  if (!to.meta.roles) return true;
  if (!session.person) return { name: 'sign-in', query: { next: to.fullPath } };
  if (to.meta.roles.length > 0 && !session.hasRole(...to.meta.roles)) return { name: 'home' };
  return true;
});

// Focus after a navigation, the GOV.UK pattern for a single-page app:
// - A fresh load (the first navigation) leaves focus at the document start, as any web page
//   does, so the first Tab reaches the skip link and then the header; focusing `<main>` here
//   had put both behind it, reachable only backwards.
// - A navigation inside the app moves focus to the new page's `<h1>` (made focusable from
//   script only), so a screen reader announces the page and the next Tab continues in its
//   content, as after following a link on a server-rendered page; with no `<h1>` yet (still
//   loading) to `<main>`.
// - A link to an item (from an error summary) focuses that item, on any navigation.
router.afterEach((to, from) => {
  document.title = pageTitle(String(to.meta.title ?? 'Page not found'), false);
  const firstLoad = from === START_LOCATION;
  if (firstLoad && !to.hash) return;
  void nextTick(() =>
    requestAnimationFrame(() => {
      const target = to.hash ? document.getElementById(to.hash.slice(1)) : null;
      if (target) {
        target.focus();
        return;
      }
      if (firstLoad) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading && !heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      (heading ?? document.getElementById('main'))?.focus({ preventScroll: true });
    }),
  );
});
