/**
 * Pulls what changed since this device's checkpoint, page by page. Each page and its
 * checkpoint are stored in one Dexie transaction. A pulled audit never overwrites local
 * edits that the server has not acknowledged: it is merged three ways instead; an older copy
 * than the one this device already has is ignored.
 */
import type { LanternDb } from '../db/lantern-db';
import { frameworkId } from '../db/lantern-db';
import { pullResponseSchema, type PullResponse } from '../../shared/sync/protocol';
import { snapshotOf } from '../../shared/sync/audit-document';
import { frameworkSchema } from '../../shared/framework/framework-schema';
import { api } from '../api/http';
import { mergeTheirs } from './push-outbox';

const CHECKPOINT = 'pull-checkpoint';

async function applyPage(db: LanternDb, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.audits, db.outbox, db.conflicts, db.allocations, db.meta], async () => {
    // A reset (the server's data was replaced) starts the allocations afresh, in the same
    // transaction as the first page that refills them: a page closed or killed in between
    // never leaves the device with none.
    if (page.reset) await db.allocations.clear();
    for (const allocation of page.allocations) {
      if (allocation.active) await db.allocations.put(allocation);
      else await db.allocations.delete(allocation.id);
    }
    for (const doc of page.audits) {
      const local = await db.audits.get(doc.id);
      if (!local) {
        await db.audits.put({
          id: doc.id,
          caseId: doc.caseId,
          snapshot: snapshotOf(doc),
          base: doc,
          rev: doc.rev,
          queuedMutationId: null,
          localUpdatedAt: doc.updatedAt,
          rejection: null,
          returnedNote: doc.returnedNote,
        });
        continue;
      }
      if (doc.rev <= local.rev) continue; // an older (or the same) copy: what this device has stands
      const pending = await db.outbox.where('auditId').equals(doc.id).count();
      if (pending > 0) await mergeTheirs(db, local, doc);
      else
        await db.audits.put({
          ...local,
          snapshot: snapshotOf(doc),
          base: doc,
          rev: doc.rev,
          returnedNote: doc.returnedNote,
          rejection: null,
        });
    }
    await db.meta.put({ key: CHECKPOINT, value: page.checkpoint });
  });
}

/** Fetch the framework versions the allocations need and this device does not hold yet. */
async function fetchFrameworks(db: LanternDb): Promise<void> {
  const wanted = new Map<string, { key: string; version: number }>();
  for (const a of await db.allocations.toArray())
    wanted.set(frameworkId(a.frameworkKey, a.frameworkVersion), {
      key: a.frameworkKey,
      version: a.frameworkVersion,
    });
  for (const a of await db.audits.toArray())
    wanted.set(frameworkId(a.snapshot.frameworkKey, a.snapshot.frameworkVersion), {
      key: a.snapshot.frameworkKey,
      version: a.snapshot.frameworkVersion,
    });
  const held = new Set(await db.frameworks.toCollection().primaryKeys());
  for (const [id, ref] of wanted) {
    if (held.has(id)) continue;
    const framework = frameworkSchema.parse(
      await api(`/api/frameworks/${encodeURIComponent(ref.key)}/${ref.version}`),
    );
    await db.frameworks.put({ id, framework });
  }
}

export async function pullChanges(
  db: LanternDb,
): Promise<{ pages: number; audits: number; allocations: number }> {
  let pages = 0;
  let audits = 0;
  let allocations = 0;
  for (;;) {
    const checkpoint = (await db.meta.get(CHECKPOINT))?.value;
    const query = checkpoint ? `?checkpoint=${encodeURIComponent(checkpoint)}` : '';
    const page = pullResponseSchema.parse(await api(`/api/sync/pull${query}`));
    await applyPage(db, page);
    pages++;
    audits += page.audits.length;
    allocations += page.allocations.length;
    if (!page.hasMore) break;
  }
  await fetchFrameworks(db);
  return { pages, audits, allocations };
}
