/**
 * Who may call each API route: the one registry. Every route that Hono lists in `app.routes`
 * under /api has one line here, keyed `METHOD /path/:param` exactly as Hono spells it.
 * access-middleware.ts enforces the rule before any handler runs (a route without a rule is
 * refused), and access-matrix.test.ts walks every route × role × own/other team and fails,
 * naming the route, when one has no rule.
 *
 * Adding a route? Add one line:
 *   'GET /api/rounds': allow('qa_lead'),                          // these roles, organisation-wide
 *   'GET /api/teams/:teamId/cases': within({ qa_lead: 'service', manager: 'service' }, on('team', 'teamId')),
 *   'GET /api/audits/:auditId': within(
 *     { auditor: 'assigned', moderator: 'assigned', qa_lead: 'service', manager: 'service' },
 *     on('audit', 'auditId'), { auditContent: true }),           // needs an 'audit' resolver
 *
 * Reach, per role: 'all' (organisation-wide), 'service' (the teams of the person's service),
 * 'team' (the person's own team), 'assigned' (records allocated or sampled to the person). A
 * person with several roles gets the widest reach any of their roles is given here.
 *
 * Audit-derived data (audits, moderation, figures, rounds, allocations, alerts, plans and their
 * measures, the audit log) never goes past a person's service: a route about one record names it
 * (`within(..., on(kind, param))`) and the middleware refuses another service's record before
 * the handler runs; a list, a figure or a new record is `scoped(...)`: the middleware hands the
 * handler the person's scope (server/auth/service-scope.ts) and the store keeps every query
 * inside it with `inScope`. `allow(...)` is organisation-wide and is kept for what is not
 * audit-derived (people, teams, labels, framework versions) and the admin. Every route also
 * declares what it may show of a service's data in service-data-probes.ts, which
 * service-data.test.ts checks against a world of two services.
 *
 * The roles (PRODUCT.md): an auditor sees the cases allocated to them ('assigned'); a
 * moderator the audits sampled to them ('assigned'); QA leads and managers their service's
 * teams ('service'); an admin manages people, roles and teams and reads no audit content —
 * rules marked `auditContent` refuse to list 'admin', so an admin reaches audits or plans only
 * through another role they also hold.
 */
import type { Role } from '../../shared/accounts/roles';
import type { TargetKind } from './access-targets';

export type Reach = 'all' | 'service' | 'team' | 'assigned';

export interface AccessTarget {
  kind: TargetKind;
  /** The path parameter that holds the record's id, e.g. 'teamId' for '/teams/:teamId'. */
  param: string;
}

export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | {
      kind: 'roles';
      reach: Partial<Record<Role, Reach>>;
      target: AccessTarget | null;
      auditContent: boolean;
      /** No record named: the handler keeps what it lists or creates within the person's scope. */
      scopedList?: boolean;
    };

/** Anyone, signed in or not (sign-in itself, health, the organisation's name). */
export const PUBLIC: AccessRule = { kind: 'public' };

/** Any signed-in person, whatever their roles (their own session). */
export const SIGNED_IN: AccessRule = { kind: 'signed-in' };

/** Signed in with at least one of `roles`, organisation-wide. */
export function allow(...roles: Role[]): AccessRule {
  return {
    kind: 'roles',
    reach: Object.fromEntries(roles.map((role) => [role, 'all'])),
    target: null,
    auditContent: false,
  };
}

/**
 * Signed in with one of the roles; the handler lists, counts or creates only within the reach of
 * the person's roles (`dataScope(c)` and `inScope`, server/auth/service-scope.ts).
 * @throws Error when a rule that reads audit content lists 'admin' (PRODUCT.md: admins do not).
 */
export function scoped(
  reach: Partial<Record<Role, Reach>>,
  options: { auditContent?: boolean } = {},
): AccessRule {
  const auditContent = options.auditContent ?? false;
  if (auditContent && reach.admin) {
    throw new Error('An admin reads no audit content: remove admin from this rule.');
  }
  return { kind: 'roles', reach, target: null, auditContent, scopedList: true };
}

/** The record a scoped rule is about: its kind and the path parameter that names it. */
export const on = (kind: TargetKind, param: string): AccessTarget => ({ kind, param });

/**
 * Signed in with one of the roles, and the record named by `target` within that role's reach.
 * @throws Error when a rule that reads audit content lists 'admin' (PRODUCT.md: admins do not).
 */
export function within(
  reach: Partial<Record<Role, Reach>>,
  target: AccessTarget,
  options: { auditContent?: boolean } = {},
): AccessRule {
  const auditContent = options.auditContent ?? false;
  if (auditContent && reach.admin) {
    throw new Error('An admin reads no audit content: remove admin from this rule.');
  }
  return { kind: 'roles', reach, target, auditContent };
}

/** Reaches used by several routes below. */
const QA_SERVICE = { qa_lead: 'service' } as const;
const PLAN_KEEPERS = { manager: 'service', qa_lead: 'service' } as const;
const MODERATION = { moderator: 'assigned', qa_lead: 'service' } as const;
const ALERT_RECIPIENTS = {
  auditor: 'assigned',
  moderator: 'assigned',
  qa_lead: 'assigned',
  manager: 'assigned',
  admin: 'assigned',
} as const;
const ALERT_READERS = { ...ALERT_RECIPIENTS, qa_lead: 'service' } as const;
/** Owners and team managers of any role ('assigned'); QA leads and managers by service. */
const CASE_ACTION_READERS = {
  auditor: 'assigned',
  moderator: 'assigned',
  practitioner: 'assigned',
  qa_lead: 'service',
  manager: 'service',
} as const;
/** The owner, the team manager and the QA lead change an action; a service manager only their own. */
const CASE_ACTION_CHANGERS = { ...CASE_ACTION_READERS, manager: 'assigned' } as const;

export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /api/health': PUBLIC,
  'GET /api/health/live': PUBLIC,
  'GET /api/health/ready': PUBLIC,
  // Off unless LANTERN_METRICS_TOKEN is set; then its handler asks for that bearer token.
  'GET /api/health/metrics': PUBLIC,
  'GET /api/organisation': PUBLIC,
  // The API's description (server/openapi): shapes and who may call what, never data.
  'GET /api/openapi.json': PUBLIC,

  'GET /api/auth/methods': PUBLIC,
  'POST /api/auth/sign-in': PUBLIC,
  'GET /api/auth/session': SIGNED_IN,
  'POST /api/auth/sign-out': SIGNED_IN,
  'POST /api/auth/sign-out-everywhere': SIGNED_IN,
  'POST /api/auth/set-password/check': PUBLIC,
  'POST /api/auth/set-password': PUBLIC,
  'GET /api/auth/oidc/start': PUBLIC,
  'GET /api/auth/oidc/callback': PUBLIC,

  'GET /api/admin/people': allow('admin'),
  'POST /api/admin/people': allow('admin'),
  'GET /api/admin/people/:personId': allow('admin'),
  'PUT /api/admin/people/:personId': allow('admin'),
  'POST /api/admin/people/:personId/password-link': allow('admin'),
  'GET /api/admin/people-imports': allow('admin'),
  'POST /api/admin/people-imports/preview': allow('admin'),
  'POST /api/admin/people-imports': allow('admin'),
  'GET /api/admin/teams': allow('admin'),
  'POST /api/admin/teams': allow('admin'),
  'PUT /api/admin/teams/:teamId': allow('admin'),
  'GET /api/admin/services': allow('admin'),
  'POST /api/admin/services': allow('admin'),
  'PUT /api/admin/services/:serviceId': allow('admin'),
  // The council's case types and flags: the admin keeps them; QA leads and managers read them
  // to filter samples and metrics (labels only, no audit content).
  'GET /api/admin/case-types': allow('admin', 'qa_lead', 'manager'),
  'POST /api/admin/case-types': allow('admin'),
  'PUT /api/admin/case-types/:key': allow('admin'),
  'GET /api/admin/case-flags': allow('admin', 'qa_lead', 'manager'),
  'POST /api/admin/case-flags': allow('admin'),
  'PUT /api/admin/case-flags/:key': allow('admin'),
  // Teams without a manager and services without a head of service, for the admin and QA leads.
  'GET /api/admin/set-up-problems': scoped({ admin: 'all', qa_lead: 'service' }),
  'GET /api/admin/roles': allow('admin'),
  // The admin's task list on an empty install, and the council's own name.
  'GET /api/admin/set-up-tasks': allow('admin'),
  'PUT /api/admin/organisation': allow('admin'),

  // The admin reads the whole log (sign-ins, people, roles); a QA lead what their service's people
  // did and what was done to their service's audits.
  'GET /api/audit-log': scoped({ qa_lead: 'service', admin: 'all' }),
  'GET /api/audit-log/export': scoped({ qa_lead: 'service', admin: 'all' }),

  // The sync handlers keep each auditor to their own audits (allocated to them, or joined): the
  // reach says so, so a guest auditor (whose every reach is 'assigned') syncs offline like anyone.
  'POST /api/sync/push': scoped({ auditor: 'assigned' }),
  'GET /api/sync/pull': scoped({ auditor: 'assigned' }),
  'POST /api/sync/import': scoped({ auditor: 'assigned' }),
  'GET /api/audits/:auditId/history': within(
    { auditor: 'assigned', qa_lead: 'service', manager: 'service' },
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  // The whole audit: its auditor and moderators, the case's practitioner and team
  // managers (the 'auditRecord' target's readers), and the QA leads and managers of its service.
  'GET /api/audits/:auditId/record': within(
    {
      auditor: 'assigned',
      moderator: 'assigned',
      practitioner: 'assigned',
      qa_lead: 'service',
      manager: 'service',
    },
    on('auditRecord', 'auditId'),
    { auditContent: true },
  ),
  // Only the case's practitioner responds to an audit of it.
  'POST /api/audits/:auditId/responses': within(
    { practitioner: 'assigned' },
    on('practitionerAudit', 'auditId'),
    {
      auditContent: true,
    },
  ),
  // The audits of a person's own cases and managed teams, whatever their role: never wider.
  'GET /api/audit-records': scoped(
    {
      practitioner: 'assigned',
      auditor: 'assigned',
      moderator: 'assigned',
      qa_lead: 'assigned',
      manager: 'assigned',
    },
    { auditContent: true },
  ),
  // The QA lead chooses a case's practitioner from their service's practitioners.
  'GET /api/cases/:caseId/practitioner': within(QA_SERVICE, on('case', 'caseId')),
  'PUT /api/cases/:caseId/practitioner': within(QA_SERVICE, on('case', 'caseId')),
  // Every version of their own text the server kept, refused snapshots included: the auditor's alone.
  'GET /api/audits/:auditId/versions': within({ auditor: 'assigned' }, on('audit', 'auditId'), {
    auditContent: true,
  }),
  'GET /api/frameworks/:key/:version': SIGNED_IN,

  // An improvement plan belongs to a service (its manager's or QA lead's): its measures count
  // that service's audits only, and only that service's managers and QA leads reach it.
  'GET /api/plans': scoped(PLAN_KEEPERS),
  'POST /api/plans': scoped(PLAN_KEEPERS),
  'POST /api/plans/import': scoped(PLAN_KEEPERS),
  'GET /api/plans/:planId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'PUT /api/plans/:planId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/areas': within(PLAN_KEEPERS, on('plan', 'planId')),
  'PUT /api/plans/:planId/areas/:areaId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions': within(PLAN_KEEPERS, on('plan', 'planId')),
  'GET /api/plans/:planId/actions/:actionId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'PUT /api/plans/:planId/actions/:actionId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions/:actionId/notes': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions/:actionId/rag': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions/:actionId/sign-off': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions/:actionId/findings': within(PLAN_KEEPERS, on('plan', 'planId')),
  'DELETE /api/plans/:planId/actions/:actionId/findings/:linkId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/actions/:actionId/measures': within(PLAN_KEEPERS, on('plan', 'planId')),
  'PUT /api/plans/:planId/measures/:measureId': within(PLAN_KEEPERS, on('plan', 'planId')),
  'PUT /api/plans/:planId/measures/:measureId/values': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/measures/:measureId/values/import': within(PLAN_KEEPERS, on('plan', 'planId')),
  'GET /api/plans/:planId/report': within(PLAN_KEEPERS, on('plan', 'planId')),
  'GET /api/plans/:planId/export': within(PLAN_KEEPERS, on('plan', 'planId')),
  // A target date revised (the original kept), actions carried forward from an older
  // plan of the service (the handler checks the older plan is in scope), partner owners added.
  'POST /api/plans/:planId/actions/:actionId/target-date': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/carry-forward': within(PLAN_KEEPERS, on('plan', 'planId')),
  'POST /api/plans/:planId/partners': within(PLAN_KEEPERS, on('plan', 'planId')),
  // A partner owner (a guest of one plan, no role) reaches the actions they own, matched by
  // their person id in every query (server/plans/partner-routes.ts): anyone else gets none.
  'GET /api/partner-actions': SIGNED_IN,
  'POST /api/partner-actions/:actionId/notes': SIGNED_IN,
  'POST /api/partner-actions/:actionId/rag': SIGNED_IN,
  // Findings are audit content: the search lists the person's own service's only.
  'GET /api/findings': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/findings/audits/:auditId': within(
    { qa_lead: 'service', manager: 'service' },
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  // Figures count the person's service's audits only; the teams offered are that service's.
  'GET /api/metrics/trend': scoped(PLAN_KEEPERS),
  'GET /api/metrics/items': scoped(PLAN_KEEPERS),
  'GET /api/metrics/options': scoped(PLAN_KEEPERS),
  // Two rounds of one tool compared: both rounds must be of the reader's service.
  'GET /api/round-comparison': scoped(PLAN_KEEPERS),
  // Audit reports belong to a service: its QA leads write, publish and send them; its
  // managers read the published ones (server/reports/report-rows.ts) and put recommendations
  // into their plan. Quotes are what auditors wrote: audit content.
  'GET /api/reports': scoped(PLAN_KEEPERS),
  'POST /api/reports': scoped(QA_SERVICE),
  'GET /api/reports/:reportId': within(PLAN_KEEPERS, on('report', 'reportId'), { auditContent: true }),
  'PUT /api/reports/:reportId': within(QA_SERVICE, on('report', 'reportId')),
  'DELETE /api/reports/:reportId': within(QA_SERVICE, on('report', 'reportId')),
  'POST /api/reports/:reportId/publish': within(QA_SERVICE, on('report', 'reportId')),
  'GET /api/reports/:reportId/docx': within(PLAN_KEEPERS, on('report', 'reportId'), { auditContent: true }),
  'GET /api/reports/:reportId/xlsx': within(PLAN_KEEPERS, on('report', 'reportId')),
  'POST /api/reports/:reportId/recommendations/:recommendationId/plan': within(
    PLAN_KEEPERS,
    on('report', 'reportId'),
  ),
  'PUT /api/reports/:reportId/distribution': within(QA_SERVICE, on('report', 'reportId')),
  'POST /api/reports/:reportId/send': within(QA_SERVICE, on('report', 'reportId')),

  // The QA lead's work: a round belongs to the QA lead's service and holds only its
  // cases and people; case-list imports, allocation and re-audits stay within the service too.
  // Framework versions are the organisation's (not audit-derived).
  'GET /api/rounds': scoped(QA_SERVICE),
  'POST /api/rounds': scoped(QA_SERVICE),
  'GET /api/rounds/:roundId': within(QA_SERVICE, on('round', 'roundId')),
  'PUT /api/rounds/:roundId': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/rounds/:roundId/sample/choices': within(QA_SERVICE, on('round', 'roundId')),
  'POST /api/rounds/:roundId/sample/preview': within(QA_SERVICE, on('round', 'roundId')),
  'POST /api/rounds/:roundId/sample': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/rounds/:roundId/cases': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/rounds/:roundId/progress': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/rounds/:roundId/self-audit-agreement': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/imports': scoped(QA_SERVICE),
  'POST /api/imports/preview': scoped(QA_SERVICE),
  'POST /api/imports': scoped(QA_SERVICE),
  // The names remembered from case-list imports are the organisation's: any QA lead reads and forgets them.
  'GET /api/imports/name-mappings': allow('qa_lead'),
  'DELETE /api/imports/name-mappings/:mappingId': allow('qa_lead'),
  'GET /api/allocations/people': scoped(QA_SERVICE),
  'POST /api/allocations/bulk': scoped(QA_SERVICE),
  'POST /api/allocations': scoped(QA_SERVICE),
  'POST /api/allocations/self-audits': scoped(QA_SERVICE),
  'POST /api/allocations/:allocationId/reallocate': within(QA_SERVICE, on('allocation', 'allocationId')),
  'POST /api/allocations/:allocationId/withdraw': within(QA_SERVICE, on('allocation', 'allocationId')),
  // People from outside the council for one round (guests): the round's QA lead, or an admin of
  // the round's service.
  'GET /api/rounds/:roundId/guests': within({ qa_lead: 'service', admin: 'service' }, on('round', 'roundId')),
  'POST /api/rounds/:roundId/guests': within(
    { qa_lead: 'service', admin: 'service' },
    on('round', 'roundId'),
  ),
  // A new one-time link for a guest of the round (the handler checks they are its guest).
  'POST /api/rounds/:roundId/guests/:personId/password-link': within(
    { qa_lead: 'service', admin: 'service' },
    on('round', 'roundId'),
  ),
  // One more auditor on the case's audit: a joint audit (docs/JOINT-AUDITS.md).
  'POST /api/allocations/:allocationId/joint': within(QA_SERVICE, on('allocation', 'allocationId')),
  'PUT /api/allocations/:allocationId/due-date': within(QA_SERVICE, on('allocation', 'allocationId')),
  'GET /api/reaudits': scoped(QA_SERVICE, { auditContent: true }),
  'POST /api/reaudits/:auditId': within(QA_SERVICE, on('audit', 'auditId')),
  'GET /api/frameworks': allow('qa_lead'),
  'POST /api/frameworks/:key/:version/draft': allow('qa_lead'),
  'PUT /api/frameworks/:key/:version': allow('qa_lead'),
  'POST /api/frameworks/:key/:version/publish': allow('qa_lead'),
  'GET /api/audit-tools': allow('qa_lead'),
  'POST /api/audit-tools': allow('qa_lead'),
  'PUT /api/audit-tools/:key': allow('qa_lead'),
  // Moderation: the QA lead draws the sample and reads agreement within their service; a
  // moderator reaches only the audits sampled to them (a partner moderator may be of another
  // service), and nobody their own audit (server/moderation/may-moderate.ts).
  'POST /api/moderation/rounds/:roundId/sample': within(QA_SERVICE, on('round', 'roundId')),
  'GET /api/moderation/agreement': scoped(QA_SERVICE),
  'GET /api/moderation': scoped(MODERATION, { auditContent: true }),
  'GET /api/moderation/:moderationId': within(MODERATION, on('moderation', 'moderationId'), {
    auditContent: true,
  }),
  'POST /api/moderation/:moderationId/blind': within(MODERATION, on('moderation', 'moderationId'), {
    auditContent: true,
  }),
  'POST /api/moderation/:moderationId/decision': within(MODERATION, on('moderation', 'moderationId'), {
    auditContent: true,
  }),
  'POST /api/moderation/:moderationId/return': within(MODERATION, on('moderation', 'moderationId'), {
    auditContent: true,
  }),
  // Safeguarding alerts go to QA leads, team managers (who may hold only the auditor role) and
  // heads of service: anyone reads and acknowledges the alerts raised to them; a QA lead reads
  // every alert of their service (server/alerts/alert-store.ts).
  'GET /api/alerts': scoped(ALERT_READERS),
  'POST /api/alerts/:alertId/acknowledge': within(ALERT_RECIPIENTS, on('alert', 'alertId')),
  // Case actions: an owner reaches the actions they own and a team manager their
  // teams' ('assigned', whatever their role: server/case-actions/case-action-store.ts); QA leads
  // and managers every action of their service. Compliance figures are the service's.
  'GET /api/case-actions': scoped(CASE_ACTION_READERS, { auditContent: true }),
  'GET /api/case-actions/compliance': scoped(PLAN_KEEPERS),
  // Inspection readiness: the service's audited cases and the deep-dive pack of those
  // chosen, for its QA leads and managers; a case of another service in a pack is refused by field.
  'GET /api/inspection/audits': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/inspection/audits/csv': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/inspection/audits/xlsx': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/inspection/pack': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/inspection/pack/docx': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/case-actions/:caseActionId': within(CASE_ACTION_READERS, on('caseAction', 'caseActionId'), {
    auditContent: true,
  }),
  'GET /api/case-actions/:caseActionId/owners': within(
    CASE_ACTION_CHANGERS,
    on('caseAction', 'caseActionId'),
  ),
  'PATCH /api/case-actions/:caseActionId': within(CASE_ACTION_CHANGERS, on('caseAction', 'caseActionId'), {
    auditContent: true,
  }),
  // Learning from audits (server/findings/): the QA lead codes their service's findings
  // into its themes, chooses quotes and marks good practice (a moderator's reach is the audits
  // sampled to them, not the service's learning); managers read the findings, themes and marks
  // and download the anonymised good-practice examples.
  'GET /api/learning/findings': scoped(PLAN_KEEPERS, { auditContent: true }),
  'GET /api/learning/themes': scoped(PLAN_KEEPERS),
  'POST /api/learning/themes': scoped(QA_SERVICE),
  'PATCH /api/learning/themes/:themeId': within(QA_SERVICE, on('findingTheme', 'themeId')),
  'GET /api/learning/audits/:auditId/findings/:itemKey/suggestions': within(
    QA_SERVICE,
    on('audit', 'auditId'),
    {
      auditContent: true,
    },
  ),
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': within(
    QA_SERVICE,
    on('audit', 'auditId'),
    {
      auditContent: true,
    },
  ),
  'DELETE /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId': within(
    QA_SERVICE,
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId/quote': within(
    QA_SERVICE,
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  'GET /api/learning/audits/:auditId/good-practice': within(PLAN_KEEPERS, on('audit', 'auditId'), {
    auditContent: true,
  }),
  'PUT /api/learning/audits/:auditId/good-practice': within(QA_SERVICE, on('audit', 'auditId'), {
    auditContent: true,
  }),
  'DELETE /api/learning/audits/:auditId/good-practice': within(QA_SERVICE, on('audit', 'auditId'), {
    auditContent: true,
  }),
  'GET /api/learning/audits/:auditId/good-practice.docx': within(PLAN_KEEPERS, on('audit', 'auditId'), {
    auditContent: true,
  }),
  // Every person's own inbox, whatever their roles: each query is keyed by the signed-in
  // person, so nobody reaches another's notices (server/notifications/inbox-store.ts).
  'GET /api/notifications': SIGNED_IN,
  'GET /api/notifications/unread-count': SIGNED_IN,
  'POST /api/notifications/read-all': SIGNED_IN,
  'POST /api/notifications/:notificationId/read': SIGNED_IN,
};

/** The rule for a route key, or undefined when none was declared. */
export function ruleFor(key: string, rules: Readonly<Record<string, AccessRule>> = ACCESS_RULES) {
  return Object.hasOwn(rules, key) ? rules[key] : undefined;
}
