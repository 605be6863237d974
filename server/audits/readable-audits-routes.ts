/**
 * GET /api/audit-records — the submitted audits a person reads because of who they are to the
 * case rather than their role's reach: audits of the cases they are the practitioner of, and of
 * the teams they are a named manager of. The practitioner's home screen and the team manager's
 * list; newest first. Logged as one list view.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { dataScope } from '../auth/service-scope';
import { logView } from '../audit-log/log-access';
import { readableAudits } from './audit-record-store';

export function readableAuditsRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) => {
    // Every role's reach here is 'assigned': the list is the person's own cases and teams only.
    const { personId } = dataScope(c);
    const audits = await readableAudits(deps.db, personId);
    await logView(c, deps, 'audit-list', '', { view: 'audit-records', ids: audits.map((a) => a.auditId) });
    return c.json({ audits });
  });
}
