/**
 * GET /api/audits/:auditId/versions — every version of an audit's answers the server kept,
 * for its auditor to see and restore: each accepted revision (`audit_revisions`) and each
 * snapshot a device pushed that the server refused (a conflict with another device, or a
 * rejection), kept in `sync_mutations`. Newest first. Each version carries only the answers it
 * changed, with their full value: a revision against the revision before it, a refused snapshot
 * against the revision the server held when it arrived. Viewing is logged (it shows audit
 * content).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { recordEvent } from '../audit-log/record-event';
import { clientAddress } from '../http/client-address';
import type { Answer, Answers } from '../../shared/framework/answer-schema';
import type { AuditVersion } from '../../shared/sync/audit-versions';
import { auditRevisions, changedAnswerKeys, refusedSnapshots } from './audit-revision-store';

/** The answers of `after` that differ from `before`, with their values in `after`. */
function changesBetween(before: Answers, after: Answers): Record<string, Answer | null> {
  return Object.fromEntries(changedAnswerKeys(before, after).map((key) => [key, after[key] ?? null]));
}

export function auditVersionsRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/:auditId/versions', async (c) => {
    const person = requirePerson(c);
    const auditId = c.req.param('auditId');
    const revisions = await auditRevisions(deps.db, auditId);
    const refused = await refusedSnapshots(deps.db, auditId);
    const versions: AuditVersion[] = revisions.map((row, i) => ({
      kind: 'revision',
      rev: row.rev,
      reason: null,
      status: row.status,
      at: new Date(row.at).toISOString(),
      by: row.by,
      deviceId: row.device_id,
      changes: changesBetween(revisions[i - 1]?.answers ?? {}, row.answers),
    }));
    for (const row of refused) {
      const at = new Date(row.at).getTime();
      // The revision the server held when this snapshot arrived.
      const held = [...revisions].reverse().find((r) => new Date(r.at).getTime() <= at);
      const changes = changesBetween(held?.answers ?? {}, row.snapshot?.answers ?? {});
      if (Object.keys(changes).length === 0) continue; // nothing in it the server does not hold
      versions.push({
        kind: 'refused',
        rev: held?.rev ?? 0,
        reason: row.outcome,
        status: row.snapshot?.status ?? 'draft',
        at: new Date(at).toISOString(),
        by: row.by,
        deviceId: row.device_id,
        changes,
      });
    }
    versions.sort((x, y) => (x.at === y.at ? y.rev - x.rev : x.at < y.at ? 1 : -1));
    await recordEvent(deps.db, {
      actorId: person.id,
      action: 'audit.versions.view',
      entityType: 'audit',
      entityId: auditId,
      ip: clientAddress(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent') ?? '',
    });
    return c.json({ auditId, versions });
  });
}
