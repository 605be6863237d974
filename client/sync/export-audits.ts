/**
 * A way out when all else fails: the device's unsynced audits as a file the server can
 * import later. Exporting freezes the outbox entries it includes (as sending does), so the
 * file and a later sync carry the same mutation ids and the server applies each change once.
 */
import type { LanternDb } from '../db/lantern-db';
import type { Mutation } from '../../shared/sync/protocol';
import { EXPORT_FORMAT } from '../../shared/sync/export-format';
import type { ExportFile } from '../../shared/sync/export-file';

/** Freeze and collect the outbox entries (of one audit, or all). */
export async function exportUnsynced(
  db: LanternDb,
  personId: string,
  deviceId: string,
  auditId?: string,
): Promise<ExportFile> {
  const mutations = await db.transaction('rw', db.audits, db.outbox, async () => {
    const entries = (await db.outbox.orderBy('createdAt').toArray()).filter(
      (e) => !auditId || e.auditId === auditId,
    );
    const out: Mutation[] = [];
    const seen = new Map<string, number>();
    for (const entry of entries) {
      let baseRev = entry.baseRev;
      if (entry.state === 'queued') {
        const audit = await db.audits.get(entry.auditId);
        // A second entry of the same audit builds on the first one's rev.
        baseRev = seen.has(entry.auditId) ? (seen.get(entry.auditId) ?? 0) + 1 : (audit?.rev ?? 0);
        await db.outbox.update(entry.mutationId, { state: 'sent', baseRev });
        if (audit?.queuedMutationId === entry.mutationId)
          await db.audits.update(audit.id, { queuedMutationId: null });
      }
      seen.set(entry.auditId, baseRev ?? 0);
      out.push({
        mutationId: entry.mutationId,
        type: 'audit.put',
        baseRev: baseRev ?? 0,
        snapshot: entry.snapshot,
      });
    }
    return out;
  });
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    personId,
    deviceId,
    mutations,
  };
}

/** Offer the file to the person as a download. */
export function downloadFile(file: ExportFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `lantern-audits-${file.exportedAt.slice(0, 16).replace(/[:T]/g, '-')}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
