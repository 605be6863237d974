/**
 * This device's work for the signed-in person: their local database, what waits to sync,
 * when it last synced, and the sync runner. The only store that starts syncing.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref } from 'vue';
import { userDb } from '../db/user-db';
import { useLiveQuery } from '../db/use-live-query';
import { startSyncRunner, type SyncOutcome, type SyncRunner } from '../sync/sync-runner';
import type { DownloadProgress } from '../sync/pull-changes';
import { useSessionStore } from './session-store';
import type { LanternDb } from '../db/lantern-db';
import { api } from '../api/http';
import { describeImport, importResponseSchema } from '../../shared/sync/import-result';
import { requestPersistence } from '../pwa/storage-status';
import { foldTypingJournal } from '../db/typing-journal';

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'signed-out' | 'failed' | 'waiting-for-leader';

async function deviceIdOf(db: LanternDb): Promise<string> {
  const stored = await db.meta.get('device-id');
  if (stored) return stored.value;
  const id = crypto.randomUUID();
  await db.meta.put({ key: 'device-id', value: id });
  return id;
}

export const useDeviceStore = defineStore('device', () => {
  const session = useSessionStore();
  const personId = session.person?.id ?? null;
  // markRaw: a Dexie instance must never be wrapped in a reactive proxy (its transactions break).
  const db = personId ? markRaw(userDb(personId)) : null;

  const status = ref<SyncStatus>('idle');
  const lastError = ref<string | null>(null);
  const leader = ref(false);
  /** This device's first download of its cases, page by page; null when there is none to show. */
  const download = ref<DownloadProgress | null>(null);
  let runner: SyncRunner | null = null;

  /** Audits with changes the server has not acknowledged. */
  const waitingAuditIds = useLiveQuery(
    // From the auditId index alone: re-read after every save, so it must not clone the snapshots.
    async () => (db ? ((await db.outbox.orderBy('auditId').uniqueKeys()) as string[]) : []),
    [] as string[],
  );
  const waitingCount = computed(() => waitingAuditIds.value.length);
  /**
   * Audits with an answer changed on another device that waits for the person's choice. Until
   * they choose, one of the two versions exists only here: that is unsynced work too.
   */
  const conflictAudits = useLiveQuery(
    async () => {
      if (!db) return [];
      const ids = (await db.conflicts.orderBy('auditId').uniqueKeys()) as string[];
      const allocations = await db.allocations.bulkGet(ids);
      return ids.map((id, i) => ({ id, caseReference: allocations[i]?.caseReference ?? null }));
    },
    [] as { id: string; caseReference: string | null }[],
  );
  const conflictAuditIds = computed(() => conflictAudits.value.map((a) => a.id));
  const conflictCount = useLiveQuery(async () => (db ? await db.conflicts.count() : 0), 0);
  /** Audits with anything the server does not hold yet: waiting to sync or waiting for a choice. */
  const unsyncedCount = computed(() => new Set([...waitingAuditIds.value, ...conflictAuditIds.value]).size);
  const lastSyncedAt = useLiveQuery(
    async () => (db ? ((await db.meta.get('last-synced-at'))?.value ?? null) : null),
    null as string | null,
  );

  function onOutcome(outcome: SyncOutcome): void {
    if (outcome.kind === 'synced') {
      status.value = 'idle';
      lastError.value = null;
    } else if (outcome.kind === 'offline') {
      status.value = 'offline';
    } else if (outcome.kind === 'signed-out') {
      status.value = 'signed-out';
      session.sessionEnded();
    } else {
      status.value = 'failed';
      lastError.value = outcome.message;
    }
  }

  async function start(): Promise<void> {
    if (!db || !personId || runner) return;
    const deviceId = await deviceIdOf(db);
    // Words typed behind a write when the page last went (reload, closed, killed): into their
    // audits and the outbox before anything syncs or lists them.
    await foldTypingJournal(db).catch((error: unknown) => {
      console.error('Folding the typing journal failed (it is tried again on the next start):', error);
    });
    if (!session.person?.roles.includes('auditor')) return;
    // Auditors keep work on the device for days: ask the browser not to clear it.
    void requestPersistence();
    runner = startSyncRunner({
      db,
      personId,
      deviceId,
      onOutcome,
      onLeader: (isLeader) => {
        leader.value = isLeader;
      },
      onRunning: (running) => {
        if (running) status.value = 'syncing';
      },
      onProgress: (progress) => {
        download.value = progress;
      },
    });
    if (!session.needsSignIn) runner.request();
    else status.value = 'signed-out';
  }

  function syncNow(): void {
    runner?.request();
  }

  /** After a save: sync a moment later, so a burst of typing becomes one push. */
  let soon: ReturnType<typeof setTimeout> | undefined;
  function requestSoonSync(): void {
    clearTimeout(soon);
    soon = setTimeout(() => runner?.request(), 2_000);
  }

  /** Import a file exported from a device (maybe another one): applied once, like a sync. */
  async function importFile(text: string): Promise<string> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return 'This file is not a Lantern export: it could not be read.';
    }
    const response = importResponseSchema.parse(await api('/api/sync/import', { method: 'POST', body }));
    runner?.request();
    return describeImport(response);
  }

  return {
    importFile,
    db,
    status,
    lastError,
    leader,
    download,
    waitingAuditIds,
    waitingCount,
    conflictAudits,
    conflictAuditIds,
    conflictCount,
    unsyncedCount,
    lastSyncedAt,
    start,
    syncNow,
    requestSoonSync,
  };
});
