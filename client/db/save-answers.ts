/**
 * The hot path behind "nothing typed is ever lost": one Dexie transaction that applies the
 * changed answers to the stored audit (read-modify-write, so two tabs editing different items
 * never overwrite each other) and writes the outbox entry in the same commit. Nothing but
 * Dexie is awaited inside the transaction.
 */
import type { Answer } from '../../shared/framework/answer-schema';
import type { AuditSnapshot } from '../../shared/sync/audit-document';
import type { LanternDb, LocalAudit } from './lantern-db';

export interface AuditChange {
  /** Item key → new answer, or null to clear it. */
  answers: Record<string, Answer | null>;
  status?: AuditSnapshot['status'];
  completedAt?: string | null;
}

export interface NewAudit {
  snapshot: AuditSnapshot;
}

/**
 * @throws whatever IndexedDB throws (QuotaExceededError, AbortError…): the caller keeps the
 * value in memory, says "not saved" and retries.
 */
export function saveAuditChange(
  db: LanternDb,
  auditId: string,
  change: AuditChange,
  create: () => NewAudit,
  newId: () => string,
  now: number,
): Promise<LocalAudit> {
  // One read, then both writes issued together: awaiting step by step inside a Dexie
  // transaction measured about twice the bare IndexedDB floor.
  return db.transaction('rw', db.audits, db.outbox, () =>
    db.audits.get(auditId).then((stored) => {
      const audit: LocalAudit = stored ?? {
        id: auditId,
        caseId: create().snapshot.caseId,
        snapshot: create().snapshot,
        base: null,
        rev: 0,
        queuedMutationId: null,
        localUpdatedAt: '',
        rejection: null,
        returnedNote: null,
      };
      const answers = { ...audit.snapshot.answers };
      for (const [key, answer] of Object.entries(change.answers)) {
        if (answer === null) delete answers[key];
        else answers[key] = answer;
      }
      const snapshot: AuditSnapshot = {
        ...audit.snapshot,
        answers,
        status: change.status ?? audit.snapshot.status,
        completedAt: change.completedAt !== undefined ? change.completedAt : audit.snapshot.completedAt,
      };
      const mutationId = audit.queuedMutationId ?? newId();
      const next: LocalAudit = {
        ...audit,
        snapshot,
        queuedMutationId: mutationId,
        localUpdatedAt: new Date(now).toISOString(),
        rejection: null,
      };
      // Both writes are issued at once and awaited together: a write that fails (a full disk)
      // must reject the transaction, or it would commit without it and the audit would look saved.
      return Promise.all([
        db.audits.put(next),
        db.outbox.put({ mutationId, auditId, createdAt: now, state: 'queued', baseRev: null, snapshot }),
      ]).then(() => next);
    }),
  );
}
