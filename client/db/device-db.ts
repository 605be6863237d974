/**
 * What the device itself remembers between visits, outside any one person's database: who
 * last signed in here. Kept in IndexedDB with strict durability as well as localStorage,
 * because Chromium flushes localStorage lazily — a tablet whose battery dies just after
 * sign-in must still open the auditor's own work offline.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SessionPerson } from '../../shared/accounts/roles';
import { isSessionPerson } from 'virtual:startup-checks';
import { startupSafeParse } from '../validation/startup-parse';

interface DeviceRecord {
  key: string;
  value: unknown;
}

type DeviceDb = Dexie & { device: EntityTable<DeviceRecord, 'key'> };

let db: DeviceDb | null = null;
function deviceDb(): DeviceDb {
  if (!db) {
    db = new Dexie('lantern-device', { chromeTransactionDurability: 'strict' }) as DeviceDb;
    db.version(1).stores({ device: 'key' });
  }
  return db;
}

export async function readRememberedPerson(): Promise<SessionPerson | null> {
  try {
    const record = await deviceDb().device.get('person');
    return startupSafeParse<SessionPerson>(isSessionPerson, record?.value);
  } catch {
    return null;
  }
}

export async function writeRememberedPerson(person: SessionPerson | null): Promise<void> {
  if (person) await deviceDb().device.put({ key: 'person', value: person });
  else await deviceDb().device.delete('person');
}
