/**
 * A synchronous mirror of the typing journal in localStorage. An IndexedDB write issued in the
 * very last keystroke before a reload can be aborted by Chromium as the page goes (seen: the last
 * character of 20 reloads at 0 ms, on an idle machine); a localStorage write is done when
 * `setItem` returns and the next page of the same origin reads it back. The IndexedDB journal
 * stays the record that survives a killed browser; this mirror covers the moment between a
 * keystroke and its IndexedDB commit. Entries are keyed by database (one per person) and
 * journal record, read back through the shared answer schema (typing-mirror-schema.ts, loaded
 * when the mirror is first read, so the keystroke path carries no zod), and removed once folded.
 */
import type { TypingRecord } from './lantern-db';

const PREFIX = 'lantern-typing:';

const mirrorSchema = async () => (await import('./typing-mirror-schema')).mirroredSchema;

const keyOf = (dbName: string, recordId: string): string => `${PREFIX}${dbName}:${recordId}`;

/**
 * Mirror one journal record. A full or unavailable localStorage is not an error here: the
 * IndexedDB journal and the audit's own save, which report their failures, still hold the words.
 */
export function mirrorTypingRecord(dbName: string, record: TypingRecord): void {
  try {
    localStorage.setItem(keyOf(dbName, record.id), JSON.stringify(record));
  } catch {
    // See above: the mirror is the third copy, never the only one.
  }
}

/** The mirrored records of one database (and one audit, when given); unreadable entries are skipped. */
export async function readTypingMirror(dbName: string, auditId?: string): Promise<TypingRecord[]> {
  const mirroredSchema = await mirrorSchema();
  const records: TypingRecord[] = [];
  const prefix = `${PREFIX}${dbName}:`;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(prefix)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(localStorage.getItem(key) ?? 'null');
    } catch {
      continue;
    }
    const record = mirroredSchema.safeParse(parsed);
    if (record.success && (!auditId || record.data.auditId === auditId)) records.push(record.data);
  }
  return records;
}

/**
 * Remove a mirrored record when what it holds (up to `seq`) is committed to the audit. The record
 * is read when the schema has loaded, so a newer mirror written meanwhile is kept.
 */
export async function dropTypingMirror(dbName: string, recordId: string, seq: number): Promise<void> {
  const mirroredSchema = await mirrorSchema();
  const key = keyOf(dbName, recordId);
  try {
    const current = mirroredSchema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
    if (!current.success || current.data.seq <= seq) localStorage.removeItem(key);
  } catch {
    localStorage.removeItem(key);
  }
}
