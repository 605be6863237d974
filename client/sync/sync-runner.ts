/**
 * When and how a device syncs: on app start, on `online`, every 30 s while online, after
 * edits, and on "Sync now". One tab at a time leads (a Web Lock held for the tab's life:
 * closing it hands the role to the next tab); correctness never depends on that lock — the
 * server answers a repeated mutation once. Failures back off exponentially with jitter; a
 * 401 stops syncing without touching the outbox until the person signs in again.
 */
import type { LanternDb } from '../db/lantern-db';
import { ApiError } from '../api/http';
import { pushOutbox, type PushSummary } from './push-outbox';
import { pullChanges, type DownloadProgress } from './pull-changes';

export const PERIODIC_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export type SyncOutcome =
  | { kind: 'synced'; push: PushSummary; at: string }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; message: string };

export interface SyncRunnerOptions {
  db: LanternDb;
  personId: string;
  deviceId: string;
  onOutcome: (outcome: SyncOutcome) => void;
  onLeader: (leader: boolean) => void;
  onRunning: (running: boolean) => void;
  /** A first download's progress, once per page ("8 of 12 cases ready"); later syncs say nothing. */
  onProgress?: (progress: DownloadProgress) => void;
}

export interface SyncRunner {
  /** Run now (a "Sync now" press, or a change was saved). */
  request(): void;
  stop(): void;
}

/** Exponential backoff with ±50% jitter, so a fleet of tablets coming online does not stampede. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random()));
}

export function startSyncRunner(options: SyncRunnerOptions): SyncRunner {
  let stopped = false;
  let leader = false;
  let running = false;
  let again = false;
  let failures = 0;
  let blocked = false; // signed out: wait for a new sign-in
  let timer: ReturnType<typeof setTimeout> | undefined;
  let releaseLeadership: (() => void) | undefined;

  const schedule = (ms: number): void => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void run(), ms);
  };

  async function run(): Promise<void> {
    if (stopped || !leader || blocked) return;
    if (running) {
      again = true;
      return;
    }
    if (!navigator.onLine) {
      options.onOutcome({ kind: 'offline' });
      return;
    }
    running = true;
    options.onRunning(true);
    try {
      const push = await pushOutbox(options.db, options.deviceId);
      await pullChanges(options.db, options.onProgress);
      const at = new Date().toISOString();
      await options.db.meta.put({ key: 'last-synced-at', value: at });
      failures = 0;
      options.onOutcome({ kind: 'synced', push, at });
      schedule(PERIODIC_MS);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        blocked = true;
        options.onOutcome({ kind: 'signed-out' });
      } else {
        failures++;
        const offline = error instanceof ApiError && error.code === 'network';
        options.onOutcome(
          offline
            ? { kind: 'offline' }
            : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
        );
        schedule(backoffDelay(failures));
      }
    } finally {
      running = false;
      options.onRunning(false);
      if (again && !stopped) {
        again = false;
        void run();
      }
    }
  }

  // Other tabs of the same person ask the leader to sync through this channel.
  const channel =
    'BroadcastChannel' in window ? new BroadcastChannel(`lantern-sync-${options.personId}`) : null;
  if (channel) channel.onmessage = () => void run();

  const onOnline = (): void => {
    failures = 0;
    void run();
  };
  window.addEventListener('online', onOnline);

  // Leadership: held until this tab closes (or stop()), then the next waiting tab gets it.
  const becomeLeader = (): Promise<void> =>
    new Promise<void>((resolve) => {
      releaseLeadership = resolve;
      leader = true;
      options.onLeader(true);
      void run();
    });
  if ('locks' in navigator) {
    void navigator.locks.request(`lantern-sync-leader-${options.personId}`, becomeLeader);
  } else {
    void becomeLeader();
  }

  return {
    request() {
      failures = 0;
      blocked = false;
      if (leader) void run();
      else channel?.postMessage('sync');
    },
    stop() {
      stopped = true;
      leader = false;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      channel?.close();
      releaseLeadership?.();
    },
  };
}
