/**
 * The admin's screens (people, teams and services, case types and flags, roles) and the audit log, which QA leads
 * use too. Every data call behind them is checked again on the server
 * (server/auth/access-rules.ts); these role lists only decide what to offer.
 */
import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./AdminHomeView.vue'),
    meta: { title: 'Admin', roles: ['admin'] },
  },
  {
    path: '/admin/organisation',
    name: 'admin-organisation',
    component: () => import('./OrganisationView.vue'),
    meta: { title: 'Your organisation’s name', roles: ['admin'] },
  },
  {
    path: '/admin/people',
    name: 'admin-people',
    component: () => import('./PeopleView.vue'),
    meta: { title: 'People', roles: ['admin'] },
  },
  {
    path: '/admin/people/new',
    name: 'admin-person-new',
    component: () => import('./PersonView.vue'),
    meta: { title: 'Add a person', roles: ['admin'] },
  },
  {
    path: '/admin/people/import',
    name: 'admin-people-import',
    component: () => import('./PeopleImportView.vue'),
    meta: { title: 'Import people', roles: ['admin'] },
  },
  {
    path: '/admin/people/:id',
    name: 'admin-person',
    component: () => import('./PersonView.vue'),
    meta: { title: 'Change a person', roles: ['admin'] },
  },
  {
    path: '/admin/teams',
    name: 'admin-teams',
    component: () => import('./TeamsView.vue'),
    meta: { title: 'Teams and services', roles: ['admin'] },
  },
  {
    path: '/admin/teams/new',
    name: 'admin-team-new',
    component: () => import('./TeamView.vue'),
    meta: { title: 'Add a team', roles: ['admin'] },
  },
  {
    path: '/admin/teams/:id',
    name: 'admin-team',
    component: () => import('./TeamView.vue'),
    meta: { title: 'Change a team', roles: ['admin'] },
  },
  {
    path: '/admin/services/new',
    name: 'admin-service-new',
    component: () => import('./ServiceView.vue'),
    meta: { title: 'Add a service', roles: ['admin'] },
  },
  {
    path: '/admin/services/:id',
    name: 'admin-service',
    component: () => import('./ServiceView.vue'),
    meta: { title: 'Change a service', roles: ['admin'] },
  },
  {
    path: '/admin/case-types',
    name: 'admin-case-types',
    component: () => import('./CaseLabelsView.vue'),
    props: { kind: 'case-types' },
    meta: { title: 'Case types', roles: ['admin'] },
  },
  {
    path: '/admin/case-flags',
    name: 'admin-case-flags',
    component: () => import('./CaseLabelsView.vue'),
    props: { kind: 'case-flags' },
    meta: { title: 'Case flags', roles: ['admin'] },
  },
  {
    path: '/admin/roles',
    name: 'admin-roles',
    component: () => import('./RolesView.vue'),
    meta: { title: 'Roles', roles: ['admin'] },
  },
  {
    path: '/audit-log',
    name: 'audit-log',
    component: () => import('./AuditLogView.vue'),
    meta: { title: 'Audit log', roles: ['qa_lead', 'admin'] },
  },
];
