/**
 * What a mutation's domain step hands back to the push's bookkeeping (apply-mutation.ts): the
 * answer for the device, and the writes that go with it. The writes are not run by the step:
 * they go into the statement that records the answer, so a retry that lost the race to record
 * first rolls them back with everything else.
 */
import type { Person } from '../../http/app-env';
import type { MutationResult } from '../../../shared/sync/protocol';
import type { Sql } from '../../db/sql';
import type { AuditChange } from './audit-change';

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
   * An edit of an audit the server has: written by edit-writes.ts (with its revision and its
   * log row) instead of `writes`, so that several edits of one push go in one statement. Decided
   * without a lock (put-audit.ts, `putAuditUnlocked`), it stands only if the row is still as read.
   */
  edit?: AuditEdit;
}

/** An applied edit of an existing audit: its new state, its log action, and the row it was decided from. */
export interface AuditEdit {
  change: AuditChange;
  action: 'audit.update' | 'audit.submit';
  /** The row's `xid` when it was read, and the read's clock: the edit's `updated_at`. */
  read: { xid: string; at: string };
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
