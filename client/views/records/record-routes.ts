/**
 * The whole audit and the lists that lead to it: for everyone entitled to read an audit
 * (auditors, moderators, practitioners, team managers, QA leads, managers), whatever their role;
 * the server decides who reads which audit. Online screens.
 */
import type { RouteRecordRaw } from 'vue-router';

export const recordRoutes: RouteRecordRaw[] = [
  {
    path: '/audit-records',
    name: 'audit-records',
    component: () => import('./ReadableAuditsView.vue'),
    meta: { title: 'Audits of your cases and teams', roles: [] },
  },
  {
    path: '/audits/:id/record',
    name: 'audit-record',
    component: () => import('./AuditRecordView.vue'),
    meta: { title: 'The whole audit', roles: [] },
  },
];
