/**
 * GET /api/audits/:auditId/history — every accepted revision of an audit, newest first: who
 * changed it, when, from which device, its status, and which answers changed from the
 * revision before. Viewing the history is itself logged (it shows audit content).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { recordEvent } from '../audit-log/record-event';
import { clientAddress } from '../http/client-address';
import { assertNotBlindModerator } from '../moderation/blind-view';
import { auditRevisions, changedAnswerKeys } from './audit-revision-store';

export function auditHistoryRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/:auditId/history', async (c) => {
    const person = requirePerson(c);
    const auditId = c.req.param('auditId');
    // A QA lead grading this audit blind must not read the auditor's grades here first.
    await assertNotBlindModerator(deps.db, person.id, auditId);
    const rows = await auditRevisions(deps.db, auditId);
    const revisions = rows.map((row, i) => {
      return {
        rev: row.rev,
        status: row.status,
        changedAt: row.at,
        changedBy: row.by,
        deviceId: row.device_id,
        changedItems: changedAnswerKeys(rows[i - 1]?.answers ?? {}, row.answers),
      };
    });
    await recordEvent(deps.db, {
      actorId: person.id,
      action: 'audit.history.view',
      entityType: 'audit',
      entityId: auditId,
      ip: clientAddress(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent') ?? '',
    });
    return c.json({ auditId, revisions: revisions.reverse() });
  });
}
