/** The auditor's screens: all of them work offline from the device's own database. */
import type { RouteRecordRaw } from 'vue-router';

export const auditorRoutes: RouteRecordRaw[] = [
  {
    path: '/audits',
    name: 'my-audits',
    component: () => import('./MyAuditsView.vue'),
    meta: { title: 'My audits', roles: ['auditor'] },
  },
  {
    path: '/audits/:id',
    name: 'audit',
    component: () => import('./AuditFormView.vue'),
    meta: { title: 'Audit', roles: ['auditor'] },
  },
  {
    path: '/audits/:id/review',
    name: 'audit-review',
    component: () => import('./AuditReviewView.vue'),
    meta: { title: 'Review and submit', roles: ['auditor'] },
  },
  {
    path: '/audits/:id/history',
    name: 'audit-history',
    component: () => import('./AuditHistoryView.vue'),
    meta: { title: 'Audit history', roles: ['auditor'] },
  },
  {
    path: '/ready',
    name: 'ready',
    component: () => import('./ReadinessView.vue'),
    meta: { title: 'Ready for offline', roles: ['auditor'] },
  },
];
