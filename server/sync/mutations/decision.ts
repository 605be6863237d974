/**
 * What a mutation's domain step hands back to the push's bookkeeping (apply-mutation.ts): the
 * answer for the device, and the writes that go with it. The writes are not run by the step:
 * they go into the statement that records the answer, so a retry that lost the race to record
 * first rolls them back with everything else.
 */
import type { Person } from '../../http/app-env';
import type { MutationResult } from '../../../shared/sync/protocol';
import type { Sql } from '../../db/sql';

/** Who pushed, from which device and address: what every step may check and record. */
export interface PushContext {
  person: Person;
  deviceId: string;
  ip: string;
  userAgent: string;
}

export interface Decision {
  result: MutationResult;
  /** Written with the answer, when the mutation was applied; none otherwise. */
  writes: Sql[];
  /**
   * Only from a step that decided without a lock (put-audit.ts, `putAuditUnlocked`): the write
   * that returns a row only when the row decided from is still as it was read. The answer, and
   * every other write with it, stands only then (apply-mutation.ts).
   */
  guard?: Sql;
}

export interface Problem {
  itemKey: string;
  message: string;
}

export function rejected(mutationId: string, reason: string, problems: Problem[] = []): MutationResult {
  return { mutationId, status: 'rejected', reason, problems };
}

/** An answer that writes nothing but its own record (a conflict or a rejection). */
export const answer = (result: MutationResult): Decision => ({ result, writes: [] });

export const reject = (mutationId: string, reason: string, problems: Problem[] = []): Decision =>
  answer(rejected(mutationId, reason, problems));
