/**
 * What each API route takes and answers, for the OpenAPI document (openapi-document.ts): one
 * line per route, keyed `METHOD /path/:param` exactly like ACCESS_RULES (server/auth/access-rules.ts).
 * The schemas are the very zod objects the routes parse with (`parseBody(c, schema)`,
 * `schema.safeParse(c.req.query())`) and the client parses the answers with, so the document
 * cannot say one thing while the code does another. Tests fail, naming the route, when an access
 * rule has no line here or a line names no real route, or when a sample input of the fuzz test
 * (tests/support/route-input-samples.ts) does not fit the documented request
 * (openapi-document.test.ts); when a handler parses its body with another schema than its line
 * names (openapi-request-bodies.test.ts); and when a real answer of the app does not fit the
 * documented response (openapi-responses.test.ts).
 *
 * Adding a route? Add one line:
 *   'POST /api/rounds': { summary: 'Starts a round', body: roundInputSchema, response: roundResponseSchema, status: 201 },
 * `response` is the zod schema of the JSON answered on success (leave it out where the answer has
 * TypeScript types only; the document then says "JSON" without a shape); `file` for answers
 * that are not JSON.
 */
import { z } from 'zod';
import { signInRequestSchema, sessionInfoSchema } from '../../shared/accounts/roles';
import { authMethodsSchema } from '../../shared/accounts/auth-methods';
import {
  passwordLinkCheckSchema,
  passwordLinkInfoSchema,
  setPasswordRequestSchema,
} from '../../shared/accounts/password-rules';
import {
  adminPersonSchema,
  createPersonSchema,
  passwordLinkSchema,
  personWithLinkSchema,
  updatePersonSchema,
} from '../../shared/accounts/person-schemas';
import {
  adminRoleSchema,
  adminServiceSchema,
  adminTeamSchema,
  serviceInputSchema,
  teamInputSchema,
} from '../../shared/accounts/team-schemas';
import { createGuestSchema, guestWithLinkSchema } from '../../shared/accounts/guest-schemas';
import { auditLogPageSchema, auditLogQuerySchema } from '../../shared/accounts/audit-log-query';
import { organisationInfoSchema } from '../../shared/organisation/organisation-info';
import { setUpProblemsSchema } from '../../shared/organisation/set-up-problems';
import { organisationNameInputSchema } from '../../shared/organisation/set-up-tasks';
import {
  caseLabelSchema,
  createCaseLabelSchema,
  updateCaseLabelSchema,
} from '../../shared/organisation/case-label-schemas';
import {
  peopleImportRequestSchema,
  peopleImportPreviewSchema,
  peopleImportResultSchema,
} from '../../shared/imports/people-import-schemas';
import {
  importPreviewSchema,
  importRequestSchema,
  importResultSchema,
} from '../../shared/imports/import-schemas';
import { nameMappingSchema } from '../../shared/imports/import-names';
import { pushRequestSchema, slimPushResponseSchema, pullResponseSchema } from '../../shared/sync/protocol';
import { exportFileSchema } from '../../shared/sync/export-file';
import { importResponseSchema } from '../../shared/sync/import-result';
import { auditVersionsResponseSchema } from '../../shared/sync/audit-versions';
import {
  auditRecordSchema,
  casePractitionerRequestSchema,
  practitionerResponseRequestSchema,
  recordListItemSchema,
} from '../../shared/audits/audit-record-schemas';
import { frameworkSchema } from '../../shared/framework/framework-schema';
import {
  auditToolChangeSchema,
  auditToolListSchema,
  auditToolResponseSchema,
  newAuditToolSchema,
} from '../../shared/framework/audit-tools';
import {
  frameworkVersionListSchema,
  saveDraftResponseSchema,
  saveDraftSchema,
} from '../../shared/rounds/framework-version-schemas';
import {
  actionFieldsSchema,
  actionInputSchema,
  areaInputSchema,
  findingLinkInputSchema,
  measureInputSchema,
  measureExtractInputSchema,
  measureValueInputSchema,
  noteInputSchema,
  planImportSchema,
  planInputSchema,
  ragInputSchema,
  signOffInputSchema,
  targetRevisionSchema,
  carryForwardSchema,
  partnerOwnerSchema,
} from '../../shared/plans/plan-schemas';
import { filterQuerySchema, trendQuerySchema } from '../../shared/plans/trend-query';
import { calendarDateSchema } from '../../shared/validation/bounded-date';
import { timeBucketSchema } from '../../shared/metrics/periods';
import {
  roundComparisonQuerySchema,
  roundComparisonSchema,
} from '../../shared/rounds/round-comparison-schemas';
import { roundInputSchema, roundListSchema, roundResponseSchema } from '../../shared/rounds/round-schemas';
import {
  distributionSchema,
  recommendationToPlanSchema,
  reportCreateSchema,
  reportEditSchema,
} from '../../shared/reports/report-schemas';
import { sampleSpecSchema } from '../../shared/rounds/sample-spec';
import { sampleChoicesResponseSchema, samplePreviewResponseSchema } from '../../shared/rounds/sample-schemas';
import { roundProgressSchema } from '../../shared/rounds/progress-schemas';
import { selfAuditAgreementResponseSchema } from '../../shared/rounds/self-audit-agreement-schemas';
import {
  bulkAllocationResultSchema,
  bulkAllocationSchema,
  dueDateChangeSchema,
  handAllocationSchema,
  peopleOptionsSchema,
  reallocationSchema,
  roundCasesResponseSchema,
  selfAuditAllocationResultSchema,
  selfAuditAllocationSchema,
} from '../../shared/rounds/allocation-schemas';
import {
  jointAllocationResultSchema,
  jointAllocationSchema,
} from '../../shared/rounds/joint-allocation-schemas';
import { reauditListSchema, reauditRequestSchema } from '../../shared/rounds/reaudit-schemas';
import {
  blindGradesSchema,
  moderationDecisionSchema,
  moderationDetailSchema,
  moderationListSchema,
  moderationSampleRequestSchema,
  moderationSampleResultSchema,
  moderationSummarySchema,
  returnToAuditorSchema,
} from '../../shared/moderation/moderation-schemas';
import { agreementResponseSchema } from '../../shared/moderation/agreement-schemas';
import { acknowledgeAlertSchema, alertListSchema, alertSchema } from '../../shared/alerts/alert-schemas';
import { caseActionUpdateSchema } from '../../shared/case-actions/case-action-schemas';
import {
  codeFindingSchema,
  findingFilterFieldsSchema,
  goodPracticeSchema,
  quoteSchema,
  themeCreateSchema,
  themeUpdateSchema,
} from '../../shared/findings/finding-schemas';
import {
  inboxSchema,
  markReadSchema,
  notificationSchema,
  unreadCountSchema,
} from '../../shared/notifications/notification-schemas';
import { pullQuerySchema } from '../sync/sync-routes';
import { listQuerySchema as moderationQuerySchema } from '../moderation/moderation-routes';
import { roundRef } from '../allocations/allocation-routes';
import {
  inspectionListQuerySchema,
  inspectionListSchema,
  packDocumentSchema,
  packQuerySchema,
} from '../../shared/inspection/inspection-schemas';

/** What is answered on success when it is not JSON. */
export type FileAnswer =
  | { kind: 'csv' }
  | { kind: 'xlsx' }
  | { kind: 'docx' }
  /** A 302 to the identity provider or back into the app. */
  | { kind: 'redirect' }
  /** Prometheus's text exposition format. */
  | { kind: 'prometheus' };

export interface ApiOperation {
  summary: string;
  /** The query the route reads: the zod object it parses with, or `namedQuery` for one-by-one reads. */
  query?: z.ZodObject;
  /** The JSON body the route parses (through parseBody). */
  body?: z.core.$ZodType;
  /** The JSON answered on success, as the client parses it. */
  response?: z.core.$ZodType;
  /** The success status when it is not 200. */
  status?: 201;
  file?: FileAnswer;
  /** Guarded by its own bearer token (LANTERN_METRICS_TOKEN) rather than a session. */
  metricsToken?: true;
}

/**
 * Query parameters a handler reads one by one with `c.req.query(name)` and checks itself:
 * each optional text, described in words.
 */
function namedQuery(descriptions: Record<string, string>): z.ZodObject {
  return z.object(
    Object.fromEntries(
      Object.entries(descriptions).map(([name, words]) => [name, z.string().optional().describe(words)]),
    ),
  );
}

const asOf = namedQuery({
  asOf: 'The day the figures are as of (YYYY-MM-DD); today in London when left out.',
});
const caseLabels = (kind: 'case-types' | 'case-flags', words: string) => ({
  [`GET /api/admin/${kind}`]: {
    summary: `Lists the council's ${words}, retired ones included`,
    response: z.object({ items: z.array(caseLabelSchema) }),
  },
  [`POST /api/admin/${kind}`]: {
    summary: `Adds one of the council's ${words}`,
    body: createCaseLabelSchema(kind),
    response: z.object({ item: caseLabelSchema }),
    status: 201 as const,
  },
  [`PUT /api/admin/${kind}/:key`]: {
    summary: `Renames, retires or brings back one of the council's ${words}`,
    body: updateCaseLabelSchema(kind),
    response: z.object({ item: caseLabelSchema }),
  },
});
const moderationSummary = z.object({ moderation: moderationSummarySchema });

export const API_OPERATIONS: Readonly<Record<string, ApiOperation>> = {
  'GET /api/health': {
    summary: 'Whether the server and its database answer, which engine and schema version',
  },
  'GET /api/health/live': {
    summary: 'Liveness: the process is up (never touches the database)',
    response: z.object({ status: z.literal('ok') }),
  },
  'GET /api/health/ready': {
    summary: 'Readiness: every migration applied and the database answering; 503 with the reason otherwise',
    response: z.object({ status: z.literal('ok'), schemaVersion: z.number() }),
  },
  'GET /api/health/metrics': {
    summary:
      'Prometheus metrics; 404 unless LANTERN_METRICS_TOKEN is set, then 401 without it as bearer token',
    file: { kind: 'prometheus' },
    metricsToken: true,
  },
  'GET /api/organisation': {
    summary: "The organisation's name, whether it is the demo, and how to make the first admin",
    response: organisationInfoSchema,
  },
  'GET /api/openapi.json': { summary: 'This document: the API described as OpenAPI 3.1' },

  'GET /api/auth/methods': {
    summary: 'How people sign in here (password, single sign-on)',
    response: authMethodsSchema,
  },
  'POST /api/auth/sign-in': {
    summary: 'Signs in with e-mail and password; sets the session cookie',
    body: signInRequestSchema,
    response: sessionInfoSchema,
  },
  'GET /api/auth/session': {
    summary: 'The signed-in person, their roles and the CSRF token for changes',
    response: sessionInfoSchema,
  },
  'POST /api/auth/sign-out': {
    summary: 'Ends this session',
    response: z.object({ signedOut: z.literal(true) }),
  },
  'POST /api/auth/sign-out-everywhere': {
    summary: "Ends every one of the person's sessions",
    response: z.object({ signedOut: z.literal(true), sessionsEnded: z.number() }),
  },
  'POST /api/auth/set-password/check': {
    summary: 'Whether a set-password link is still good, and whose it is',
    body: passwordLinkCheckSchema,
    response: passwordLinkInfoSchema,
  },
  'POST /api/auth/set-password': {
    summary: 'Sets a password through a one-time link',
    body: setPasswordRequestSchema,
    response: z.object({ passwordSet: z.literal(true), email: z.string() }),
  },
  'GET /api/auth/oidc/start': {
    summary: "Starts single sign-on: redirects to the council's identity provider",
    query: namedQuery({ next: 'The app path to return to after signing in.' }),
    file: { kind: 'redirect' },
  },
  'GET /api/auth/oidc/callback': {
    summary: 'Where the identity provider sends the person back; signs them in and redirects into the app',
    query: namedQuery({
      code: 'The authorisation code.',
      state: 'The state sent at the start.',
      error: 'The error the provider gave instead.',
    }),
    file: { kind: 'redirect' },
  },

  'GET /api/admin/people': {
    summary: 'Lists everyone',
    response: z.object({ people: z.array(adminPersonSchema) }),
  },
  'POST /api/admin/people': {
    summary: 'Adds a person; answers a link to set their password',
    body: createPersonSchema,
    response: personWithLinkSchema,
    status: 201,
  },
  'GET /api/admin/people/:personId': {
    summary: 'One person',
    response: z.object({ person: adminPersonSchema }),
  },
  'PUT /api/admin/people/:personId': {
    summary: "Changes a person's name, job, team, service, roles or whether they are active",
    body: updatePersonSchema,
    response: z.object({ person: adminPersonSchema }),
  },
  'POST /api/admin/people/:personId/password-link': {
    summary: 'A new link for the person to set their password',
    response: z.object({ passwordLink: passwordLinkSchema }),
    status: 201,
  },
  'GET /api/admin/people-imports': { summary: 'The people imports done so far' },
  'POST /api/admin/people-imports/preview': {
    summary: 'Reads a file of people and shows what importing it would do',
    body: peopleImportRequestSchema,
    response: peopleImportPreviewSchema,
  },
  'POST /api/admin/people-imports': {
    summary: 'Imports a file of people, all rows or none',
    body: peopleImportRequestSchema,
    response: peopleImportResultSchema,
  },
  'GET /api/admin/teams': {
    summary: 'Lists the teams',
    response: z.object({ teams: z.array(adminTeamSchema) }),
  },
  'POST /api/admin/teams': {
    summary: 'Adds a team',
    body: teamInputSchema,
    response: z.object({ team: adminTeamSchema }),
    status: 201,
  },
  'PUT /api/admin/teams/:teamId': {
    summary: "Changes a team's name, service or managers",
    body: teamInputSchema,
    response: z.object({ team: adminTeamSchema }),
  },
  'GET /api/admin/services': {
    summary: 'Lists the services',
    response: z.object({ services: z.array(adminServiceSchema) }),
  },
  'POST /api/admin/services': {
    summary: 'Adds a service',
    body: serviceInputSchema,
    response: z.object({ service: adminServiceSchema }),
    status: 201,
  },
  'PUT /api/admin/services/:serviceId': {
    summary: "Changes a service's name or head",
    body: serviceInputSchema,
    response: z.object({ service: adminServiceSchema }),
  },
  ...caseLabels('case-types', 'case types'),
  ...caseLabels('case-flags', 'case flags'),
  'GET /api/admin/set-up-problems': {
    summary: 'Teams without a manager and services without a head',
    response: setUpProblemsSchema,
  },
  'GET /api/admin/roles': {
    summary: 'The roles and what each may do',
    response: z.object({ roles: z.array(adminRoleSchema) }),
  },
  'GET /api/admin/set-up-tasks': { summary: "The admin's set-up task list on a new install" },
  'PUT /api/admin/organisation': {
    summary: "Changes the council's name",
    body: organisationNameInputSchema,
    response: z.object({ name: z.string() }),
  },

  'GET /api/audit-log': {
    summary: 'Searches the audit log, a page at a time',
    query: auditLogQuerySchema,
    response: auditLogPageSchema,
  },
  'GET /api/audit-log/export': {
    summary: 'The audit log search as a CSV file',
    query: auditLogQuerySchema,
    file: { kind: 'csv' },
  },

  'POST /api/sync/push': {
    summary:
      "An auditor's device sends changed audits; each mutation is answered (applied, conflict or rejected). With slimAnswers, an applied mutation stored exactly as pushed is answered with what the server added (added), not the whole document (doc). The body may be sent with Content-Encoding: gzip (at most 1 MB unpacked)",
    body: pushRequestSchema,
    response: slimPushResponseSchema,
  },
  'GET /api/sync/pull': {
    summary: "What changed for the auditor since the device's checkpoint, a page at a time",
    query: pullQuerySchema,
    response: pullResponseSchema,
  },
  'POST /api/sync/import': {
    summary: "Applies a device's exported file of unsent changes",
    body: exportFileSchema,
    response: importResponseSchema,
  },
  'GET /api/audits/:auditId/history': { summary: 'Every revision of an audit, who and when' },
  'GET /api/audits/:auditId/record': {
    summary: 'The whole submitted audit with its findings, actions and responses',
    response: auditRecordSchema,
  },
  'POST /api/audits/:auditId/responses': {
    summary: "The case's practitioner responds to an audit",
    body: practitionerResponseRequestSchema,
    response: z.object({ id: z.string() }),
    status: 201,
  },
  'GET /api/audit-records': {
    summary: "The submitted audits of the person's own cases and managed teams",
    response: z.object({ audits: z.array(recordListItemSchema) }),
  },
  'GET /api/cases/:caseId/practitioner': {
    summary: "A case's practitioner and the people who may be chosen",
  },
  'PUT /api/cases/:caseId/practitioner': {
    summary: "Chooses a case's practitioner",
    body: casePractitionerRequestSchema,
    response: z.object({ practitionerId: z.string().nullable() }),
  },
  'GET /api/audits/:auditId/versions': {
    summary: 'Every version of their own text the server kept, refused ones included',
    response: auditVersionsResponseSchema,
  },
  'GET /api/frameworks/:key/:version': {
    summary: 'One version of an audit tool (the form)',
    response: frameworkSchema,
  },

  'GET /api/plans': { summary: "The service's improvement plans" },
  'POST /api/plans': { summary: 'Starts a plan', body: planInputSchema, status: 201 },
  'POST /api/plans/import': {
    summary: 'Imports a plan from a spreadsheet',
    body: planImportSchema,
    status: 201,
  },
  'GET /api/plans/:planId': { summary: 'A plan with its areas, actions and measures', query: asOf },
  'PUT /api/plans/:planId': { summary: "Changes a plan's title and sources", body: planInputSchema },
  'POST /api/plans/:planId/areas': {
    summary: 'Adds an area for improvement',
    body: areaInputSchema,
    status: 201,
  },
  'PUT /api/plans/:planId/areas/:areaId': {
    summary: 'Changes an area for improvement',
    body: areaInputSchema,
  },
  'POST /api/plans/:planId/actions': { summary: 'Adds an action', body: actionInputSchema, status: 201 },
  'GET /api/plans/:planId/actions/:actionId': {
    summary: 'An action with its notes, RAG history, measures and findings',
  },
  'PUT /api/plans/:planId/actions/:actionId': { summary: 'Changes an action', body: actionFieldsSchema },
  'POST /api/plans/:planId/actions/:actionId/notes': {
    summary: 'Adds a progress note',
    body: noteInputSchema,
  },
  'POST /api/plans/:planId/actions/:actionId/rag': {
    summary: "Sets the manager's RAG",
    body: ragInputSchema,
  },
  'POST /api/plans/:planId/actions/:actionId/sign-off': {
    summary: "Records the evidence panel's sign-off",
    body: signOffInputSchema,
  },
  'POST /api/plans/:planId/actions/:actionId/findings': {
    summary: 'Links an audit finding to the action',
    body: findingLinkInputSchema,
  },
  'DELETE /api/plans/:planId/actions/:actionId/findings/:linkId': { summary: 'Unlinks a finding' },
  'POST /api/plans/:planId/actions/:actionId/measures': {
    summary: 'Binds a measure (from audits, case actions or entered by hand) to the action',
    body: measureInputSchema,
    status: 201,
  },
  'PUT /api/plans/:planId/measures/:measureId': { summary: 'Changes a measure', body: measureInputSchema },
  'PUT /api/plans/:planId/measures/:measureId/values': {
    summary: "Enters a hand-kept measure's values per period",
    body: measureValueInputSchema,
  },
  'POST /api/plans/:planId/measures/:measureId/values/import': {
    summary:
      "Previews, or imports, a monthly performance extract (CSV or XLSX) as a hand-kept measure's figures: every row or none",
    body: measureExtractInputSchema,
  },
  'GET /api/plans/:planId/report': { summary: "The board's progress report", query: asOf },
  'GET /api/plans/:planId/export': {
    summary: "The board's progress report as a workbook",
    query: asOf,
    file: { kind: 'xlsx' },
  },
  'POST /api/plans/:planId/actions/:actionId/target-date': {
    summary: 'Revises the target date, keeping the original and the reason in the history',
    body: targetRevisionSchema,
  },
  'POST /api/plans/:planId/carry-forward': {
    summary: 'Carries actions of an older plan into an area of this one, linked to their history',
    body: carryForwardSchema,
  },
  'POST /api/plans/:planId/partners': {
    summary: 'Adds a partner owner (a guest of the plan) and gives their one-time set-password link',
    body: partnerOwnerSchema,
  },
  'GET /api/partner-actions': {
    summary: 'The plan actions the signed-in partner owner owns, and nothing else',
  },
  'POST /api/partner-actions/:actionId/notes': {
    summary: 'Adds a progress note to an action the signed-in person owns',
    body: noteInputSchema,
  },
  'POST /api/partner-actions/:actionId/rag': {
    summary: 'Sets the RAG, with its reason, of an action the signed-in person owns',
    body: ragInputSchema,
  },
  'GET /api/findings': {
    summary: "Searches the findings of the service's audits",
    query: namedQuery({ q: 'Words to look for (200 characters at most).' }),
  },
  'GET /api/findings/audits/:auditId': { summary: "One audit's findings" },
  'GET /api/metrics/trend': {
    summary: 'A percentage over audits per period, with counts and Wilson intervals',
    query: trendQuerySchema,
  },
  'GET /api/metrics/items': {
    summary: "Each item's pass rate over a date range",
    query: filterQuerySchema.extend({
      from: calendarDateSchema,
      to: calendarDateSchema,
      bucket: timeBucketSchema.optional(),
    }),
  },
  'GET /api/metrics/options': {
    summary:
      "The teams, case types, flags, tools, and the service's rounds and themes a figure may be filtered by",
  },
  'GET /api/round-comparison': {
    summary: 'Two rounds of one audit tool compared',
    query: roundComparisonQuerySchema,
    response: roundComparisonSchema,
  },

  'GET /api/reports': { summary: "The service's audit reports (managers: the published ones)" },
  'POST /api/reports': {
    summary: 'Starts a draft audit report of a round, a month or a theme',
    body: reportCreateSchema,
    status: 201,
  },
  'GET /api/reports/:reportId': {
    summary: 'An audit report: a draft drawn now, or a published one as it was published',
  },
  'PUT /api/reports/:reportId': {
    summary: "Changes a draft report's title, summary and recommendations (a published one: 409)",
    body: reportEditSchema,
  },
  'DELETE /api/reports/:reportId': { summary: 'Deletes a draft report (a published one: 409)' },
  'POST /api/reports/:reportId/publish': { summary: 'Publishes a report: what it shows is frozen' },
  'GET /api/reports/:reportId/docx': { summary: 'The report as a Word document', file: { kind: 'docx' } },
  'GET /api/reports/:reportId/xlsx': {
    summary: "The report's figures as a workbook",
    file: { kind: 'xlsx' },
  },
  'POST /api/reports/:reportId/recommendations/:recommendationId/plan': {
    summary: 'Puts a recommendation into the improvement plan: a new action, or a quote linked to an action',
    body: recommendationToPlanSchema,
  },
  'PUT /api/reports/:reportId/distribution': {
    summary: "Sets the report's distribution list",
    body: distributionSchema,
  },
  'POST /api/reports/:reportId/send': {
    summary: "E-mails a published report's link to its distribution list",
  },

  'GET /api/rounds': { summary: "The service's audit rounds", response: roundListSchema },
  'POST /api/rounds': {
    summary: 'Starts a round',
    body: roundInputSchema,
    response: roundResponseSchema,
    status: 201,
  },
  'GET /api/rounds/:roundId': { summary: 'One round', response: roundResponseSchema },
  'PUT /api/rounds/:roundId': {
    summary: 'Changes a round',
    body: roundInputSchema,
    response: roundResponseSchema,
  },
  'GET /api/rounds/:roundId/sample/choices': {
    summary: "The teams and workers of the round's service a sample may be narrowed to",
    response: sampleChoicesResponseSchema,
  },
  'POST /api/rounds/:roundId/sample/preview': {
    summary: 'Draws a sample of cases without keeping it',
    body: sampleSpecSchema,
    response: samplePreviewResponseSchema,
  },
  'POST /api/rounds/:roundId/sample': {
    summary: "Draws and keeps the round's sample",
    body: sampleSpecSchema,
    response: samplePreviewResponseSchema,
  },
  'GET /api/rounds/:roundId/cases': {
    summary: "The round's cases and who audits them",
    response: roundCasesResponseSchema,
  },
  'GET /api/rounds/:roundId/progress': {
    summary: "The round's progress by team and auditor",
    response: roundProgressSchema,
  },
  'GET /api/rounds/:roundId/self-audit-agreement': {
    summary: 'How far self-audits agree with independent audits in the round',
    response: selfAuditAgreementResponseSchema,
  },
  'GET /api/imports': { summary: "The service's case-list imports" },
  'POST /api/imports/preview': {
    summary: 'Reads a case list and shows what importing it would do',
    body: importRequestSchema,
    response: importPreviewSchema,
  },
  'POST /api/imports': {
    summary: 'Imports a case list, all rows or none',
    body: importRequestSchema,
    response: importResultSchema,
  },
  'GET /api/imports/name-mappings': {
    summary: 'The team and worker names remembered from earlier imports',
    response: z.object({ mappings: z.array(nameMappingSchema) }),
  },
  'DELETE /api/imports/name-mappings/:mappingId': {
    summary: 'Forgets a remembered name',
    response: z.object({ mapping: nameMappingSchema }),
  },
  'GET /api/allocations/people': {
    summary: 'The auditors and moderators who may be allocated',
    response: peopleOptionsSchema,
  },
  'POST /api/allocations/bulk': {
    summary: "Allocates the round's cases among auditors",
    body: bulkAllocationSchema.extend(roundRef.shape),
    response: bulkAllocationResultSchema,
  },
  'POST /api/allocations': {
    summary: 'Allocates one case to an auditor',
    body: handAllocationSchema.extend(roundRef.shape),
    response: z.object({ allocationId: z.string() }),
    status: 201,
  },
  'POST /api/allocations/self-audits': {
    summary: "Allocates each case to its own team's manager as a self-audit",
    body: selfAuditAllocationSchema.extend(roundRef.shape),
    response: selfAuditAllocationResultSchema,
  },
  'POST /api/allocations/:allocationId/reallocate': {
    summary: 'Gives an allocated case to another auditor',
    body: reallocationSchema,
  },
  'POST /api/allocations/:allocationId/withdraw': { summary: 'Withdraws an allocation' },
  'GET /api/rounds/:roundId/guests': {
    summary: "The round's people from outside the council",
    response: z.object({ guests: z.array(adminPersonSchema) }),
  },
  'POST /api/rounds/:roundId/guests': {
    summary: 'Adds a person from outside the council for this round only',
    body: createGuestSchema,
    response: guestWithLinkSchema,
    status: 201,
  },
  'POST /api/rounds/:roundId/guests/:personId/password-link': {
    summary: 'A new one-time link for a guest of the round to set their password',
    response: z.object({ passwordLink: passwordLinkSchema }),
    status: 201,
  },
  'POST /api/allocations/:allocationId/joint': {
    summary: "Adds another auditor to the case's audit (a joint audit)",
    body: jointAllocationSchema,
    response: jointAllocationResultSchema,
    status: 201,
  },
  'PUT /api/allocations/:allocationId/due-date': {
    summary: "Changes an allocation's due date",
    body: dueDateChangeSchema,
    response: z.object({ dueDate: z.string().nullable() }),
  },
  'GET /api/reaudits': {
    summary: 'Audits that may be audited again, and those scheduled',
    response: reauditListSchema,
  },
  'POST /api/reaudits/:auditId': {
    summary: 'Schedules a re-audit of a case',
    body: reauditRequestSchema,
    response: z.object({ allocationId: z.string() }),
    status: 201,
  },
  'GET /api/frameworks': {
    summary: 'Every version of every audit tool',
    response: frameworkVersionListSchema,
  },
  'POST /api/frameworks/:key/:version/draft': {
    summary: 'Starts a draft version from this one',
    response: z.object({ key: z.string(), version: z.number() }),
    status: 201,
  },
  'PUT /api/frameworks/:key/:version': {
    summary: 'Saves a draft version',
    body: saveDraftSchema,
    response: saveDraftResponseSchema,
  },
  'POST /api/frameworks/:key/:version/publish': {
    summary: 'Publishes a draft version; it never changes again',
    response: z.object({ key: z.string(), version: z.number(), status: z.literal('published') }),
  },
  'GET /api/audit-tools': { summary: 'The audit tools', response: auditToolListSchema },
  'POST /api/audit-tools': {
    summary: 'A new audit tool, copied from a version of another',
    body: newAuditToolSchema,
    response: auditToolResponseSchema,
    status: 201,
  },
  'PUT /api/audit-tools/:key': {
    summary: "Changes a tool's name or purpose",
    body: auditToolChangeSchema,
    response: auditToolResponseSchema,
  },

  'POST /api/moderation/rounds/:roundId/sample': {
    summary: "Draws the round's moderation sample",
    body: moderationSampleRequestSchema,
    response: moderationSampleResultSchema,
  },
  'GET /api/moderation/agreement': {
    summary: 'How far auditors and moderators agree (exact rate and weighted kappa)',
    query: moderationQuerySchema,
    response: agreementResponseSchema,
  },
  'GET /api/moderation': {
    summary: 'Moderations',
    query: moderationQuerySchema,
    response: moderationListSchema,
  },
  'GET /api/moderation/:moderationId': {
    summary: 'One moderation; the audit stays hidden until the blind grades are in',
    response: moderationDetailSchema,
  },
  'POST /api/moderation/:moderationId/blind': {
    summary: "The moderator's blind grades",
    body: blindGradesSchema,
    response: moderationSummary,
  },
  'POST /api/moderation/:moderationId/decision': {
    summary: 'Agrees or re-grades, with a reason',
    body: moderationDecisionSchema,
    response: moderationSummary,
  },
  'POST /api/moderation/:moderationId/return': {
    summary: 'Returns the audit to its auditor',
    body: returnToAuditorSchema,
    response: moderationSummary,
  },
  'GET /api/alerts': { summary: 'Safeguarding alerts raised to the person', response: alertListSchema },
  'POST /api/alerts/:alertId/acknowledge': {
    summary: 'Acknowledges a safeguarding alert',
    body: acknowledgeAlertSchema,
    response: z.object({ alert: alertSchema }),
  },
  'GET /api/case-actions': {
    summary: 'Actions set for cases by audits',
    query: namedQuery({ view: 'mine, team or all (the default).' }),
  },
  'GET /api/case-actions/compliance': { summary: 'How many case actions were done on time' },
  'GET /api/inspection/audits': {
    summary: 'Every submitted audit of the service done in the last N months (London dates)',
    query: inspectionListQuerySchema,
    response: inspectionListSchema,
  },
  'GET /api/inspection/audits/csv': {
    summary: 'The inspection list as CSV (UTF-8 with a byte-order mark)',
    query: inspectionListQuerySchema,
    file: { kind: 'csv' },
  },
  'GET /api/inspection/audits/xlsx': {
    summary: 'The inspection list as a workbook',
    query: inspectionListQuerySchema,
    file: { kind: 'xlsx' },
  },
  'GET /api/inspection/pack': {
    summary: 'The deep-dive pack of the cases chosen: every submitted audit of each, whole',
    query: packQuerySchema,
    response: packDocumentSchema,
  },
  'GET /api/inspection/pack/docx': {
    summary: 'The deep-dive pack as a Word document',
    query: packQuerySchema,
    file: { kind: 'docx' },
  },
  'GET /api/learning/findings': {
    summary: 'The service’s strengths and areas-for-development findings with the themes they are coded into',
    query: findingFilterFieldsSchema,
  },
  'GET /api/learning/themes': { summary: 'The service’s themes for coding findings, with their counts' },
  'POST /api/learning/themes': { summary: 'Adds a theme', body: themeCreateSchema, status: 201 },
  'PATCH /api/learning/themes/:themeId': {
    summary: 'Renames, describes, archives or brings back a theme',
    body: themeUpdateSchema,
  },
  'GET /api/learning/audits/:auditId/findings/:itemKey/suggestions': {
    summary: 'Themes suggested for a finding from the service’s past coding',
  },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': {
    summary: 'Codes a finding into a theme',
    body: codeFindingSchema,
  },
  'DELETE /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': {
    summary: 'Takes a theme off a finding',
  },
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId/quote': {
    summary: 'Chooses or unchooses a coded finding as a quote for its theme',
    body: quoteSchema,
  },
  'GET /api/learning/audits/:auditId/good-practice': {
    summary: 'Whether an audit is marked as good practice, and why',
  },
  'PUT /api/learning/audits/:auditId/good-practice': {
    summary: 'Marks an audit as good practice, with why',
    body: goodPracticeSchema,
  },
  'DELETE /api/learning/audits/:auditId/good-practice': { summary: 'Removes an audit’s good-practice mark' },
  'GET /api/learning/audits/:auditId/good-practice.docx': {
    summary: 'The audit as an anonymised good-practice example (names and case reference removed)',
    file: { kind: 'docx' },
  },
  'GET /api/case-actions/:caseActionId': { summary: 'One case action' },
  'GET /api/case-actions/:caseActionId/owners': { summary: 'Who may own a case action' },
  'PATCH /api/case-actions/:caseActionId': {
    summary: 'Changes a case action’s state, owner or note',
    body: caseActionUpdateSchema,
  },
  'GET /api/notifications': { summary: "The person's inbox", response: inboxSchema },
  'GET /api/notifications/unread-count': {
    summary: 'How many notices are unread',
    response: unreadCountSchema,
  },
  'POST /api/notifications/read-all': {
    summary: 'Marks every notice read',
    body: markReadSchema,
    response: z.object({ marked: z.number(), unread: z.number() }),
  },
  'POST /api/notifications/:notificationId/read': {
    summary: 'Marks one notice read',
    body: markReadSchema,
    response: z.object({ notification: notificationSchema, unread: z.number() }),
  },
};
