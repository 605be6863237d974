/**
 * Pulls what changed since this device's checkpoint, page by page. Each page and its
 * checkpoint are stored in one Dexie transaction. A pulled audit never overwrites local
 * edits that the server has not acknowledged: it is merged three ways instead; an older copy
 * than the one this device already has is ignored.
 *
 * A device's first download of its practice week comes in small pages, each
 * followed by the framework versions its cases need, and reports "8 of 12 cases ready" as
 * they land; if the connection drops half-way, what is stored stays and the next pull starts
 * from the stored checkpoint and asks only for the framework versions still missing.
 */
import type { LanternDb } from '../db/lantern-db';
import { frameworkId } from '../db/lantern-db';
import { pullResponseSchema, type PullResponse } from '../../shared/sync/protocol';
import { snapshotOf } from '../../shared/sync/audit-document';
import { frameworkSchema } from '../../shared/framework/framework-schema';
import { api } from '../api/http';
import { mergeTheirs } from './push-outbox';
import { forgetPushed, heldRevisions } from './held-revisions';

const CHECKPOINT = 'pull-checkpoint';
/**
 * 'started' from a device's first pull (no checkpoint yet) until every page and form is here,
 * then 'done': later pulls are quiet and in the server's default pages. A device that synced
 * before this existed has a checkpoint and no mark: it is done.
 */
const FIRST_DOWNLOAD = 'first-download';
/** Cases per page of a first download: progress shows on a slow line, a drop loses one page at most. */
export const FIRST_DOWNLOAD_PAGE = 4;

/** How far a first download has got: cases whose allocation and audit form are on this device. */
export interface DownloadProgress {
  ready: number;
  total: number;
}

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

/** Cases on this device with their audit form: what the readiness check counts as ready. */
async function casesReady(db: LanternDb): Promise<number> {
  const [allocations, frameworks] = await Promise.all([
    db.allocations.toArray(),
    db.frameworks.toCollection().primaryKeys(),
  ]);
  const held = new Set(frameworks);
  return allocations.filter((a) => held.has(frameworkId(a.frameworkKey, a.frameworkVersion))).length;
}

export async function pullChanges(
  db: LanternDb,
  onProgress?: (progress: DownloadProgress) => void,
): Promise<{ pages: number; audits: number; allocations: number }> {
  let pages = 0;
  let audits = 0;
  let allocations = 0;
  const firstDownload = await db.transaction('rw', db.meta, async () => {
    const mark = (await db.meta.get(FIRST_DOWNLOAD))?.value;
    if (mark) return mark === 'started';
    if (await db.meta.get(CHECKPOINT)) return false;
    await db.meta.put({ key: FIRST_DOWNLOAD, value: 'started' });
    return true;
  });
  // The audits the last push brought, at the revision held now: not sent back (held-revisions.ts).
  const { ids: pushed, held } = await heldRevisions(db);
  // Small pages while the cases come (each one shows progress); once a page brings fewer cases
  // than it could, they are all here, and the rest (the person's earlier audits) comes in the
  // server's own larger pages: on a line with a long round trip, each page is one more trip.
  let smallPages = firstDownload;
  for (;;) {
    const checkpoint = (await db.meta.get(CHECKPOINT))?.value;
    const query = new URLSearchParams({
      ...(checkpoint ? { checkpoint } : {}),
      ...(smallPages ? { limit: String(FIRST_DOWNLOAD_PAGE) } : {}),
      ...(checkpoint && held ? { held } : {}),
    }).toString();
    const page = pullResponseSchema.parse(await api(`/api/sync/pull${query ? `?${query}` : ''}`));
    await applyPage(db, page);
    pages++;
    audits += page.audits.length;
    allocations += page.allocations.length;
    if (firstDownload) {
      // Each page's cases made ready before the next page is asked for.
      await fetchFrameworks(db);
      const ready = await casesReady(db);
      onProgress?.({ ready, total: Math.max(ready, page.allocationsTotal ?? ready) });
      if (page.allocations.length < FIRST_DOWNLOAD_PAGE) smallPages = false;
    }
    if (!page.hasMore) break;
  }
  await fetchFrameworks(db);
  await forgetPushed(db, pushed);
  if (firstDownload) await db.meta.put({ key: FIRST_DOWNLOAD, value: 'done' });
  return { pages, audits, allocations };
}
