/**
 * What each API route may show or change of a service's data, declared beside the access rules
 * and checked by server/auth/service-data.test.ts against a world of two services
 * (tests/support/two-service-world.ts). Every key of ACCESS_RULES needs an entry here: the test
 * fails, naming the route, when one is missing.
 *
 * - `none`: the route returns or changes nothing audit-derived (sign-in, people and teams for
 *   the admin, the framework definitions, the organisation's name). Its GET is still called by
 *   the other service's people and scanned for the first service's markers.
 * - `service`: the route returns or changes audit-derived data. `path` (and `body`) aim it at
 *   the victim service's records; called by every person of the other service, and by people in
 *   no service, the answer must hold none of the victim's markers, a read must not change when
 *   the victim's data does, and a write must change no row of the victim's. `control` is the
 *   victim's own person for whom the same read does show the victim's data (proving the probe
 *   aims at something); `target` says the path names a victim's record, so the answer to an
 *   outsider must be a refusal (403 or 404).
 */
import type { Queryable } from '../db/database';
import { londonToday } from '../../shared/metrics/london-date';
import type { ServiceWorld, WorldRole } from '../../tests/support/two-service-world';

export interface ProbeContext {
  db: Queryable;
  /** The service whose data must not leak. */
  victim: ServiceWorld;
  /** The caller's own service (absent for people in no service: the victim's stands in). */
  mine: ServiceWorld;
}

export type DataProbe =
  | { data: 'none'; why: string }
  | {
      data: 'service';
      path: (ctx: ProbeContext) => string;
      body?: (ctx: ProbeContext) => unknown;
      /** The path names one of the victim's records: an outsider is refused (403 or 404). */
      target?: boolean;
      /** A read whose answer the victim's own person sees with their data in it. */
      control?: WorldRole;
      /** The answer changes with the caller's own activity (the audit log): compare markers only. */
      volatile?: boolean;
      /** What the caller sent that the answer may echo (a preview shows the file's own rows). */
      echoed?: (ctx: ProbeContext) => string[];
    };

const none = (why: string): DataProbe => ({ data: 'none', why });

const csv = (ctx: ProbeContext) =>
  Buffer.from(
    `Case reference,Team,Case type\n${ctx.victim.references[0] ?? ''},${ctx.mine.label} team one,Child in need\n`,
    'utf8',
  ).toString('base64');

async function moderatedGrades(ctx: ProbeContext, auditId: string): Promise<Record<string, number>> {
  const [row] = await ctx.db.query<{ answers: Record<string, { kind: string; value: unknown }> }>(
    'SELECT answers FROM audits WHERE id = $1',
    [auditId],
  );
  const grades: Record<string, number> = {};
  for (const [key, answer] of Object.entries(row?.answers ?? {}))
    if (answer.kind === 'grade' && typeof answer.value === 'number') grades[key] = answer.value;
  grades['overall.grade'] = 3;
  return grades;
}

const trajectory = {
  baseline: { date: '2026-01-31', value: 0.4 },
  milestones: [{ date: '2026-12-31', target: 0.9 }],
};
const march = 'from=2026-01-01&to=2026-06-30';

const finding = (ctx: ProbeContext) =>
  `/api/learning/audits/${ctx.victim.auditIds[0]}/findings/overall.strengths`;

export const DATA_PROBES: Readonly<Record<string, DataProbe>> = {
  'GET /api/learning/findings': { data: 'service', path: () => '/api/learning/findings', control: 'qa' },
  'GET /api/learning/themes': { data: 'service', path: () => '/api/learning/themes', control: 'qa' },
  'POST /api/learning/themes': {
    data: 'service',
    path: () => '/api/learning/themes',
    body: () => ({ name: 'A theme from another service' }),
  },
  'PATCH /api/learning/themes/:themeId': {
    data: 'service',
    path: (ctx) => `/api/learning/themes/${ctx.victim.findingThemeId}`,
    body: () => ({ name: 'Renamed from another service', archived: true }),
    target: true,
  },
  'GET /api/learning/audits/:auditId/findings/:itemKey/suggestions': {
    data: 'service',
    path: (ctx) => `${finding(ctx)}/suggestions`,
    target: true,
  },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': {
    data: 'service',
    path: (ctx) => `${finding(ctx)}/themes/${ctx.mine.findingThemeId}`,
    body: () => ({}),
    target: true,
  },
  'DELETE /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': {
    data: 'service',
    path: (ctx) => `${finding(ctx)}/themes/${ctx.victim.findingThemeId}`,
    target: true,
  },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId/quote': {
    data: 'service',
    path: (ctx) => `${finding(ctx)}/themes/${ctx.victim.findingThemeId}/quote`,
    body: () => ({ chosen: false }),
    target: true,
  },
  'GET /api/learning/audits/:auditId/good-practice': {
    data: 'service',
    path: (ctx) => `/api/learning/audits/${ctx.victim.auditIds[0]}/good-practice`,
    target: true,
    control: 'qa',
  },
  'PUT /api/learning/audits/:auditId/good-practice': {
    data: 'service',
    path: (ctx) => `/api/learning/audits/${ctx.victim.auditIds[0]}/good-practice`,
    body: () => ({ reason: 'Marked from another service.' }),
    target: true,
  },
  'DELETE /api/learning/audits/:auditId/good-practice': {
    data: 'service',
    path: (ctx) => `/api/learning/audits/${ctx.victim.auditIds[0]}/good-practice`,
    target: true,
  },
  'GET /api/learning/audits/:auditId/good-practice.docx': {
    data: 'service',
    path: (ctx) => `/api/learning/audits/${ctx.victim.auditIds[0]}/good-practice.docx`,
    target: true,
  },
  'GET /api/health': none('the server is up'),
  'GET /api/health/live': none('the process is up'),
  'GET /api/health/ready': none('migrations applied and the database answering'),
  'GET /api/health/metrics': none('counts, ages and latencies by route pattern; off without a token'),
  'GET /api/organisation': none('the organisation’s name and whether it is the demo'),
  'GET /api/openapi.json': none('the API’s description: shapes and access rules, never data'),
  'GET /api/auth/methods': none('how to sign in'),
  'POST /api/auth/sign-in': none('signs the caller in'),
  'GET /api/auth/session': none('the caller’s own session'),
  'POST /api/auth/sign-out': none('ends the caller’s own session'),
  'POST /api/auth/sign-out-everywhere': none('ends the caller’s own sessions'),
  'POST /api/auth/set-password/check': none('checks a password link'),
  'POST /api/auth/set-password': none('sets a password from a link'),
  'GET /api/auth/oidc/start': none('starts single sign-on'),
  'GET /api/auth/oidc/callback': none('finishes single sign-on'),

  'GET /api/admin/people': none('the admin manages every person: no audit content'),
  'POST /api/admin/people': none('the admin manages every person'),
  'GET /api/admin/people/:personId': none('the admin manages every person'),
  'PUT /api/admin/people/:personId': none('the admin manages every person'),
  'POST /api/admin/people/:personId/password-link': none('the admin manages every person'),
  'GET /api/admin/teams': none('the admin manages services and teams'),
  'POST /api/admin/teams': none('the admin manages services and teams'),
  'PUT /api/admin/teams/:teamId': none('the admin manages services and teams'),
  'GET /api/admin/services': none('the admin manages services and teams'),
  'POST /api/admin/services': none('the admin manages services and teams'),
  'GET /api/admin/roles': none('the list of roles'),
  'GET /api/admin/set-up-tasks': none('counts of the organisation’s set-up, for the admin'),
  'PUT /api/admin/organisation': none('the organisation’s name'),
  'GET /api/admin/people-imports': none('the admin imports people'),
  'POST /api/admin/people-imports/preview': none('the admin imports people'),
  'POST /api/admin/people-imports': none('the admin imports people'),
  'PUT /api/admin/services/:serviceId': none('the admin manages services and teams'),
  'GET /api/admin/case-types': none('the organisation’s case-type labels'),
  'POST /api/admin/case-types': none('the organisation’s case-type labels'),
  'PUT /api/admin/case-types/:key': none('the organisation’s case-type labels'),
  'GET /api/admin/case-flags': none('the organisation’s case-flag labels'),
  'POST /api/admin/case-flags': none('the organisation’s case-flag labels'),
  'PUT /api/admin/case-flags/:key': none('the organisation’s case-flag labels'),
  'GET /api/admin/set-up-problems': none(
    'teams and services still missing a manager: the organisation’s set-up',
  ),

  'GET /api/audit-log': {
    data: 'service',
    path: () => '/api/audit-log?pageSize=200',
    control: 'qa',
    volatile: true,
  },
  'GET /api/audit-log/export': {
    data: 'service',
    path: () => '/api/audit-log/export',
    control: 'qa',
    volatile: true,
  },

  'POST /api/sync/push': {
    data: 'service',
    path: () => '/api/sync/push',
    body: (ctx) => ({
      protocol: 1,
      deviceId: '5f0c5a36-8a3e-4d5e-9a55-1d2a4ce1b001',
      mutations: [
        {
          mutationId: '5f0c5a36-8a3e-4d5e-9a55-1d2a4ce1b002',
          auditId: ctx.victim.auditIds[2],
          baseRev: 1,
          snapshot: { status: 'draft', answers: {} },
        },
      ],
    }),
  },
  'GET /api/sync/pull': { data: 'service', path: () => '/api/sync/pull', control: 'auditor2' },
  'POST /api/sync/import': {
    data: 'service',
    path: () => '/api/sync/import',
    body: (ctx) => ({ audits: [{ id: ctx.victim.auditIds[2], answers: {} }] }),
  },
  'GET /api/audits/:auditId/history': {
    data: 'service',
    path: (ctx) => `/api/audits/${ctx.victim.auditIds[0] ?? ''}/history`,
    target: true,
    control: 'qa',
  },
  // The whole audit: the victim's practitioner reads the audit of their own case.
  'GET /api/audits/:auditId/record': {
    data: 'service',
    path: (ctx) => `/api/audits/${ctx.victim.auditIds[0] ?? ''}/record`,
    target: true,
    control: 'practitioner',
  },
  'POST /api/audits/:auditId/responses': {
    data: 'service',
    path: (ctx) => `/api/audits/${ctx.victim.auditIds[0] ?? ''}/responses`,
    body: () => ({ kind: 'reflection', text: 'A response from someone else entirely.' }),
    target: true,
  },
  // The audits of the caller's own cases and managed teams.
  'GET /api/audit-records': { data: 'service', path: () => '/api/audit-records', control: 'practitioner' },
  'GET /api/cases/:caseId/practitioner': {
    data: 'service',
    path: (ctx) => `/api/cases/${ctx.victim.caseIds[0] ?? ''}/practitioner`,
    target: true,
    control: 'qa',
  },
  'PUT /api/cases/:caseId/practitioner': {
    data: 'service',
    path: (ctx) => `/api/cases/${ctx.victim.caseIds[0] ?? ''}/practitioner`,
    body: (ctx) => ({ practitionerId: ctx.mine.people.practitioner }),
    target: true,
  },
  // The auditor's own kept versions: only the audit's auditor; the world's audits
  // were inserted without revisions, so there is no control read.
  'GET /api/audits/:auditId/versions': {
    data: 'service',
    path: (ctx) => `/api/audits/${ctx.victim.auditIds[0] ?? ''}/versions`,
    target: true,
  },
  'GET /api/frameworks/:key/:version': {
    data: 'service',
    path: () => '/api/frameworks/lantern-default/1',
  },

  'GET /api/plans': { data: 'service', path: () => '/api/plans', control: 'manager' },
  'POST /api/plans': {
    data: 'service',
    path: () => '/api/plans',
    body: () => ({ title: 'Own plan', kind: 'inspection' }),
  },
  'POST /api/plans/import': {
    data: 'service',
    path: () => '/api/plans/import',
    body: () => ({
      title: 'Imported own plan',
      fileName: 'plan.csv',
      content: Buffer.from('Reference,Area,Action number,Action\nA,Area,A1,Do it\n').toString('base64'),
    }),
  },
  'GET /api/plans/:planId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}`,
    target: true,
    control: 'manager',
  },
  'PUT /api/plans/:planId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}`,
    body: () => ({ title: 'Taken over', kind: 'inspection' }),
    target: true,
  },
  'POST /api/plans/:planId/areas': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/areas`,
    body: () => ({ reference: 'Z', title: 'Intruder area', theme: 'Z', timescale: 'within-3-months' }),
    target: true,
  },
  'PUT /api/plans/:planId/areas/:areaId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/areas/${ctx.victim.areaId}`,
    body: () => ({ reference: 'A', title: 'Renamed', theme: 'A', timescale: 'within-3-months' }),
    target: true,
  },
  'POST /api/plans/:planId/actions': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions`,
    body: (ctx) => ({ areaId: ctx.victim.areaId, number: 'Z9', description: 'Intruder action' }),
    target: true,
  },
  'GET /api/plans/:planId/actions/:actionId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}`,
    target: true,
    control: 'manager',
  },
  'PUT /api/plans/:planId/actions/:actionId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}`,
    body: () => ({ number: 'A1', description: 'Rewritten', owner: '' }),
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/notes': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/notes`,
    body: () => ({ text: 'Intruder note' }),
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/rag': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/rag`,
    body: () => ({ rag: 'red', reason: 'Intruder' }),
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/target-date': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/target-date`,
    body: () => ({ targetDate: '2027-06-30', reason: 'Intruder' }),
    target: true,
  },
  'POST /api/plans/:planId/carry-forward': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/carry-forward`,
    body: (ctx) => ({
      fromPlanId: ctx.mine.planId,
      areaId: ctx.victim.areaId,
      actionIds: [ctx.mine.actionId],
    }),
    target: true,
  },
  'POST /api/plans/:planId/partners': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/partners`,
    body: () => ({
      name: 'Intruder Partner',
      email: 'intruder.partner@two-services.test.invalid',
      organisation: 'Intruder Trust',
      agency: 'health',
      lastDay: '2099-12-31',
      actionIds: [],
    }),
    target: true,
  },
  // A partner owner's own actions: every query is keyed by the caller, so the victim's partner
  // action is refused to anyone else.
  'GET /api/partner-actions': { data: 'service', path: () => '/api/partner-actions' },
  'POST /api/partner-actions/:actionId/notes': {
    data: 'service',
    path: (ctx) => `/api/partner-actions/${ctx.victim.actionId}/notes`,
    body: () => ({ text: 'Intruder note' }),
    target: true,
  },
  'POST /api/partner-actions/:actionId/rag': {
    data: 'service',
    path: (ctx) => `/api/partner-actions/${ctx.victim.actionId}/rag`,
    body: () => ({ rag: 'red', reason: 'Intruder' }),
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/sign-off': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/sign-off`,
    body: () => ({ signedOff: true, note: 'Intruder' }),
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/findings': {
    // The caller links the victim's finding to a plan of the caller's own service.
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.mine.planId}/actions/${ctx.mine.actionId}/findings`,
    body: (ctx) => ({
      auditId: ctx.victim.auditIds[0],
      itemKey: 'overall.areas-for-development',
      itemIndex: 0,
    }),
  },
  'DELETE /api/plans/:planId/actions/:actionId/findings/:linkId': {
    data: 'service',
    path: (ctx) =>
      `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/findings/00000000-0000-4000-8000-000000000000`,
    target: true,
  },
  'POST /api/plans/:planId/actions/:actionId/measures': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/actions/${ctx.victim.actionId}/measures`,
    body: () => ({ title: 'Intruder measure', source: 'manual', bucket: 'quarter', trajectory }),
    target: true,
  },
  'PUT /api/plans/:planId/measures/:measureId': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/measures/${ctx.victim.manualMeasureId}`,
    body: () => ({ title: 'Renamed measure', source: 'manual', bucket: 'quarter', trajectory }),
    target: true,
  },
  'PUT /api/plans/:planId/measures/:measureId/values': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/measures/${ctx.victim.manualMeasureId}/values`,
    body: () => ({ date: '2026-08-15', value: 0.99, note: 'Intruder' }),
    target: true,
  },
  'POST /api/plans/:planId/measures/:measureId/values/import': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/measures/${ctx.victim.manualMeasureId}/values/import`,
    body: () => ({
      fileName: 'extract.csv',
      content: Buffer.from('Month,Value\nAug 2026,99%\n').toString('base64'),
      apply: true,
    }),
    target: true,
  },
  'GET /api/plans/:planId/report': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/report?asOf=2026-10-15`,
    target: true,
    control: 'manager',
  },
  'GET /api/plans/:planId/export': {
    data: 'service',
    path: (ctx) => `/api/plans/${ctx.victim.planId}/export?asOf=2026-10-15`,
    target: true,
  },
  'GET /api/findings': { data: 'service', path: () => '/api/findings', control: 'manager' },
  'GET /api/findings/audits/:auditId': {
    data: 'service',
    path: (ctx) => `/api/findings/audits/${ctx.victim.auditIds[0] ?? ''}`,
    target: true,
    control: 'manager',
  },
  'GET /api/metrics/trend': {
    data: 'service',
    path: (ctx) =>
      `/api/metrics/trend?${march}&bucket=month&item=overall.grade&passing=0,1&groupBy=team&teamIds=${ctx.victim.teamIds.join(',')}`,
    control: 'manager',
  },
  'GET /api/metrics/items': {
    data: 'service',
    path: (ctx) => `/api/metrics/items?${march}&teamIds=${ctx.victim.teamIds.join(',')}`,
  },
  'GET /api/metrics/options': { data: 'service', path: () => '/api/metrics/options', control: 'manager' },
  'GET /api/round-comparison': {
    data: 'service',
    // The victim's round against the caller's own: refused, whichever way round.
    path: (ctx) => `/api/round-comparison?first=${ctx.victim.roundId}&second=${ctx.mine.roundId}`,
    target: true,
  },

  // Audit reports: the victim's report is refused; a new one names the victim's round.
  'GET /api/reports': { data: 'service', path: () => '/api/reports', control: 'qa' },
  'POST /api/reports': {
    data: 'service',
    path: () => '/api/reports',
    body: (ctx) => ({ title: 'Own report', scope: { kind: 'round', roundId: ctx.victim.roundId } }),
  },
  'GET /api/reports/:reportId': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}`,
    target: true,
    control: 'qa',
  },
  'PUT /api/reports/:reportId': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}`,
    body: () => ({ title: 'Taken over', summary: 'Taken over', recommendations: [] }),
    target: true,
  },
  'DELETE /api/reports/:reportId': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}`,
    target: true,
  },
  'POST /api/reports/:reportId/publish': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}/publish`,
    body: () => ({}),
    target: true,
  },
  'GET /api/reports/:reportId/docx': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}/docx`,
    target: true,
  },
  'GET /api/reports/:reportId/xlsx': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}/xlsx`,
    target: true,
  },
  'POST /api/reports/:reportId/recommendations/:recommendationId/plan': {
    data: 'service',
    path: (ctx) =>
      `/api/reports/${ctx.victim.reportId}/recommendations/${ctx.victim.reportRecommendationId}/plan`,
    body: (ctx) => ({
      mode: 'new-action',
      planId: ctx.victim.planId,
      areaId: ctx.victim.areaId,
      number: 'R9',
    }),
    target: true,
  },
  'PUT /api/reports/:reportId/distribution': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}/distribution`,
    body: () => ({ emails: ['outsider@demo.lantern.invalid'] }),
    target: true,
  },
  'POST /api/reports/:reportId/send': {
    data: 'service',
    path: (ctx) => `/api/reports/${ctx.victim.reportId}/send`,
    body: () => ({}),
    target: true,
  },

  'GET /api/rounds': { data: 'service', path: () => '/api/rounds', control: 'qa' },
  'POST /api/rounds': {
    data: 'service',
    path: () => '/api/rounds',
    body: () => ({
      name: 'Own round',
      kind: 'monthly',
      startDate: '2026-11-02',
      endDate: '2026-11-27',
      frameworkKey: 'lantern-default',
      frameworkVersion: 1,
      moderationShare: 0.1,
    }),
  },
  'GET /api/rounds/:roundId': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}`,
    target: true,
    control: 'qa',
  },
  'PUT /api/rounds/:roundId': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}`,
    body: (ctx) => ({
      name: `${ctx.victim.roundName} (renamed)`,
      kind: 'practice_week',
      startDate: '2026-10-12',
      endDate: '2026-10-16',
      frameworkKey: 'lantern-default',
      frameworkVersion: 1,
      moderationShare: 0.3,
    }),
    target: true,
  },
  'GET /api/rounds/:roundId/sample/choices': {
    // The teams and workers of the round's service: another service's are never offered.
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/sample/choices`,
    target: true,
    control: 'qa',
  },
  'POST /api/rounds/:roundId/sample/preview': {
    // The caller's own round: the sample must be drawn from the caller's service's cases only.
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.mine.roundId}/sample/preview`,
    body: () => ({ method: 'random', quota: { kind: 'count', value: 30 }, seed: 7 }),
  },
  'GET /api/rounds/:roundId/guests': {
    data: 'service',
    // The victim's round that has guests: its own QA lead sees them listed.
    path: (ctx) => `/api/rounds/${ctx.victim.guests.roundId}/guests`,
    target: true,
    control: 'qa',
  },
  'POST /api/rounds/:roundId/guests': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/guests`,
    body: () => ({
      name: 'Probe Guest',
      email: `probe.guest.${crypto.randomUUID().slice(0, 8)}@northshire.invalid`,
      organisation: 'Northshire County Council',
      agency: 'social_care',
      lastDay: londonToday(Date.now()),
      roles: ['moderator'],
    }),
    target: true,
  },
  'POST /api/rounds/:roundId/guests/:personId/password-link': {
    // A new link for one of the victim's guests: never for another service's QA lead.
    data: 'service',
    path: (ctx) =>
      `/api/rounds/${ctx.victim.guests.roundId}/guests/${ctx.victim.guests.moderator}/password-link`,
    target: true,
  },
  'POST /api/rounds/:roundId/sample': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/sample`,
    body: () => ({ method: 'random', quota: { kind: 'count', value: 2 }, seed: 7 }),
    target: true,
  },
  'GET /api/rounds/:roundId/cases': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/cases`,
    target: true,
    control: 'qa',
  },
  'GET /api/rounds/:roundId/progress': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/progress`,
    target: true,
    control: 'qa',
  },
  'GET /api/rounds/:roundId/self-audit-agreement': {
    data: 'service',
    path: (ctx) => `/api/rounds/${ctx.victim.roundId}/self-audit-agreement`,
    target: true,
  },
  'GET /api/imports': { data: 'service', path: () => '/api/imports', control: 'qa' },
  'POST /api/imports/preview': {
    // A file naming the victim's case reference: the preview shows the file's own rows back,
    // but nothing of the victim's case (its team, its type, its worker).
    data: 'service',
    path: () => '/api/imports/preview',
    body: (ctx) => ({ fileName: 'own.csv', content: csv(ctx) }),
    echoed: (ctx) => [ctx.victim.references[0] ?? '', 'ALF-'],
  },
  'POST /api/imports': {
    // Importing the victim's case reference into one's own team would move the victim's case.
    data: 'service',
    path: () => '/api/imports',
    body: (ctx) => ({ fileName: 'own.csv', content: csv(ctx) }),
  },
  'GET /api/imports/name-mappings': none('names remembered from imports map to the organisation’s labels'),
  'DELETE /api/imports/name-mappings/:mappingId': none(
    'names remembered from imports map to the organisation’s labels',
  ),
  'GET /api/allocations/people': { data: 'service', path: () => '/api/allocations/people', control: 'qa' },
  'POST /api/allocations/bulk': {
    data: 'service',
    path: () => '/api/allocations/bulk',
    body: (ctx) => ({ roundId: ctx.victim.roundId, auditorIds: [ctx.mine.people.auditor1] }),
  },
  'POST /api/allocations/self-audits': {
    // The victim's round's self-audits, allocated by someone of another service.
    data: 'service',
    path: () => '/api/allocations/self-audits',
    body: (ctx) => ({ roundId: ctx.victim.roundId }),
  },
  'POST /api/allocations': {
    // The victim's case into the caller's own round.
    data: 'service',
    path: () => '/api/allocations',
    body: (ctx) => ({
      roundId: ctx.mine.roundId,
      caseId: ctx.victim.freeCaseId,
      auditorId: ctx.mine.people.auditor1,
    }),
  },
  'POST /api/allocations/:allocationId/reallocate': {
    data: 'service',
    path: (ctx) => `/api/allocations/${ctx.victim.allocationId}/reallocate`,
    body: (ctx) => ({ auditorId: ctx.mine.people.auditor1 }),
    target: true,
  },
  'POST /api/allocations/:allocationId/joint': {
    data: 'service',
    path: (ctx) => `/api/allocations/${ctx.victim.allocationId}/joint`,
    body: (ctx) => ({ auditorId: ctx.mine.people.auditor1 }),
    target: true,
  },
  'POST /api/allocations/:allocationId/withdraw': {
    data: 'service',
    path: (ctx) => `/api/allocations/${ctx.victim.allocationId}/withdraw`,
    body: () => ({}),
    target: true,
  },
  'PUT /api/allocations/:allocationId/due-date': {
    data: 'service',
    path: (ctx) => `/api/allocations/${ctx.victim.allocationId}/due-date`,
    body: () => ({ dueDate: '2026-12-24' }),
    target: true,
  },
  'GET /api/reaudits': { data: 'service', path: () => '/api/reaudits', control: 'qa' },
  'POST /api/reaudits/:auditId': {
    data: 'service',
    path: (ctx) => `/api/reaudits/${ctx.victim.inadequateAuditId}`,
    body: (ctx) => ({ auditorId: ctx.mine.people.auditor1 }),
    target: true,
  },
  'GET /api/frameworks': none('framework versions are the organisation’s, not audit-derived'),
  'POST /api/frameworks/:key/:version/draft': none('framework versions are the organisation’s'),
  'PUT /api/frameworks/:key/:version': none('framework versions are the organisation’s'),
  'POST /api/frameworks/:key/:version/publish': none('framework versions are the organisation’s'),
  'GET /api/audit-tools': none('audit tools are the organisation’s, not audit-derived'),
  'POST /api/audit-tools': none('audit tools are the organisation’s'),
  'PUT /api/audit-tools/:key': none('audit tools are the organisation’s'),

  'POST /api/moderation/rounds/:roundId/sample': {
    data: 'service',
    path: (ctx) => `/api/moderation/rounds/${ctx.victim.roundId}/sample`,
    body: (ctx) => ({ seed: 3, moderatorIds: [ctx.mine.people.moderator], preview: false }),
    target: true,
  },
  'GET /api/moderation/agreement': {
    data: 'service',
    path: () => '/api/moderation/agreement',
    control: 'qa',
  },
  'GET /api/moderation': { data: 'service', path: () => '/api/moderation', control: 'qa' },
  'GET /api/moderation/:moderationId': {
    data: 'service',
    path: (ctx) => `/api/moderation/${ctx.victim.moderationPendingId}`,
    target: true,
    control: 'qa',
  },
  'POST /api/moderation/:moderationId/blind': {
    data: 'service',
    path: (ctx) => `/api/moderation/${ctx.victim.moderationPendingId}/blind`,
    body: async (ctx) => ({ grades: await moderatedGrades(ctx, ctx.victim.auditIds[1] ?? ''), auditRev: 1 }),
    target: true,
  },
  'POST /api/moderation/:moderationId/decision': {
    data: 'service',
    path: (ctx) => `/api/moderation/${ctx.victim.moderationPendingId}/decision`,
    body: async (ctx) => ({
      grades: await moderatedGrades(ctx, ctx.victim.auditIds[1] ?? ''),
      reasons: { 'overall.grade': 'Re-graded from another service.' },
      auditRev: 1,
    }),
    target: true,
  },
  'POST /api/moderation/:moderationId/return': {
    data: 'service',
    path: (ctx) => `/api/moderation/${ctx.victim.moderationPendingId}/return`,
    body: () => ({ note: 'Returned from another service.', auditRev: 1 }),
    target: true,
  },
  'GET /api/alerts': { data: 'service', path: () => '/api/alerts', control: 'qa' },
  'POST /api/alerts/:alertId/acknowledge': {
    data: 'service',
    path: (ctx) => `/api/alerts/${ctx.victim.alertId}/acknowledge`,
    body: () => ({ note: 'Acknowledged from another service.' }),
    target: true,
  },
  // The caller's own inbox: notices sent to them alone, so nothing of another service's.
  'GET /api/notifications': { data: 'service', path: () => '/api/notifications' },
  'GET /api/notifications/unread-count': { data: 'service', path: () => '/api/notifications/unread-count' },
  'POST /api/notifications/read-all': {
    data: 'service',
    path: () => '/api/notifications/read-all',
    body: () => ({}),
  },
  'POST /api/notifications/:notificationId/read': {
    data: 'service',
    path: (ctx) => `/api/notifications/${ctx.victim.people.qa}/read`,
    body: () => ({}),
    target: true,
  },
  'GET /api/case-actions': { data: 'service', path: () => '/api/case-actions', control: 'qa' },
  // The list over three years, so the world's March audits are on it; the files are binary
  // (zipped), so only the CSV and the pack's JSON have a control. A pack naming another
  // service's case is refused by field (400), not a record in the path.
  'GET /api/inspection/audits': {
    data: 'service',
    path: () => '/api/inspection/audits?months=36',
    control: 'qa',
  },
  'GET /api/inspection/audits/csv': {
    data: 'service',
    path: () => '/api/inspection/audits/csv?months=36',
    control: 'manager',
  },
  // The workbook carries the time it was made, so its bytes differ each call: markers only.
  'GET /api/inspection/audits/xlsx': {
    data: 'service',
    path: () => '/api/inspection/audits/xlsx?months=36',
    volatile: true,
  },
  'GET /api/inspection/pack': {
    data: 'service',
    path: (ctx) => `/api/inspection/pack?cases=${ctx.victim.caseIds[1] ?? ''}`,
    control: 'qa',
  },
  'GET /api/inspection/pack/docx': {
    data: 'service',
    path: (ctx) => `/api/inspection/pack/docx?cases=${ctx.victim.caseIds[1] ?? ''}`,
  },
  'GET /api/case-actions/compliance': {
    data: 'service',
    path: () => '/api/case-actions/compliance',
    control: 'qa',
  },
  'GET /api/case-actions/:caseActionId': {
    data: 'service',
    path: (ctx) => `/api/case-actions/${ctx.victim.caseActionId}`,
    target: true,
    control: 'qa',
  },
  'GET /api/case-actions/:caseActionId/owners': {
    data: 'service',
    path: (ctx) => `/api/case-actions/${ctx.victim.caseActionId}/owners`,
    target: true,
    control: 'qa',
  },
  'PATCH /api/case-actions/:caseActionId': {
    data: 'service',
    path: (ctx) => `/api/case-actions/${ctx.victim.caseActionId}`,
    body: () => ({ state: 'done', completedOn: '2026-05-01', evidence: 'Done from another service.' }),
    target: true,
  },
};
