/**
 * The device's database (IndexedDB through Dexie): one per signed-in person, so people
 * sharing a tablet never see each other's work. Opened with strict durability: Chromium's
 * default ('relaxed' since 121) acknowledges a write before it reaches the disk, and a
 * battery that dies then would take the last words typed with it.
 *
 * Tables:
 * - audits: the person's audits — the local snapshot (what they see and edit), the base last
 *   seen from the server (for three-way merges), and the id of the outbox entry still open
 *   for edits, if any;
 * - outbox: mutations not yet acknowledged by the server. 'queued' entries still absorb
 *   edits; 'sent' entries may have reached the server and are never changed again;
 * - allocations, frameworks: what the person needs to audit offline;
 * - conflicts: answers changed on two devices, kept until the person chooses;
 * - typing: answers typed behind a save in flight, per audit and tab, until a save includes
 *   them (typing-journal.ts);
 * - meta: device id, pull checkpoint, last sync time.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { AuditDocument, AuditSnapshot } from '../../shared/sync/audit-document';
import type { AllocationDocument } from '../../shared/sync/protocol';
import type { Framework } from '../../shared/framework/framework-schema';
import type { AnswerConflict } from '../../shared/sync/merge-answers';
import type { Answer } from '../../shared/framework/answer-schema';

export interface LocalAudit {
  id: string;
  caseId: string;
  snapshot: AuditSnapshot;
  /** The server's copy this device last saw; null until the audit first syncs. */
  base: AuditDocument | null;
  rev: number;
  /** The outbox entry that still absorbs edits, if any. */
  queuedMutationId: string | null;
  localUpdatedAt: string;
  rejection: { reason: string; problems: { itemKey: string; message: string }[] } | null;
  returnedNote: string | null;
  /**
   * Per tab (page load) that typed into this audit: the sequence number of its latest change
   * included here. A typing-journal record at or below it is already in (typing-journal.ts).
   */
  typedSeqs?: Record<string, number>;
}

export interface OutboxEntry {
  mutationId: string;
  auditId: string;
  /** Milliseconds; orders a device's mutations of one audit. */
  createdAt: number;
  state: 'queued' | 'sent';
  /** Fixed when the entry is first sent; a retry sends exactly the same mutation. */
  baseRev: number | null;
  snapshot: AuditSnapshot;
}

export interface StoredFramework {
  id: string;
  framework: Framework;
}

export interface ConflictRecord extends AnswerConflict {
  id: string;
  auditId: string;
  theirsBy: string;
  theirsAt: string;
  createdAt: string;
}

/** What one tab has typed into one audit and not yet saved there (typing-journal.ts). */
export interface TypingRecord {
  /** `${auditId}|${tabId}` */
  id: string;
  auditId: string;
  tabId: string;
  /** The tab's sequence number of the latest change in `answers`. */
  seq: number;
  /** Item key → the newest answer, or null to clear it. */
  answers: Record<string, Answer | null>;
  at: number;
}

export interface MetaRecord {
  key: string;
  value: string;
}

export type LanternDb = Dexie & {
  audits: EntityTable<LocalAudit, 'id'>;
  outbox: EntityTable<OutboxEntry, 'mutationId'>;
  allocations: EntityTable<AllocationDocument, 'id'>;
  frameworks: EntityTable<StoredFramework, 'id'>;
  conflicts: EntityTable<ConflictRecord, 'id'>;
  typing: EntityTable<TypingRecord, 'id'>;
  meta: EntityTable<MetaRecord, 'key'>;
};

export const frameworkId = (key: string, version: number): string => `${key}@${version}`;
export const databaseName = (personId: string): string => `lantern-${personId}`;

/**
 * `name` defaults to the person's database; tests that simulate several devices of one person
 * in one process (one IndexedDB) give each device its own name.
 */
export function createLanternDb(personId: string, name: string = databaseName(personId)): LanternDb {
  // No query cache: the audit save writes through IndexedDB itself (save-answers.ts) and tells
  // live queries by event, so every live query must read afresh rather than from a cache.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', cache: 'disabled' }) as LanternDb;
  db.version(1).stores({
    audits: 'id, caseId',
    outbox: 'mutationId, auditId, createdAt',
    allocations: 'id, caseId',
    frameworks: 'id',
    conflicts: 'id, auditId',
    meta: 'key',
  });
  db.version(2).stores({ typing: 'id, auditId' });
  return db;
}
