/**
 * The Hono application: security headers, body limits, one sub-app per resource under /api,
 * one error handler, and the built client for everything else. Built by a function so tests
 * run it in-process (`app.request`) against any engine.
 */
import { Hono } from 'hono';
import { securityHeaders } from './http/security-headers';
import { compressResponses } from './http/compress-responses';
import { limitBody } from './http/body-limit';
import { MAX_BODY_BYTES } from './http/request-bytes';
import type { AppDeps, LanternEnv } from './http/app-env';
import { errorResponse, onError } from './http/on-error';
import { refuseUnsafeUrl } from './http/refuse-unsafe-url';
import { appError } from '../shared/errors/app-error';
import { healthRoutes } from './health/health-routes';
import { metricsRoutes } from './monitoring/metrics-routes';
import { setAnswerHeader } from './http/answer-header';
import { requestLog } from './log/request-log';
import { organisationRoutes } from './organisation/organisation-routes';
import { openApiRoutes } from './openapi/openapi-routes';
import { clientRoutes } from './static/serve-client';
import { sessionMiddleware } from './auth/session-middleware';
import { authRoutes } from './auth/auth-routes';
import { accessMiddleware } from './auth/access-middleware';
import { guestViewLog } from './auth/guest-view-log';
import { adminRoutes } from './admin/admin-routes';
import { auditLogRoutes } from './audit-log/audit-log-routes';
import { readOidcSettings, type OidcSettings } from './oidc/oidc-settings';
import type { OidcClient } from './oidc/oidc-client';
import { syncRoutes } from './sync/sync-routes';
import { auditHistoryRoutes } from './audits/audit-history-routes';
import { auditVersionsRoutes } from './audits/audit-versions-routes';
import { auditRecordRoutes } from './audits/audit-record-routes';
import { readableAuditsRoutes } from './audits/readable-audits-routes';
import { casePractitionerRoutes } from './cases/case-practitioner-routes';
import { frameworkRoutes } from './frameworks/framework-routes';
import { auditToolRoutes } from './frameworks/audit-tool-routes';
import { planRoutes } from './plans/plan-routes';
import { actionRoutes } from './plans/action-routes';
import { reportRoutes } from './plans/report-routes';
import { findingRoutes } from './plans/finding-routes';
import { partnerRoutes } from './plans/partner-routes';
import { measureRoutes } from './measures/measure-routes';
import { metricRoutes } from './metrics/metric-routes';
import { roundRoutes } from './rounds/round-routes';
import { importRoutes } from './imports/import-routes';
import { allocationRoutes } from './allocations/allocation-routes';
import { jointAllocationRoutes } from './allocations/joint-allocation-routes';
import { guestRoutes } from './rounds/guest-routes';
import { reauditRoutes } from './allocations/reaudit-routes';
import { inspectionRoutes } from './inspection/inspection-routes';
import { moderationRoutes } from './moderation/moderation-routes';
import { alertRoutes } from './alerts/alert-routes';
import { notificationRoutes } from './notifications/notification-routes';
import { caseActionRoutes } from './case-actions/case-action-routes';
import { learningRoutes } from './findings/learning-routes';
import { roundComparisonRoutes } from './rounds/round-comparison-routes';
import { auditReportRoutes } from './reports/report-routes';

/** Largest JSON body the API reads; imports have their own, larger limit on their routes. */
export { MAX_BODY_BYTES };

/** Paths whose routes accept files (imports) and apply their own body limit. */
export const LARGE_BODY_ROUTES: RegExp[] = [
  /^\/api\/sync\/import$/,
  /^\/api\/imports(\/preview)?$/,
  /^\/api\/admin\/people-imports(\/preview)?$/,
];

/**
 * Single sign-on: given by tests; otherwise read from LANTERN_OIDC_* (null when not set up).
 * `oidcClient` replaces the OpenID Connect client in tests of the routes' own decisions.
 */
export interface SignOnDeps {
  oidc?: OidcSettings | null;
  oidcClient?: OidcClient;
}

export function createApp(deps: AppDeps & SignOnDeps) {
  const oidc = deps.oidc === undefined ? readOidcSettings(process.env) : deps.oidc;
  const app = new Hono<LanternEnv>();
  app.onError(onError);
  app.notFound((c) => errorResponse(c, appError('not_found', 'There is nothing at this address.')));
  // First of all: the request id every log line of the request carries, and the access line.
  app.use('*', requestLog());
  // Text answers compressed (brotli, else gzip) when large enough; built files come precompressed.
  app.use('*', compressResponses());
  app.use('*', securityHeaders({ strictTransport: deps.config.secureCookies }));
  const defaultLimit = limitBody({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(appError('payload_too_large', 'The request is larger than 1 MB.').toBody(), 413),
  });
  // Routes that take files set their own, larger limit on the route itself.
  app.use('/api/*', (c, next) =>
    LARGE_BODY_ROUTES.some((route) => route.test(c.req.path)) ? next() : defaultLimit(c, next),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    setAnswerHeader(c, 'Cache-Control', 'no-store');
  });
  // A path or query that is not UTF-8 or holds NUL or control characters, before anything reads it.
  app.use('/api/*', refuseUnsafeUrl());

  app.use('/api/*', sessionMiddleware(deps));
  // Every request of a guest (someone from outside the council) is logged, refusals included.
  app.use('/api/*', guestViewLog(deps));
  // Every API route's access rule (server/auth/access-rules.ts), before its handler runs.
  app.use('/api/*', accessMiddleware(deps));

  const api = app
    .basePath('/api')
    .route('/health', healthRoutes(deps))
    .route('/health/metrics', metricsRoutes(deps))
    .route('/organisation', organisationRoutes(deps))
    .route('/openapi.json', openApiRoutes())
    .route('/auth', authRoutes(deps, oidc, deps.oidcClient))
    .route('/admin', adminRoutes(deps))
    .route('/audit-log', auditLogRoutes(deps))
    .route('/sync', syncRoutes(deps))
    .route('/audits', auditHistoryRoutes(deps))
    .route('/audits', auditVersionsRoutes(deps))
    .route('/audits', auditRecordRoutes(deps))
    .route('/audit-records', readableAuditsRoutes(deps))
    .route('/cases', casePractitionerRoutes(deps))
    .route('/frameworks', frameworkRoutes(deps))
    .route('/audit-tools', auditToolRoutes(deps))
    .route('/plans', planRoutes(deps))
    .route('/plans', actionRoutes(deps))
    .route('/plans', measureRoutes(deps))
    .route('/plans', reportRoutes(deps))
    .route('/partner-actions', partnerRoutes(deps))
    .route('/findings', findingRoutes(deps))
    .route('/learning', learningRoutes(deps))
    .route('/metrics', metricRoutes(deps))
    .route('/rounds', roundRoutes(deps))
    .route('/rounds', guestRoutes(deps))
    .route('/round-comparison', roundComparisonRoutes(deps))
    .route('/reports', auditReportRoutes(deps))
    .route('/imports', importRoutes(deps))
    .route('/allocations', allocationRoutes(deps))
    .route('/allocations', jointAllocationRoutes(deps))
    .route('/reaudits', reauditRoutes(deps))
    .route('/inspection', inspectionRoutes(deps))
    .route('/moderation', moderationRoutes(deps))
    .route('/alerts', alertRoutes(deps))
    .route('/notifications', notificationRoutes(deps))
    .route('/case-actions', caseActionRoutes(deps));
  api.all('*', (c) =>
    c.json(appError('not_found', `No API route ${c.req.method} ${c.req.path}.`).toBody(), 404),
  );

  if (deps.clientDir) app.route('/', clientRoutes(deps.clientDir));
  return app;
}

export type LanternApp = ReturnType<typeof createApp>;
