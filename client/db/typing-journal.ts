/**
 * The typing journal: every change the form makes, written at once where nothing can hold it up.
 *
 * The audit save (save-answers.ts) is a read-modify-write, one at a time per tab; keystrokes that
 * arrive while one is in flight wait for the next. Held only in memory they are lost when the
 * page goes (reload, tab closed, browser killed): a read-modify-write needs the page alive to
 * answer its read, and Chromium aborts what a closing page has not committed. So each change also
 * goes here, as a blind put (no read: every request is issued before this returns) into a store
 * of its own, which IndexedDB runs beside the audit's write instead of behind it.
 *
 * One record per audit and tab, holding every answer that tab has not committed yet and the
 * sequence number of its latest change. The audit record keeps, per tab, the sequence number its
 * last save included (`typedSeqs`), so folding a record that a save already covered (the tab died
 * between its save and the clean-up) can never put older words over newer ones.
 */
import type { LanternDb, LocalAudit, TypingRecord } from './lantern-db';
import { applyAuditChange, type NewAudit } from './save-answers';
import { dropTypingMirror, mirrorTypingRecord, readTypingMirror } from './typing-mirror';

export const journalKey = (auditId: string, tabId: string): string => `${auditId}|${tabId}`;

/**
 * Write the tab's pending answers for one audit. The requests are issued before this returns
 * (when the database is open), so the write commits even if the page is gone a moment later.
 * @throws (rejects with) whatever IndexedDB throws; nothing is half-written.
 */
export function writeTypingJournal(db: LanternDb, record: TypingRecord): Promise<void> {
  mirrorTypingRecord(db.name, record);
  return new Promise<void>((resolve, reject) => {
    // Relaxed: the journal guards against the page or the browser going (its data is with the
    // operating system once committed), and costs no disk flush per keystroke; the audit's own
    // save, strict, follows within a write or two and guards against power loss.
    const tx = db.backendDB().transaction(['typing'], 'readwrite', { durability: 'relaxed' });
    tx.objectStore('typing').put(record);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The journal write was aborted.', 'AbortError'));
    tx.commit();
  });
}

/** A save of this tab committed everything up to `seq`: its journal record, if no newer, goes. */
export async function dropTypingJournal(
  db: LanternDb,
  auditId: string,
  tabId: string,
  seq: number,
): Promise<void> {
  await db.transaction('rw', db.typing, async () => {
    const record = await db.typing.get(journalKey(auditId, tabId));
    if (record && record.seq <= seq) await db.typing.delete(record.id);
  });
  await dropTypingMirror(db.name, journalKey(auditId, tabId), seq);
}

/**
 * Fold journal records (of one audit, or all) into their audits and outbox, in one transaction:
 * a record newer than what its tab's saves included is applied as that tab's change; any other
 * is dropped. A record whose audit is neither on the device nor allocated stays until it can be.
 * @returns how many records were applied.
 */
export async function foldTypingJournal(db: LanternDb, auditId?: string): Promise<number> {
  // Read before the transaction (no non-Dexie work inside it); the newer copy of each record wins.
  const mirrored = await readTypingMirror(db.name, auditId);
  const settled: { id: string; seq: number }[] = [];
  const applied = await db.transaction('rw', [db.audits, db.outbox, db.typing, db.allocations], async () => {
    const journalled = auditId
      ? await db.typing.where('auditId').equals(auditId).toArray()
      : await db.typing.toArray();
    const newest = new Map(journalled.map((record) => [record.id, record]));
    for (const record of mirrored) {
      const known = newest.get(record.id);
      if (!known || known.seq < record.seq) newest.set(record.id, record);
    }
    let applied = 0;
    for (const record of newest.values()) {
      const stored: LocalAudit | undefined = await db.audits.get(record.auditId);
      if (stored && record.seq <= (stored.typedSeqs?.[record.tabId] ?? 0)) {
        await db.typing.delete(record.id);
        settled.push({ id: record.id, seq: record.seq });
        continue;
      }
      let create: () => NewAudit;
      if (stored) {
        create = () => ({ snapshot: stored.snapshot }); // not called: the audit exists
      } else {
        const allocation = await db.allocations.get(record.auditId);
        if (!allocation) continue;
        create = () => ({
          snapshot: {
            id: record.auditId,
            caseId: allocation.caseId,
            frameworkKey: allocation.frameworkKey,
            frameworkVersion: allocation.frameworkVersion,
            status: 'draft',
            answers: {},
            completedAt: null,
          },
        });
      }
      const { audit, outbox } = applyAuditChange(
        stored,
        record.auditId,
        { answers: record.answers, typed: { tabId: record.tabId, seq: record.seq } },
        create,
        () => crypto.randomUUID(),
        Date.now(),
      );
      await db.audits.put(audit);
      await db.outbox.put(outbox);
      await db.typing.delete(record.id);
      settled.push({ id: record.id, seq: record.seq });
      applied++;
    }
    return applied;
  });
  for (const { id, seq } of settled) await dropTypingMirror(db.name, id, seq);
  return applied;
}
