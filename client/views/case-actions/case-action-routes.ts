/**
 * Case actions: "My actions" for every owner, the team manager's view of their teams'
 * open and overdue actions, the QA lead's and manager's view of their service's, and post-audit
 * compliance. Any signed-in person may open them; the server decides which actions they see.
 */
import type { RouteRecordRaw } from 'vue-router';

export const caseActionRoutes: RouteRecordRaw[] = [
  {
    path: '/case-actions',
    name: 'case-actions',
    component: () => import('./CaseActionsView.vue'),
    meta: { title: 'Case actions', roles: [] },
  },
  {
    path: '/case-actions/compliance',
    name: 'case-action-compliance',
    component: () => import('./ComplianceView.vue'),
    meta: { title: 'Post-audit compliance', roles: ['qa_lead', 'manager'] },
  },
  {
    path: '/case-actions/:id',
    name: 'case-action',
    component: () => import('./CaseActionView.vue'),
    meta: { title: 'Case action', roles: [] },
  },
];
