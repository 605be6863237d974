/** The manager's screens: the improvement plan, its actions and measures, the dashboard, the board report. */
import type { RouteRecordRaw } from 'vue-router';

const roles: ('manager' | 'qa_lead')[] = ['manager', 'qa_lead'];

export const managerRoutes: RouteRecordRaw[] = [
  {
    path: '/plan',
    name: 'plans',
    component: () => import('./PlanListView.vue'),
    meta: { title: 'Improvement plans', roles },
  },
  {
    path: '/plan/dashboard',
    name: 'plan-dashboard',
    component: () => import('./DashboardView.vue'),
    meta: { title: 'Audit trends', roles },
  },
  {
    path: '/plan/audits/:auditId',
    name: 'plan-audit-findings',
    component: () => import('./AuditFindingsView.vue'),
    meta: { title: 'Audit findings', roles },
  },
  {
    path: '/plan/:planId',
    name: 'plan',
    component: () => import('./PlanView.vue'),
    meta: { title: 'Improvement plan', roles },
  },
  {
    path: '/plan/:planId/report',
    name: 'plan-report',
    component: () => import('./BoardReportView.vue'),
    meta: { title: 'Board report', roles },
  },
  {
    path: '/plan/:planId/actions/:actionId',
    name: 'plan-action',
    component: () => import('./ActionView.vue'),
    meta: { title: 'Plan action', roles },
  },
];
