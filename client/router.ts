/**
 * The client's routes. Each person's area is its own lazily loaded chunk, so the auditor's
 * route stays small on a tablet.
 */
import { createRouter, createWebHistory } from 'vue-router';
import { useSessionStore } from './stores/session-store';
import type { Role } from '../shared/accounts/roles';
import { auditorRoutes } from './views/auditor/auditor-routes';
import { managerRoutes } from './views/manager/manager-routes';
import { adminRoutes } from './views/admin/admin-routes';
import { qaRoutes } from './views/qa/qa-routes';
import { recordRoutes } from './views/records/record-routes';
import { caseActionRoutes } from './views/case-actions/case-action-routes';

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
      // Every role's notices (issue 14): any signed-in person.
      path: '/inbox',
      name: 'inbox',
      component: () => import('./views/inbox/InboxView.vue'),
      meta: { title: 'Inbox', roles: [] },
    },
    ...auditorRoutes,
    ...managerRoutes,
    ...adminRoutes,
    ...qaRoutes,
    ...recordRoutes,
    ...caseActionRoutes,
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
  ],
});

router.beforeEach((to) => {
  const session = useSessionStore();
  if (!to.meta.roles) return true;
  if (!session.person) return { name: 'sign-in', query: { next: to.fullPath } };
  if (to.meta.roles.length > 0 && !session.hasRole(...to.meta.roles)) return { name: 'home' };
  return true;
});

// Move focus to the page on navigation so screen-reader and keyboard users land on the content.
router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? 'Lantern')} — Lantern`;
  requestAnimationFrame(() => {
    // A link to an item (from an error summary) focuses that item; otherwise the page.
    const target = to.hash ? document.getElementById(to.hash.slice(1)) : null;
    (target ?? document.getElementById('main'))?.focus({ preventScroll: Boolean(target) });
  });
});
