/**
 * The device store: it starts syncing only for an auditor, after folding the typing journal
 * into the audits; it turns each sync outcome into the bar's status (a 401 ends the session
 * for sync, never the work); a burst of saves becomes one sync; an exported file is applied
 * once through the server and is read as words.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { fakeApi, memoryStorage, type FakeApi } from '../../tests/support/fake-api';
import type { SyncOutcome, SyncRunnerOptions } from '../sync/sync-runner';
import { EXPORT_FORMAT } from '../../shared/sync/export-file';

const order: string[] = [];
let runnerOptions: SyncRunnerOptions | null = null;
const requests = vi.fn();
vi.mock('../sync/sync-runner', () => ({
  startSyncRunner: (options: SyncRunnerOptions) => {
    order.push('runner');
    runnerOptions = options;
    return { request: requests, stop: () => undefined };
  },
}));
vi.mock('../db/typing-journal', () => ({ foldTypingJournal: async () => void order.push('journal') }));
vi.mock('../pwa/storage-status', () => ({ requestPersistence: async () => true }));

const { readSyncState, useDeviceStore } = await import('./device-store');
const { useSessionStore } = await import('./session-store');

const person = (roles: ('auditor' | 'manager')[]) => ({
  id: `p-${roles.join('-')}-${Math.random().toString(36).slice(2)}`,
  email: 'amara.auditor@demo.lantern.invalid',
  name: 'Amara Okafor',
  jobTitle: 'Practice lead',
  roles,
  teamId: 't1',
  serviceId: 's1',
  guest: null,
});

let server: FakeApi;
beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  setActivePinia(createPinia());
  server = fakeApi();
  order.length = 0;
  runnerOptions = null;
  requests.mockClear();
});
afterEach(() => {
  server.done();
  vi.useRealTimers();
});

/** A device store for someone signed in with these roles. */
function deviceOf(roles: ('auditor' | 'manager')[], needsSignIn = false) {
  const session = useSessionStore();
  session.person = person(roles);
  session.needsSignIn = needsSignIn;
  return useDeviceStore();
}

const outcome = (o: SyncOutcome) => runnerOptions?.onOutcome(o);

describe('device store', () => {
  it('folds the typing journal first, then starts syncing, for an auditor', async () => {
    const device = deviceOf(['auditor']);
    await device.start();
    await device.start(); // a second start does not start a second runner
    expect(order).toEqual(['journal', 'runner']);
    expect(requests).toHaveBeenCalledTimes(1);
  });

  it('starts syncing only once the server has spoken of the session the app opened without', async () => {
    const session = useSessionStore();
    session.person = person(['auditor']);
    localStorage.setItem('lantern.person', JSON.stringify(session.person));
    server.refuse('GET /api/auth/session', 401, 'unauthenticated', 'Sign in again.');
    server.stall(); // the line connects but does not answer
    await session.restore();
    const device = useDeviceStore();
    const started = device.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual(['journal']);
    server.release(); // the answer: this session has ended
    await started;
    expect(order).toEqual(['journal', 'runner']);
    expect(requests).not.toHaveBeenCalled();
    expect(device.status).toBe('signed-out');
  });

  it('never syncs for someone who does not audit', async () => {
    const device = deviceOf(['manager']);
    await device.start();
    expect(order).toEqual(['journal']);
  });

  it('waits for a new sign-in instead of syncing when the session has ended', async () => {
    const device = deviceOf(['auditor'], true);
    await device.start();
    expect(requests).not.toHaveBeenCalled();
    expect(device.status).toBe('signed-out');
  });

  it('shows each outcome: synced, offline, failed with its words, and signed out ending the session', async () => {
    const device = deviceOf(['auditor']);
    await device.start();
    outcome({ kind: 'failed', message: 'The server failed.' });
    expect([device.status, device.lastError]).toEqual(['failed', 'The server failed.']);
    outcome({
      kind: 'synced',
      push: { sent: 1, applied: 1, conflicts: 0, rejected: 0 },
      at: '2026-12-01T10:00:00Z',
    });
    expect([device.status, device.lastError]).toEqual(['idle', null]);
    outcome({ kind: 'offline' });
    expect(device.status).toBe('offline');
    outcome({ kind: 'signed-out' });
    expect([device.status, useSessionStore().needsSignIn, useSessionStore().person?.roles]).toEqual([
      'signed-out',
      true,
      ['auditor'],
    ]);
  });

  it('turns a burst of saves into one sync two seconds after the last', async () => {
    const device = deviceOf(['auditor']);
    await device.start(); // on the real clock: the device database's own work needs it
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    requests.mockClear();
    for (let i = 0; i < 5; i++) {
      device.requestSoonSync();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(requests).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(requests).toHaveBeenCalledTimes(1);
  });

  it('says so in words when a file is not a Lantern export, without sending it', async () => {
    const device = deviceOf(['auditor']);
    expect(await device.importFile('{ not json')).toBe(
      'This file is not a Lantern export: it could not be read.',
    );
    expect(server.calls).toEqual([]);
  });

  it('passes the server’s refusal of an export on', async () => {
    server.refuse(
      'POST /api/sync/import',
      400,
      'validation_failed',
      'This file was exported by another person.',
    );
    const device = deviceOf(['auditor']);
    const file = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: '2026-12-01T10:00:00Z',
      personId: 'p-ben',
      deviceId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      mutations: [],
    };
    await expect(device.importFile(JSON.stringify(file))).rejects.toMatchObject({
      message: 'This file was exported by another person.',
    });
  });

  it('claims nothing about what waits to sync until it has read the device, and a decision can read it afresh', async () => {
    const device = deviceOf(['auditor']);
    // A page just opened: the live list has not been read, so it is unknown, not "nothing waits".
    expect([device.syncKnown, device.unsyncedCount]).toEqual([false, 0]);
    const db = device.db!;
    await db.outbox.put({
      mutationId: 'm1',
      auditId: 'a1',
      createdAt: Date.now(),
      state: 'queued',
      baseRev: null,
      snapshot: {
        id: 'a1',
        caseId: 'c1',
        frameworkKey: 'lantern-default',
        frameworkVersion: 1,
        status: 'draft',
        answers: {},
        completedAt: null,
      },
    });
    // Read now, before the live copy has caught up: the decision never acts on a stale list.
    expect((await readSyncState(db)).waitingAuditIds).toEqual(['a1']);
    await vi.waitFor(() => expect([device.syncKnown, device.waitingAuditIds]).toEqual([true, ['a1']]));
    await db.outbox.clear();
    expect((await readSyncState(db)).waitingAuditIds).toEqual([]);
    await vi.waitFor(() => expect(device.unsyncedCount).toBe(0));
  });
});
