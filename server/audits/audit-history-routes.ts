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
import { sameAnswer } from '../../shared/sync/merge-answers';
import type { Answers } from '../../shared/framework/answer-schema';
import { assertNotBlindModerator } from '../moderation/blind-view';

interface RevisionRow {
  rev: number;
  status: string;
  answers: Answers;
  changed_at: string;
  changed_by: string;
  device_id: string | null;
}

export function auditHistoryRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/:auditId/history', async (c) => {
    const person = requirePerson(c);
    const auditId = c.req.param('auditId');
    // A QA lead grading this audit blind must not read the auditor's grades here first.
    await assertNotBlindModerator(deps.db, person.id, auditId);
    const rows = await deps.db.query<RevisionRow>(
      `SELECT r.rev, r.status, r.answers, r.changed_at, p.display_name AS changed_by, r.device_id::text AS device_id
       FROM audit_revisions r JOIN people p ON p.id = r.changed_by
       WHERE r.audit_id = $1 ORDER BY r.rev`,
      [auditId],
    );
    const revisions = rows.map((row, i) => {
      const before = rows[i - 1]?.answers ?? {};
      const keys = new Set([...Object.keys(before), ...Object.keys(row.answers)]);
      const changedItems = [...keys].filter((key) => !sameAnswer(before[key], row.answers[key])).sort();
      return {
        rev: row.rev,
        status: row.status,
        changedAt: row.changed_at,
        changedBy: row.changed_by,
        deviceId: row.device_id,
        changedItems,
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
