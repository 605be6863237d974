/**
 * This device's work for the signed-in person: their local database, what waits to sync,
 * when it last synced, and the sync runner. The only store that starts syncing.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref } from 'vue';
import { userDb } from '../db/user-db';
import { useLiveQuery } from '../db/use-live-query';
import type { SyncOutcome, SyncRunner } from '../sync/sync-runner';
import type { DownloadProgress } from '../sync/pull-changes';
import { useSessionStore } from './session-store';
import type { LanternDb } from '../db/lantern-db';
import { api } from '../api/http';
import { foldTypingJournal } from '../db/typing-journal';

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'signed-out' | 'failed' | 'waiting-for-leader';

export interface SyncState {
  waitingAuditIds: string[];
  conflictAudits: { id: string; caseReference: string | null }[];
  conflictCount: number;
  lastSyncedAt: string | null;
}

/** Read in one transaction, so the figures agree with each other. */
export async function readSyncState(db: LanternDb): Promise<SyncState> {
  return db.transaction('r', [db.outbox, db.conflicts, db.allocations, db.meta], async () => {
    // From the auditId index alone: re-read after every save, so it must not clone the snapshots.
    const waitingAuditIds = (await db.outbox.orderBy('auditId').uniqueKeys()) as string[];
    const conflictIds = (await db.conflicts.orderBy('auditId').uniqueKeys()) as string[];
    const allocations = conflictIds.length > 0 ? await db.allocations.bulkGet(conflictIds) : [];
    return {
      waitingAuditIds,
      conflictAudits: conflictIds.map((id, i) => ({
        id,
        caseReference: allocations[i]?.caseReference ?? null,
      })),
      conflictCount: conflictIds.length > 0 ? await db.conflicts.count() : 0,
      lastSyncedAt: (await db.meta.get('last-synced-at'))?.value ?? null,
    };
  });
}

/** Audits with anything the server does not hold yet: waiting to sync or waiting for a choice. */
export function unsyncedAudits(state: SyncState): number {
  return new Set([...state.waitingAuditIds, ...state.conflictAudits.map((a) => a.id)]).size;
}

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

  /**
   * What this device holds that the server does not, read in one transaction so the figures
   * agree with each other; null until first read. Until then nothing may claim "everything is
   * synced" or let the person sign out: an empty list would only mean "not read yet".
   */
  const syncState = useLiveQuery(
    async () =>
      db
        ? await readSyncState(db)
        : { waitingAuditIds: [], conflictAudits: [], conflictCount: 0, lastSyncedAt: null },
    null as SyncState | null,
  );
  const syncKnown = computed(() => syncState.value !== null);
  /** Audits with changes the server has not acknowledged. */
  const waitingAuditIds = computed(() => syncState.value?.waitingAuditIds ?? []);
  const waitingCount = computed(() => waitingAuditIds.value.length);
  /**
   * Audits with an answer changed on another device that waits for the person's choice. Until
   * they choose, one of the two versions exists only here: that is unsynced work too.
   */
  const conflictAudits = computed(() => syncState.value?.conflictAudits ?? []);
  const conflictAuditIds = computed(() => conflictAudits.value.map((a) => a.id));
  const conflictCount = computed(() => syncState.value?.conflictCount ?? 0);
  const unsyncedCount = computed(() => (syncState.value ? unsyncedAudits(syncState.value) : 0));
  const lastSyncedAt = computed(() => syncState.value?.lastSyncedAt ?? null);

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
    // Auditors keep work on the device for days: ask the browser not to clear it (the asking
    // code loads here, after the first paint, as the sync code below does).
    void import('../pwa/storage-status').then(({ requestPersistence }) => requestPersistence());
    // The sync code loads after the first paint: not on the auditor's first screen's path,
    // and precached with the app shell (client/pwa/auditor-precache.ts follows the entry's
    // dynamic imports), so it loads offline too.
    const { startSyncRunner } = await import('../sync/sync-runner');
    // Syncing starts once the server has spoken of the session (the app opened without waiting
    // for it): a push sent before would carry no CSRF token, or go out for a session that ended.
    await session.sessionChecked();
    if (runner) return;
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
    // The import answer's schema (zod) loads with the first import, not with the app.
    const { describeImport, importResponseSchema } = await import('../../shared/sync/import-result');
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
    syncKnown,
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
