/**
 * The hot path behind "nothing typed is ever lost": one IndexedDB transaction, strict
 * durability, that applies the changed answers to the stored audit (read-modify-write, so two
 * tabs editing different items never overwrite each other) and writes the outbox entry in the
 * same commit.
 *
 * It talks to IndexedDB directly (Dexie's own connection, `backendDB()`), not through Dexie's
 * transaction API: Dexie starts a transaction a microtask late and routes each request through
 * its middleware, and on a keystroke that delay lets the browser's next frame go first — the
 * commit then lands a frame later (measured: about twice the bare floor; docs/PERFORMANCE.md).
 * Here the read is issued synchronously in the caller's event handler. After the commit, live
 * queries in this tab and others are told what changed through Dexie's documented
 * `storagemutated` event, as Dexie does for its own writes.
 */
import { Dexie, RangeSet, type ObservabilitySet } from 'dexie';
import type { Answer } from '../../shared/framework/answer-schema';
import type { AuditSnapshot } from '../../shared/sync/audit-document';
import type { LanternDb, LocalAudit, OutboxEntry } from './lantern-db';

export interface AuditChange {
  /** Item key → new answer, or null to clear it. */
  answers: Record<string, Answer | null>;
  status?: AuditSnapshot['status'];
  completedAt?: string | null;
  /** The tab that typed the change and the sequence number of its latest keystroke in it. */
  typed?: { tabId: string; seq: number };
}

export interface NewAudit {
  snapshot: AuditSnapshot;
}

export interface SavedChange {
  audit: LocalAudit;
  /**
   * `performance.now()` when IndexedDB reported the transaction complete: the change is
   * durable from this moment (what "keystroke to durable commit" is timed to).
   */
  committedAt: number;
}

/** How many tabs' sequence numbers an audit record remembers (each page load that typed is one). */
const MAX_TYPED_SEQS = 50;

/** Keep the newest `MAX_TYPED_SEQS` entries (insertion order: the latest tab last). */
export function trimTypedSeqs(seqs: Record<string, number>): Record<string, number> {
  const entries = Object.entries(seqs);
  return entries.length <= MAX_TYPED_SEQS ? seqs : Object.fromEntries(entries.slice(-MAX_TYPED_SEQS));
}

/** The stored audit with the change applied, and the outbox entry that carries it. */
export function applyAuditChange(
  stored: LocalAudit | undefined,
  auditId: string,
  change: AuditChange,
  create: () => NewAudit,
  newId: () => string,
  now: number,
): { audit: LocalAudit; outbox: OutboxEntry } {
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
  const typedSeqs = change.typed
    ? trimTypedSeqs({
        ...Object.fromEntries(
          Object.entries(audit.typedSeqs ?? {}).filter(([tab]) => tab !== change.typed?.tabId),
        ),
        [change.typed.tabId]: Math.max(change.typed.seq, audit.typedSeqs?.[change.typed.tabId] ?? 0),
      })
    : audit.typedSeqs;
  return {
    audit: {
      ...audit,
      ...(typedSeqs ? { typedSeqs } : {}),
      snapshot,
      queuedMutationId: mutationId,
      localUpdatedAt: new Date(now).toISOString(),
      rejection: null,
    },
    outbox: { mutationId, auditId, createdAt: now, state: 'queued', baseRev: null, snapshot },
  };
}

export interface SaveRequest {
  auditId: string;
  change: AuditChange;
  /** The new audit, when this is its first change on the device. */
  create: () => NewAudit;
  newId: () => string;
  now: number;
  /**
   * Called once both writes are issued: from then until the commit the main thread is free,
   * so the screen can catch up without delaying the write.
   */
  onIssued?: () => void;
}

/**
 * When the database is open, the read is issued before this returns (synchronously, in the
 * caller's event handler).
 * @throws (rejects with) whatever IndexedDB throws (QuotaExceededError, AbortError…): the
 * caller keeps the value in memory, says "not saved" and retries. Nothing is half-written:
 * any failure aborts the transaction.
 */
export async function saveAuditChange(db: LanternDb, request: SaveRequest): Promise<SavedChange> {
  const { auditId, change, create, newId, now, onIssued } = request;
  if (!db.isOpen()) await db.open();
  return new Promise<SavedChange>((resolve, reject) => {
    let written: { audit: LocalAudit; outbox: OutboxEntry } | null = null;
    let failure: unknown = null;
    const tx = db.backendDB().transaction(['audits', 'outbox'], 'readwrite', { durability: 'strict' });
    const read = tx.objectStore('audits').get(auditId);
    read.onsuccess = () => {
      try {
        written = applyAuditChange(
          read.result as LocalAudit | undefined,
          auditId,
          change,
          create,
          newId,
          now,
        );
        tx.objectStore('audits').put(written.audit);
        tx.objectStore('outbox').put(written.outbox);
        // Both writes are issued: commit now, rather than when their answers have come back
        // through this page's event loop (behind the frame and the re-render that follow a
        // keystroke). Durability is unchanged: still strict, still all or nothing.
        tx.commit();
      } catch (error) {
        // A write refused outright (a full disk can throw here): nothing of it may commit.
        failure = error;
        tx.abort();
        return;
      }
      try {
        onIssued?.();
      } catch (error) {
        // The caller's business; thrown from here it would abort a good write.
        console.error('After issuing the audit save:', error);
      }
    };
    tx.oncomplete = () => {
      const committedAt = performance.now();
      if (!written) return reject(new Error('The audit was not written.'));
      announceWrite(db, written);
      resolve({ audit: written.audit, committedAt });
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new DOMException('The save was aborted.', 'AbortError'));
  });
}

/**
 * Tells live queries (this tab's and, through Dexie, other tabs') that these records changed:
 * their primary keys exactly, and every index of both tables as possibly changed.
 */
function announceWrite(db: LanternDb, written: { audit: LocalAudit; outbox: OutboxEntry }): void {
  const parts: ObservabilitySet = {
    [`idb://${db.name}/audits/`]: new RangeSet(written.audit.id),
    [`idb://${db.name}/outbox/`]: new RangeSet(written.outbox.mutationId),
  };
  for (const table of [db.audits, db.outbox])
    for (const index of table.schema.indexes)
      parts[`idb://${db.name}/${table.name}/${index.name}`] = new RangeSet(Dexie.minKey, Dexie.maxKey);
  Dexie.on('storagemutated').fire(parts);
}
