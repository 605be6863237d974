/** Audit reports: QA leads write and publish them; managers read the published ones. */
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '../../../shared/accounts/roles';

const roles: Role[] = ['qa_lead', 'manager'];

export const reportRoutes: RouteRecordRaw[] = [
  {
    path: '/reports',
    name: 'audit-reports',
    component: () => import('./ReportListView.vue'),
    meta: { title: 'Audit reports', roles },
  },
  {
    path: '/reports/:reportId',
    name: 'audit-report',
    component: () => import('./ReportView.vue'),
    meta: { title: 'Audit report', roles },
  },
];
