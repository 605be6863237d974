/**
 * The state of each allocated case as the auditor sees it in "My audits": not started, in
 * progress with % complete, submitted, returned by a moderator; and, separately, whether the
 * device's latest version has reached the server.
 */
import type { Framework } from '../../../shared/framework/framework-schema';
import { auditProgress } from '../../../shared/framework/audit-progress';
import type { LocalAudit } from '../../db/lantern-db';

export type WorkState =
  | { kind: 'not-started' }
  | { kind: 'in-progress'; percent: number }
  | { kind: 'submitted' }
  | { kind: 'returned'; note: string };
export type SyncState = 'none' | 'waiting' | 'synced' | 'refused' | 'conflict';

export function workState(audit: LocalAudit | undefined, framework: Framework | undefined): WorkState {
  if (!audit) return { kind: 'not-started' };
  if (audit.snapshot.status === 'submitted') return { kind: 'submitted' };
  if (audit.returnedNote) return { kind: 'returned', note: audit.returnedNote };
  const percent = framework ? Math.floor(auditProgress(framework, audit.snapshot.answers).fraction * 100) : 0;
  return { kind: 'in-progress', percent };
}

export function syncState(audit: LocalAudit | undefined, waiting: boolean, hasConflict: boolean): SyncState {
  if (!audit) return 'none';
  if (hasConflict) return 'conflict';
  if (audit.rejection) return 'refused';
  if (waiting || audit.rev === 0) return 'waiting';
  return 'synced';
}

export const WORK_WORDS = (state: WorkState): string =>
  state.kind === 'not-started'
    ? 'Not started'
    : state.kind === 'in-progress'
      ? `In progress — ${state.percent}% complete`
      : state.kind === 'submitted'
        ? 'Submitted'
        : 'Returned by moderator';

export const SYNC_WORDS: Record<SyncState, string> = {
  none: '',
  waiting: 'Waiting to sync',
  synced: 'Synced',
  refused: 'Not accepted by the server',
  conflict: 'Changed on another device — choose which to keep',
};
