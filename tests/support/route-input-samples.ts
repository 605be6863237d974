/**
 * For the hostile-input fuzz test (server/http/hostile-input-fuzz.test.ts): the inputs each API
 * route reads besides its path — its query parameters and its JSON body — as one well-formed
 * example each. The fuzz test replaces one field at a time with a hostile value, so every field
 * listed here is tried. A route that takes a body must be listed (the fuzz test fails, naming
 * it, when one is missing); a route that reads nothing but its path needs no line.
 *
 * Path parameters are not listed: the fuzz test fills them with real records of the demo
 * organisation (see `pathValue` there), so a hostile body reaches the handler's validation.
 */
const UUID = '00000000-0000-4000-8000-000000000001';
const BASE64_CSV = Buffer.from('Case reference,Team\nFUZZ-1,Team A\n').toString('base64');

/** An area, as a new one and as an edited one. */
const AREA_BODY = {
  reference: 'Z',
  title: 'Fuzz area',
  theme: 'A',
  source: 'ILACS',
  timescale: 'by-date',
  timescaleDate: '2026-12-31',
};

/** A measure, as a new one and as an edited one. */
const MEASURE_BODY = {
  title: 'Fuzz measure',
  source: 'manual',
  bucket: 'month',
  trajectory: {
    baseline: { date: '2026-01-31', value: 0.4 },
    milestones: [{ date: '2026-12-31', target: 0.8 }],
  },
  tolerance: 0.1,
  minimumN: 5,
};

/** A round, as a new one and as an edited one. */
const ROUND_BODY = {
  name: 'Fuzz round',
  kind: 'thematic',
  theme: 'Exploitation',
  startDate: '2026-11-02',
  endDate: '2026-11-06',
  dueDate: '2026-11-13',
  frameworkKey: 'lantern-default',
  frameworkVersion: 1,
  excludeOwnTeam: true,
  moderationShare: 0.1,
};

/** A sample, previewed and drawn. */
const SAMPLE_BODY = {
  method: 'stratified',
  strata: ['team'],
  quota: { kind: 'count', value: 5 },
  flags: ['fuzz-flag'],
  teamIds: [UUID],
  workerIds: [UUID],
  excludeClosed: true,
  excludeAuditedWithinMonths: 12,
  seed: 7,
};

/** The audit log's filters, on the screen and in its export. */
const AUDIT_LOG_FILTERS = {
  person: 'fuzz',
  action: 'sign-in',
  entityType: 'audit',
  entityId: 'x',
  from: '2026-01-01',
  to: '2026-12-31',
};

export interface RouteInputs {
  query?: Record<string, string>;
  body?: unknown;
}

export const ROUTE_INPUT_SAMPLES: Readonly<Record<string, RouteInputs>> = {
  'POST /api/auth/sign-in': { body: { email: 'fuzz@test.invalid', password: 'not-the-password' } },
  'POST /api/auth/sign-out': { body: {} },
  'POST /api/auth/sign-out-everywhere': { body: {} },
  'POST /api/auth/set-password/check': { body: { token: 'fuzz-token' } },
  'POST /api/auth/set-password': {
    body: { token: 'fuzz-token', password: 'a long passphrase', confirmPassword: 'a long passphrase' },
  },
  'GET /api/auth/oidc/start': { query: { next: '/audits' } },
  'GET /api/auth/oidc/callback': { query: { code: 'fuzz', state: 'fuzz', error: 'access_denied' } },

  'POST /api/admin/people': {
    body: {
      email: 'fuzz.person@test.invalid',
      name: 'Fuzz Person',
      jobTitle: 'Team manager',
      teamId: null,
      serviceId: null,
      roles: ['auditor'],
    },
  },
  'PUT /api/admin/people/:personId': {
    body: {
      name: 'Fuzz Person',
      jobTitle: 'Team manager',
      teamId: null,
      serviceId: null,
      roles: ['auditor'],
      active: true,
    },
  },
  'POST /api/admin/people/:personId/password-link': { body: {} },
  'POST /api/admin/teams': { body: { name: 'Fuzz team', serviceId: UUID, managerIds: [] } },
  'PUT /api/admin/teams/:teamId': { body: { name: 'Fuzz team', serviceId: UUID, managerIds: [] } },
  'POST /api/admin/services': { body: { name: 'Fuzz service' } },
  'PUT /api/admin/services/:serviceId': { body: { name: 'Fuzz service' } },
  'PUT /api/admin/organisation': { body: { name: 'Fuzz County Council' } },
  'POST /api/admin/people-imports/preview': { body: { fileName: 'people.csv', content: BASE64_CSV } },
  'POST /api/admin/people-imports': { body: { fileName: 'people.csv', content: BASE64_CSV } },
  'POST /api/admin/case-types': { body: { label: 'Fuzz case type' } },
  'PUT /api/admin/case-types/:key': { body: { label: 'Fuzz case type', retired: false } },
  'POST /api/admin/case-flags': { body: { label: 'Fuzz flag' } },
  'PUT /api/admin/case-flags/:key': { body: { label: 'Fuzz flag', retired: false } },

  'GET /api/audit-log': { query: { ...AUDIT_LOG_FILTERS, page: '1', pageSize: '50' } },
  'GET /api/audit-log/export': { query: AUDIT_LOG_FILTERS },

  // Sync answers hostile text per mutation (server/sync/sync-fuzz.test.ts); here, the envelope.
  'POST /api/sync/push': { body: { protocol: 1, deviceId: UUID, mutations: [] } },
  'GET /api/sync/pull': { query: { checkpoint: '', limit: '200' } },
  'POST /api/sync/import': {
    body: {
      format: 'lantern-audit-export',
      version: 1,
      exportedAt: '2026-10-01T10:00:00Z',
      personId: UUID,
      deviceId: UUID,
      mutations: [],
    },
  },

  'POST /api/frameworks/:key/:version/draft': { body: {} },
  'PUT /api/frameworks/:key/:version': { body: { definition: { title: 'Fuzz framework' } } },
  'POST /api/frameworks/:key/:version/publish': { body: {} },
  'POST /api/audit-tools': {
    body: {
      name: 'Children at risk of exploitation',
      purpose: 'thematic',
      description: 'A thematic audit',
      copyFrom: { key: 'lantern-default', version: 1 },
    },
  },
  'PUT /api/audit-tools/:key': {
    body: { name: 'Case file audit', purpose: 'case_file', description: '' },
  },

  'GET /api/plans/:planId': { query: { asOf: '2026-09-30' } },
  'POST /api/plans': {
    body: {
      title: 'Fuzz plan',
      kind: 'inspection',
      areaNoun: 'area for improvement',
      sources: [{ kind: 'inspection', title: 'ILACS 2026', date: '2026-03-01' }],
    },
  },
  'POST /api/plans/import': {
    body: { title: 'Fuzz plan', kind: 'inspection', fileName: 'plan.csv', content: BASE64_CSV },
  },
  'PUT /api/plans/:planId': { body: { title: 'Fuzz plan', kind: 'inspection', sources: [] } },
  'POST /api/reports': {
    body: { title: 'Fuzz report', scope: { kind: 'month', month: '2026-10', toolKey: 'lantern-default' } },
  },
  'PUT /api/reports/:reportId': {
    body: {
      title: 'Fuzz report',
      summary: 'Fuzz summary',
      recommendations: [{ text: 'Fuzz recommendation' }],
    },
  },
  'POST /api/reports/:reportId/publish': { body: {} },
  'POST /api/reports/:reportId/recommendations/:recommendationId/plan': {
    body: {
      mode: 'new-action',
      planId: UUID,
      areaId: UUID,
      number: 'F1',
      owner: 'Fuzz owner',
      targetDate: null,
    },
  },
  'PUT /api/reports/:reportId/distribution': { body: { emails: ['fuzz@demo.lantern.invalid'] } },
  'POST /api/reports/:reportId/send': { body: {} },
  'POST /api/plans/:planId/areas': { body: AREA_BODY },
  'PUT /api/plans/:planId/areas/:areaId': { body: AREA_BODY },
  'POST /api/plans/:planId/actions': {
    body: {
      areaId: UUID,
      number: 'Z1',
      description: 'Fuzz action',
      owner: 'Head of QA',
      targetDate: '2026-12-31',
    },
  },
  'PUT /api/plans/:planId/actions/:actionId': {
    body: { number: 'Z1', description: 'Fuzz action', owner: 'Head of QA', targetDate: '2026-12-31' },
  },
  'POST /api/plans/:planId/actions/:actionId/notes': { body: { text: 'Fuzz note' } },
  'POST /api/plans/:planId/actions/:actionId/rag': { body: { rag: 'amber', reason: 'Fuzz reason' } },
  'POST /api/plans/:planId/actions/:actionId/target-date': {
    body: { targetDate: '2027-06-30', reason: 'Fuzz reason' },
  },
  'POST /api/plans/:planId/carry-forward': { body: { fromPlanId: UUID, areaId: UUID, actionIds: [UUID] } },
  'POST /api/plans/:planId/partners': {
    body: {
      name: 'Fuzz Partner',
      email: 'fuzz.partner@demo.lantern.invalid',
      organisation: 'Fuzz NHS Trust',
      agency: 'health',
      lastDay: '2099-12-31',
      actionIds: [],
    },
  },
  'POST /api/partner-actions/:actionId/notes': { body: { text: 'Fuzz partner note' } },
  'POST /api/partner-actions/:actionId/rag': { body: { rag: 'green', reason: 'Fuzz partner reason' } },
  'POST /api/plans/:planId/actions/:actionId/sign-off': {
    body: { signedOff: true, note: 'Fuzz panel note' },
  },
  'POST /api/plans/:planId/actions/:actionId/findings': {
    body: { auditId: UUID, itemKey: 'overall.grade', itemIndex: 0 },
  },
  'POST /api/plans/:planId/actions/:actionId/measures': { body: MEASURE_BODY },
  'PUT /api/plans/:planId/measures/:measureId': { body: MEASURE_BODY },
  'PUT /api/plans/:planId/measures/:measureId/values': {
    body: { date: '2026-09-30', value: 0.5, k: 5, n: 10, note: 'Fuzz value' },
  },
  'POST /api/plans/:planId/measures/:measureId/values/import': {
    body: {
      fileName: 'extract.csv',
      content: Buffer.from('Month,Value\nSep 2026,50%\n').toString('base64'),
      mapping: { period: 'Month', value: 'Value' },
      apply: false,
    },
  },
  'GET /api/plans/:planId/report': { query: { asOf: '2026-09-30' } },
  'GET /api/plans/:planId/export': { query: { asOf: '2026-09-30' } },
  'GET /api/findings': { query: { q: 'supervision' } },
  'GET /api/metrics/trend': {
    query: {
      item: 'overall.grade',
      passing: '0,1',
      bucket: 'month',
      from: '2026-01-01',
      to: '2026-09-30',
      teamIds: UUID,
      caseTypeIds: 'cin',
      kinds: 'ad_hoc',
      groupBy: 'team',
    },
  },
  'GET /api/metrics/items': { query: { from: '2026-01-01', to: '2026-09-30', teamIds: UUID } },

  'POST /api/rounds': { body: ROUND_BODY },
  'PUT /api/rounds/:roundId': { body: ROUND_BODY },
  'POST /api/rounds/:roundId/sample/preview': { body: SAMPLE_BODY },
  'POST /api/rounds/:roundId/sample': { body: SAMPLE_BODY },
  'POST /api/imports/preview': { body: { fileName: 'cases.csv', content: BASE64_CSV } },
  'POST /api/imports': { body: { fileName: 'cases.csv', content: BASE64_CSV } },
  'POST /api/allocations/bulk': {
    body: { roundId: UUID, auditorIds: [UUID], dueDate: '2026-11-13', seed: 1, preview: true },
  },
  'POST /api/allocations': { body: { roundId: UUID, caseId: UUID, auditorId: UUID, dueDate: '2026-11-13' } },
  'POST /api/allocations/self-audits': { body: { roundId: UUID, dueDate: '2026-11-13', preview: true } },
  'POST /api/allocations/:allocationId/reallocate': { body: { auditorId: UUID, dueDate: '2026-11-13' } },
  'POST /api/allocations/:allocationId/withdraw': { body: {} },
  'POST /api/allocations/:allocationId/joint': { body: { auditorId: UUID } },
  'POST /api/rounds/:roundId/guests': {
    body: {
      name: 'Priya Guest',
      email: 'priya.guest@northshire.invalid',
      organisation: 'Northshire County Council',
      agency: 'social_care',
      lastDay: '2026-11-13',
      roles: ['moderator'],
    },
  },
  'POST /api/rounds/:roundId/guests/:personId/password-link': { body: {} },
  'PUT /api/allocations/:allocationId/due-date': { body: { dueDate: '2026-11-13' } },
  'GET /api/inspection/audits': { query: { months: '6' } },
  'GET /api/inspection/audits/csv': { query: { months: '6' } },
  'GET /api/inspection/audits/xlsx': { query: { months: '6' } },
  'GET /api/inspection/pack': { query: { cases: UUID } },
  'GET /api/inspection/pack/docx': { query: { cases: UUID } },
  'POST /api/reaudits/:auditId': { body: { auditorId: UUID, roundId: null, dueDate: '2026-11-13' } },
  'POST /api/audits/:auditId/responses': {
    body: { kind: 'factual_correction', text: 'The child was seen on 3 March, not 13 March.' },
  },
  'PUT /api/cases/:caseId/practitioner': { body: { practitionerId: UUID } },
  'GET /api/moderation': { query: { roundId: UUID } },
  'GET /api/round-comparison': { query: { first: UUID, second: UUID } },
  'POST /api/moderation/rounds/:roundId/sample': {
    body: { share: 0.1, seed: 3, moderatorIds: [UUID], preview: true },
  },
  'POST /api/moderation/:moderationId/blind': { body: { grades: { 'overall.grade': 1 }, auditRev: 1 } },
  'POST /api/moderation/:moderationId/decision': {
    body: { grades: { 'overall.grade': 1 }, reasons: { 'overall.grade': 'Fuzz reason' }, auditRev: 1 },
  },
  'POST /api/moderation/:moderationId/return': { body: { note: 'Fuzz note', auditRev: 1 } },
  'POST /api/alerts/:alertId/acknowledge': { body: {} },
  'POST /api/notifications/read-all': { body: {} },
  'POST /api/notifications/:notificationId/read': { body: {} },
  'GET /api/case-actions': { query: { view: 'mine' } },
  'GET /api/learning/findings': {
    query: {
      roundId: UUID,
      teamId: UUID,
      themeId: UUID,
      from: '2026-01',
      to: '2026-06',
      coded: 'no',
      kind: 'strengths',
    },
  },
  'POST /api/learning/themes': { body: { name: 'Fuzz theme', description: 'Fuzz description' } },
  'PATCH /api/learning/themes/:themeId': {
    body: { name: 'Fuzz theme', description: 'Fuzz', archived: false },
  },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': { body: {} },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId/quote': { body: { chosen: true } },
  'PUT /api/learning/audits/:auditId/good-practice': { body: { reason: 'Fuzz reason' } },
  'PATCH /api/case-actions/:caseActionId': {
    body: {
      state: 'done',
      evidence: 'Fuzz evidence',
      completedOn: '2026-05-01',
      notNeededReason: 'Fuzz reason',
      ownerId: UUID,
    },
  },
};
