/**
 * /api/findings: audit findings a manager can link to plan actions (newest first, searchable),
 * and the actions one audit informs. Findings are audit content, so each list is logged.
 */
import { assertNotBlindModerator } from '../moderation/blind-view';
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { logView } from '../audit-log/log-access';
import { auditFindings, searchFindings } from './findings';
import { idParam } from './plan-store';

export function findingRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const person = requirePerson(c);
      const q = (c.req.query('q') ?? '').trim().slice(0, 200);
      const findings = await searchFindings(deps.db, person.serviceId, q);
      await logView(c, deps, 'audit-list', '', { ids: [...new Set(findings.map((f) => f.auditId))], q });
      return c.json({ findings });
    })
    .get('/audits/:auditId', async (c) => {
      // The access rule has checked the audit is in the person's service.
      const person = requirePerson(c);
      const auditId = idParam(c.req.param('auditId'), 'audit');
      // What the auditor wrote is their judgement: a moderator grading blind reads it after.
      await assertNotBlindModerator(deps.db, person.id, auditId);
      const findings = await auditFindings(deps.db, auditId);
      await logView(c, deps, 'audit', auditId, { findings: true });
      return c.json({ findings });
    });
}
