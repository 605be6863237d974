/**
 * What a push brought this device, so the pull after it need not bring it back. The push
 * notes the audits whose applied answers it took; the pull names them with the revision this
 * device holds of each, read as it asks (`held`), and the server leaves out an audit whose
 * revision is exactly that one. Another device's change made since has a newer revision and
 * still comes. A device's revision of an audit never goes back, and a pulled copy at or
 * below it is ignored anyway (pull-changes.ts), so naming one can never hide a change: it
 * only saves sending what would be thrown away.
 */
import type { LanternDb } from '../db/lantern-db';
import { MAX_HELD_REVISIONS } from '../../shared/sync/protocol';

const PUSHED = 'pushed-since-pull';

async function pushedIds(db: LanternDb): Promise<string[]> {
  const value = (await db.meta.get(PUSHED))?.value;
  if (!value) return [];
  try {
    const ids: unknown = JSON.parse(value);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** After a push's answers are stored: these audits now hold the server's newest revision. */
export async function notePushed(db: LanternDb, auditIds: string[]): Promise<void> {
  if (auditIds.length === 0) return;
  await db.transaction('rw', db.meta, async () => {
    const ids = new Set(await pushedIds(db));
    for (const id of auditIds) {
      ids.delete(id); // the latest push last: the ones named when there are too many
      ids.add(id);
    }
    await db.meta.put({ key: PUSHED, value: JSON.stringify([...ids].slice(-MAX_HELD_REVISIONS)) });
  });
}

/** The `held` query of a pull (`<id>.<rev>` joined by `_`), and the ids it was read from. */
export async function heldRevisions(db: LanternDb): Promise<{ ids: string[]; held: string }> {
  return db.transaction('r', db.meta, db.audits, async () => {
    const ids = await pushedIds(db);
    const held: string[] = [];
    for (const id of ids) {
      const audit = await db.audits.get(id);
      if (audit && audit.rev > 0) held.push(`${id}.${audit.rev}`);
    }
    return { ids, held: held.join('_') };
  });
}

/** After a pull has finished: what it named is behind the checkpoint now. */
export async function forgetPushed(db: LanternDb, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', db.meta, async () => {
    const done = new Set(ids);
    const left = (await pushedIds(db)).filter((id) => !done.has(id));
    if (left.length > 0) await db.meta.put({ key: PUSHED, value: JSON.stringify(left) });
    else await db.meta.delete(PUSHED);
  });
}
