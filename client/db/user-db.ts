/**
 * The open database of the person using the device. Another tab upgrading the schema (a new
 * version of Lantern) asks this one to close: first the open audit is saved, then the
 * connection closes and the page reloads — Dexie's default would close at once.
 */
import Dexie from 'dexie';
import { createLanternDb, databaseName, type LanternDb } from './lantern-db';
import { flushBeforeReload } from '../pwa/service-worker-updates';

let current: { personId: string; db: LanternDb } | null = null;

export function userDb(personId: string): LanternDb {
  if (current?.personId === personId) return current.db;
  current?.db.close();
  const db = createLanternDb(personId);
  db.on('versionchange', () => {
    void flushBeforeReload().finally(() => {
      db.close();
      window.location.reload();
    });
    return false;
  });
  current = { personId, db };
  return db;
}

/** Remove a person's data from this device (after sign-out with nothing unsynced). */
export async function deleteUserDb(personId: string): Promise<void> {
  if (current?.personId === personId) {
    current.db.close();
    current = null;
  }
  await Dexie.delete(databaseName(personId));
}
