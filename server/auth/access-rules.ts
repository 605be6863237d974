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

export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /api/health': PUBLIC,
  'GET /api/organisation': PUBLIC,

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
  'GET /api/admin/set-up-problems': allow('admin', 'qa_lead'),
  'GET /api/admin/roles': allow('admin'),

  'GET /api/audit-log': allow('qa_lead', 'admin'),
  'GET /api/audit-log/export': allow('qa_lead', 'admin'),

  // The sync handlers keep each auditor to their own audits.
  'POST /api/sync/push': allow('auditor'),
  'GET /api/sync/pull': allow('auditor'),
  'POST /api/sync/import': allow('auditor'),
  'GET /api/audits/:auditId/history': within(
    { auditor: 'assigned', qa_lead: 'service', manager: 'service' },
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  // Every version of their own text the server kept, refused snapshots included: the auditor's alone.
  'GET /api/audits/:auditId/versions': within({ auditor: 'assigned' }, on('audit', 'auditId'), {
    auditContent: true,
  }),
  'GET /api/frameworks/:key/:version': SIGNED_IN,

  // The improvement plan is the organisation's: managers and QA leads keep it and read its
  // measures organisation-wide, with the excerpts of the findings linked to it.
  'GET /api/plans': allow('manager', 'qa_lead'),
  'POST /api/plans': allow('manager', 'qa_lead'),
  'POST /api/plans/import': allow('manager', 'qa_lead'),
  'GET /api/plans/:planId': allow('manager', 'qa_lead'),
  'PUT /api/plans/:planId': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/areas': allow('manager', 'qa_lead'),
  'PUT /api/plans/:planId/areas/:areaId': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions': allow('manager', 'qa_lead'),
  'GET /api/plans/:planId/actions/:actionId': allow('manager', 'qa_lead'),
  'PUT /api/plans/:planId/actions/:actionId': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions/:actionId/notes': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions/:actionId/rag': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions/:actionId/sign-off': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions/:actionId/findings': allow('manager', 'qa_lead'),
  'DELETE /api/plans/:planId/actions/:actionId/findings/:linkId': allow('manager', 'qa_lead'),
  'POST /api/plans/:planId/actions/:actionId/measures': allow('manager', 'qa_lead'),
  'PUT /api/plans/:planId/measures/:measureId': allow('manager', 'qa_lead'),
  'PUT /api/plans/:planId/measures/:measureId/values': allow('manager', 'qa_lead'),
  'GET /api/plans/:planId/report': allow('manager', 'qa_lead'),
  'GET /api/plans/:planId/export': allow('manager', 'qa_lead'),
  // Findings are audit content: the search lists the person's own service's only.
  'GET /api/findings': allow('manager', 'qa_lead'),
  'GET /api/findings/audits/:auditId': within(
    { qa_lead: 'service', manager: 'service' },
    on('audit', 'auditId'),
    { auditContent: true },
  ),
  'GET /api/metrics/trend': allow('manager', 'qa_lead'),
  'GET /api/metrics/items': allow('manager', 'qa_lead'),
  'GET /api/metrics/options': allow('manager', 'qa_lead'),

  // The QA lead's work (issue 8): rounds, case-list imports, allocation, re-audits and framework
  // versions are the organisation's and the QA lead's, organisation-wide.
  'GET /api/rounds': allow('qa_lead'),
  'POST /api/rounds': allow('qa_lead'),
  'GET /api/rounds/:roundId': allow('qa_lead'),
  'PUT /api/rounds/:roundId': allow('qa_lead'),
  'POST /api/rounds/:roundId/sample/preview': allow('qa_lead'),
  'POST /api/rounds/:roundId/sample': allow('qa_lead'),
  'GET /api/rounds/:roundId/cases': allow('qa_lead'),
  'GET /api/rounds/:roundId/progress': allow('qa_lead'),
  'GET /api/imports': allow('qa_lead'),
  'POST /api/imports/preview': allow('qa_lead'),
  'POST /api/imports': allow('qa_lead'),
  // The names remembered from case-list imports are the organisation's: any QA lead reads and forgets them.
  'GET /api/imports/name-mappings': allow('qa_lead'),
  'DELETE /api/imports/name-mappings/:mappingId': allow('qa_lead'),
  'GET /api/allocations/people': allow('qa_lead'),
  'POST /api/allocations/bulk': allow('qa_lead'),
  'POST /api/allocations': allow('qa_lead'),
  'POST /api/allocations/:allocationId/reallocate': allow('qa_lead'),
  'POST /api/allocations/:allocationId/withdraw': allow('qa_lead'),
  'PUT /api/allocations/:allocationId/due-date': allow('qa_lead'),
  'GET /api/reaudits': allow('qa_lead'),
  'POST /api/reaudits/:auditId': allow('qa_lead'),
  'GET /api/frameworks': allow('qa_lead'),
  'POST /api/frameworks/:key/:version/draft': allow('qa_lead'),
  'PUT /api/frameworks/:key/:version': allow('qa_lead'),
  'POST /api/frameworks/:key/:version/publish': allow('qa_lead'),
  // Moderation: the QA lead draws the sample and reads agreement; a moderator reaches only the
  // audits sampled to them, and never their own — checked per record in the handlers
  // (server/moderation/may-moderate.ts) until a 'moderation' target resolver exists.
  'POST /api/moderation/rounds/:roundId/sample': allow('qa_lead'),
  'GET /api/moderation/agreement': allow('qa_lead'),
  'GET /api/moderation': allow('moderator', 'qa_lead'),
  'GET /api/moderation/:moderationId': allow('moderator', 'qa_lead'),
  'POST /api/moderation/:moderationId/decision': allow('moderator', 'qa_lead'),
  'POST /api/moderation/:moderationId/return': allow('moderator', 'qa_lead'),
  // Safeguarding alerts go to QA leads, team managers (who may hold only the auditor role) and
  // heads of service: any signed-in person reads the alerts raised to them and acknowledges
  // their own (server/alerts/alert-store.ts).
  'GET /api/alerts': SIGNED_IN,
  'POST /api/alerts/:alertId/acknowledge': SIGNED_IN,
};

/** The rule for a route key, or undefined when none was declared. */
export function ruleFor(key: string, rules: Readonly<Record<string, AccessRule>> = ACCESS_RULES) {
  return Object.hasOwn(rules, key) ? rules[key] : undefined;
}
