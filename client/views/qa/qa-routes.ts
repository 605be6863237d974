/**
 * The QA lead's and moderator's screens, under /qa. Online screens (no offline store): the
 * stores call the API directly. Alerts are for anyone they are raised to, whatever their role.
 */
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '../../../shared/accounts/roles';

const qaLead: Role[] = ['qa_lead'];
const moderation: Role[] = ['qa_lead', 'moderator'];

const inspection: Role[] = ['qa_lead', 'manager'];

export const qaRoutes: RouteRecordRaw[] = [
  {
    path: '/qa/inspection',
    name: 'qa-inspection',
    component: () => import('./InspectionView.vue'),
    meta: { title: 'Inspection readiness', roles: inspection },
  },
  {
    path: '/qa/inspection/pack',
    name: 'qa-inspection-pack',
    component: () => import('./InspectionPackView.vue'),
    meta: { title: 'Inspection deep-dive pack', roles: inspection },
  },
  {
    path: '/qa/findings',
    name: 'qa-findings',
    component: () => import('./FindingsView.vue'),
    meta: { title: 'Findings', roles: ['qa_lead', 'manager'] },
  },
  {
    path: '/qa',
    name: 'qa',
    component: () => import('./QaHomeView.vue'),
    meta: { title: 'Quality assurance', roles: moderation },
  },
  {
    path: '/qa/import',
    name: 'qa-import',
    component: () => import('./ImportView.vue'),
    meta: { title: 'Import a case list', roles: qaLead },
  },
  {
    path: '/qa/compare-rounds',
    name: 'qa-compare-rounds',
    component: () => import('./RoundCompareView.vue'),
    meta: { title: 'Compare two rounds', roles: qaLead },
  },
  {
    path: '/qa/rounds/new',
    name: 'qa-round-new',
    component: () => import('./RoundFormView.vue'),
    meta: { title: 'New audit round', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId',
    name: 'qa-round',
    component: () => import('./RoundView.vue'),
    meta: { title: 'Audit round', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/edit',
    name: 'qa-round-edit',
    component: () => import('./RoundFormView.vue'),
    meta: { title: 'Change audit round', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/sample',
    name: 'qa-round-sample',
    component: () => import('./RoundSampleView.vue'),
    meta: { title: 'Draw the case sample', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/allocate',
    name: 'qa-round-allocate',
    component: () => import('./RoundAllocateView.vue'),
    meta: { title: 'Allocate cases', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/self-audits',
    name: 'qa-round-self-audits',
    component: () => import('./SelfAuditsView.vue'),
    meta: { title: 'Self-audits and their agreement', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/guests',
    name: 'qa-round-guests',
    component: () => import('./RoundGuestsView.vue'),
    meta: { title: 'Guests from outside the council', roles: qaLead },
  },
  {
    path: '/qa/rounds/:roundId/moderation',
    name: 'qa-round-moderation',
    component: () => import('./ModerationSampleView.vue'),
    meta: { title: 'Moderation sample', roles: qaLead },
  },
  {
    path: '/qa/moderation',
    name: 'qa-moderation',
    component: () => import('./ModerationQueueView.vue'),
    meta: { title: 'Moderation', roles: moderation },
  },
  {
    path: '/qa/moderation/:moderationId',
    name: 'qa-moderate',
    component: () => import('./ModerateView.vue'),
    meta: { title: 'Moderate an audit', roles: moderation },
  },
  {
    path: '/qa/agreement',
    name: 'qa-agreement',
    component: () => import('./AgreementView.vue'),
    meta: { title: 'Moderation agreement', roles: qaLead },
  },
  {
    path: '/qa/reaudits',
    name: 'qa-reaudits',
    component: () => import('./ReauditsView.vue'),
    meta: { title: 'Re-audits', roles: qaLead },
  },
  {
    path: '/qa/frameworks',
    name: 'qa-frameworks',
    component: () => import('./FrameworksView.vue'),
    meta: { title: 'Audit tools and their versions', roles: qaLead },
  },
  {
    path: '/qa/frameworks/:key/:version/edit',
    name: 'qa-framework-edit',
    component: () => import('./FrameworkEditView.vue'),
    meta: { title: 'Edit a framework version', roles: qaLead },
  },
  {
    path: '/qa/frameworks/:key/:version/preview',
    name: 'qa-framework-preview',
    component: () => import('./FrameworkPreviewView.vue'),
    meta: { title: 'Preview a framework version', roles: qaLead },
  },
  {
    path: '/qa/alerts',
    name: 'qa-alerts',
    component: () => import('./AlertsView.vue'),
    meta: { title: 'Safeguarding alerts', roles: [] },
  },
];
