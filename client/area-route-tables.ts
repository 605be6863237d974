/**
 * Every area's routes but the auditor's, loaded as one chunk the first time a path is none of
 * the routes client/router.ts starts with: the auditor's tablet starts without them. The
 * auditor's precache reads the imports below to leave out the screens these tables load
 * (client/pwa/auditor-precache.ts); this chunk itself is precached, so the areas' paths still
 * resolve offline.
 */
import type { RouteRecordRaw } from 'vue-router';
import { managerRoutes } from './views/manager/manager-routes';
import { adminRoutes } from './views/admin/admin-routes';
import { qaRoutes } from './views/qa/qa-routes';
import { recordRoutes } from './views/records/record-routes';
import { caseActionRoutes } from './views/case-actions/case-action-routes';
import { reportRoutes } from './views/reports/report-routes';

export const areaRoutes: RouteRecordRaw[] = [
  ...managerRoutes,
  ...adminRoutes,
  ...qaRoutes,
  ...recordRoutes,
  ...caseActionRoutes,
  ...reportRoutes,
];
