/**
 * A round's moderation sample in the database: the round's submitted audits (those written
 * under its active allocations), what is already sampled, and — unless previewing — the new
 * moderations, each pending with the moderator it was drawn for.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { drawModerationSample } from '../../shared/moderation/moderation-sample';
import type { ModerationSampleResult } from '../../shared/moderation/moderation-schemas';
import type { Round } from '../../shared/rounds/round-schemas';

export async function sampleForModeration(
  tx: Queryable,
  round: Round,
  request: { share?: number; seed: number; moderatorIds: string[]; preview: boolean },
  sampledBy: string,
): Promise<ModerationSampleResult> {
  const moderators = await tx.query<{ id: string; name: string }>(
    `SELECT id, display_name AS name FROM people
     WHERE active AND 'moderator' = ANY (roles) AND id = ANY ($1::uuid[])
       AND service_id = (SELECT service_id FROM rounds WHERE id = $2)`,
    [request.moderatorIds, round.id],
  );
  if (moderators.length !== new Set(request.moderatorIds).size)
    throw appError('validation_failed', 'Choose moderators from the list.', [
      {
        path: 'moderatorIds',
        message: 'One or more of these people is not an active moderator of this service.',
      },
    ]);
  const audits = await tx.query<{ id: string; auditor_id: string; auditor_name: string; reference: string }>(
    `SELECT a.id, a.auditor_id, p.display_name AS auditor_name, c.reference
     FROM allocations x JOIN audits a ON a.id = x.id JOIN people p ON p.id = a.auditor_id JOIN cases c ON c.id = a.case_id
     WHERE x.round_id = $1 AND (x.active OR x.finished) AND a.status = 'submitted' AND NOT a.deleted
       AND a.stage = 'independent' AND a.team_id IN (SELECT t.id FROM teams t JOIN rounds r ON r.service_id = t.service_id WHERE r.id = $1)`,
    [round.id],
  );
  const existing = await tx.query<{ audit_id: string; moderator_id: string }>(
    'SELECT m.audit_id, m.moderator_id FROM moderations m WHERE m.round_id = $1',
    [round.id],
  );
  const share = request.share ?? round.moderationShare;
  const draw = drawModerationSample(
    audits.map((a) => ({ id: a.id, auditorId: a.auditor_id })),
    { share, seed: request.seed },
    moderators.map((m) => m.id),
    new Map(existing.map((e) => [e.audit_id, e.moderator_id])),
  );
  const byAudit = new Map(audits.map((a) => [a.id, a]));
  const names = new Map(moderators.map((m) => [m.id, m.name]));
  if (!request.preview) {
    for (const d of draw.drawn) {
      if (!d.moderatorId) continue;
      await tx.query(
        `INSERT INTO moderations (id, audit_id, round_id, moderator_id, sample_seed, sampled_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (audit_id) DO NOTHING`,
        [crypto.randomUUID(), d.auditId, round.id, d.moderatorId, request.seed, sampledBy],
      );
    }
  }
  return {
    preview: request.preview,
    target: draw.target,
    alreadySampled: draw.alreadySampled,
    submitted: audits.length,
    drawn: draw.drawn.map((d) => ({
      auditId: d.auditId,
      reference: byAudit.get(d.auditId)?.reference ?? '',
      auditorName: byAudit.get(d.auditId)?.auditor_name ?? '',
      moderatorId: d.moderatorId,
      moderatorName: d.moderatorId ? (names.get(d.moderatorId) ?? null) : null,
    })),
  };
}
