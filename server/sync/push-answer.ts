/**
 * A push's answer to a device that asked for slim answers (`slimAnswers`): an applied
 * mutation whose stored document is exactly the snapshot the device pushed is answered with
 * its revision and what the server added (times, who, the returned note), not the whole
 * document again; the device already holds the rest. When the server stored anything else
 * (it dropped what it does not keep, such as a draft's completion time), the whole document
 * goes back, and a conflict always carries the server's version.
 *
 * The full answer is what sync_mutations records, so a retry of the same mutation id is
 * slimmed the same way from the same first answer: the same device resends the same frozen
 * snapshot, and a different snapshot under that id gets the whole document.
 */
import { snapshotOf } from '../../shared/sync/audit-document';
import type { MutationResult, SlimMutationResult } from '../../shared/sync/protocol';

export function slimAnswer(result: MutationResult, raw: unknown): SlimMutationResult {
  if (result.status !== 'applied') return result;
  const pushed =
    typeof raw === 'object' && raw !== null && 'snapshot' in raw && typeof raw.snapshot === 'object'
      ? raw.snapshot
      : null;
  if (pushed === null) return result;
  const stored = snapshotOf(result.doc);
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in pushed) || !sameJson(value, (pushed as Record<string, unknown>)[key])) return result;
  }
  const { doc } = result;
  return {
    mutationId: result.mutationId,
    status: 'applied',
    rev: result.rev,
    added: {
      auditorId: doc.auditorId,
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
      returnedNote: doc.returnedNote,
      deleted: doc.deleted,
    },
  };
}

/** Equal as JSON values: the same keys (in any order) and the same primitives, all the way down. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
