/**
 * Draws a round's moderation sample, reproducibly (same audits, share and seed → same sample):
 * a configurable share of the submitted audits, and at least one audit of every auditor
 * whatever the share. Audits already in the sample count towards both, so drawing again after
 * more audits are submitted only tops the sample up. Each drawn audit goes to a moderator —
 * never the audit's own auditor — with the work balanced across moderators.
 *
 * Order of the draw: the audits, sorted by id, are shuffled with the seed; first each auditor
 * not yet covered gets their earliest audit in that order, then the rest of the order fills
 * the sample up to ceil(share × submitted audits).
 */
import { balanceAssignments } from '../rounds/balance-assignments';
import { seededShuffle } from '../rounds/seeded-shuffle';

export interface SampleableAudit {
  id: string;
  auditorId: string;
}

export interface ModerationDraw {
  /** The newly drawn audits with the moderator each goes to, in draw order. */
  drawn: { auditId: string; auditorId: string; moderatorId: string | null }[];
  /** How many the share asks for in all (already sampled included). */
  target: number;
  alreadySampled: number;
}

/**
 * @param alreadySampled audit ids already in the round's sample, with their moderators' ids.
 * @example drawModerationSample(audits, { share: 0.1, seed: 7 }, ['m1', 'm2'], new Map())
 */
export function drawModerationSample(
  audits: readonly SampleableAudit[],
  options: { share: number; seed: number },
  moderatorIds: readonly string[],
  alreadySampled: ReadonlyMap<string, string>,
): ModerationDraw {
  const target =
    audits.length === 0 ? 0 : Math.min(audits.length, Math.ceil(options.share * audits.length - 1e-9));
  const sorted = [...audits].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const order = seededShuffle(sorted, options.seed).filter((a) => !alreadySampled.has(a.id));
  const covered = new Set(audits.filter((a) => alreadySampled.has(a.id)).map((a) => a.auditorId));
  const chosen: SampleableAudit[] = [];
  const taken = new Set<string>();
  for (const audit of order) {
    if (covered.has(audit.auditorId)) continue;
    covered.add(audit.auditorId);
    chosen.push(audit);
    taken.add(audit.id);
  }
  for (const audit of order) {
    if (alreadySampled.size + chosen.length >= target) break;
    if (taken.has(audit.id)) continue;
    chosen.push(audit);
    taken.add(audit.id);
  }
  const load = new Map<string, number>();
  for (const moderatorId of alreadySampled.values()) load.set(moderatorId, (load.get(moderatorId) ?? 0) + 1);
  const { assignments } = balanceAssignments(
    chosen,
    moderatorIds.map((id) => ({ id })),
    (audit, moderator) => audit.auditorId !== moderator.id,
    options.seed,
    load,
  );
  return {
    drawn: chosen.map((a) => ({
      auditId: a.id,
      auditorId: a.auditorId,
      moderatorId: assignments.get(a.id) ?? null,
    })),
    target,
    alreadySampled: alreadySampled.size,
  };
}
