/**
 * Whether an audit on this device has reached the server, from the device's own records: the
 * outbox (changes the server has not acknowledged) and the stored audit's revision (0: the
 * server has never held it). One rule for the form, the review page and the confirmation.
 */
import type { LocalAudit } from '../../db/lantern-db';

export type AuditSyncState = 'waiting' | 'synced' | 'never';

export function auditSyncState(
  auditId: string,
  waitingAuditIds: readonly string[],
  stored: LocalAudit | null,
): AuditSyncState {
  if (waitingAuditIds.includes(auditId) || (stored && stored.rev === 0)) return 'waiting';
  return stored ? 'synced' : 'never';
}
