/**
 * The editor's verdict on an audit that is not on the device: it follows what the device holds,
 * so a case that arrives after the page opened (the first sync after a start brings it) opens
 * the form in place instead of leaving "not allocated" on screen until the next visit.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createLanternDb, frameworkId, type LanternDb } from '../db/lantern-db';
import { shallowReactive } from 'vue';
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';
import type { AllocationDocument } from '../../shared/sync/protocol';
import { allocationDocument } from '../../tests/support/allocation-document';

const device: {
  db: LanternDb | null;
  status: string;
  requestSoonSync: () => void;
  syncNow: () => void;
} = shallowReactive({
  status: 'idle',
  db: null,
  requestSoonSync: () => undefined,
  syncNow: () => undefined,
});
vi.mock('./device-store', () => ({ useDeviceStore: () => device }));
vi.mock('../pwa/service-worker-updates', () => ({ onBeforeReload: () => () => undefined }));

/** The page's localStorage (the typing journal's mirror reads it on open), in memory. */
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  get length() {
    return storage.size;
  },
  key: (i: number) => [...storage.keys()][i] ?? null,
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, String(v)),
  removeItem: (k: string) => void storage.delete(k),
  clear: () => storage.clear(),
});

const { useAuditEditorStore } = await import('./audit-editor-store');

const AUDIT_ID = '5b1f0f7e-3c1e-4d7a-9a43-0c2d6b1e9a11';
const framework = defaultFrameworkV1();

function allocation(): AllocationDocument {
  return allocationDocument({
    id: AUDIT_ID,
    caseId: '8d0c4b7e-6f55-4a0e-9b1a-2f3e4d5c6b7a',
    teamId: 'f2a1c3d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
  });
}

describe('audit editor: what the device holds decides, as it changes', () => {
  let db: LanternDb;
  beforeEach(async () => {
    setActivePinia(createPinia());
    db = createLanternDb('person', `editor-test-${crypto.randomUUID()}`);
    await db.open();
    device.db = db;
  });
  afterEach(async () => {
    useAuditEditorStore().close();
    db.close();
    await db.delete();
  });

  it('says "not allocated" while the device holds nothing of the case, and opens it once a sync brings it', async () => {
    const editor = useAuditEditorStore();
    await editor.open(AUDIT_ID);
    expect(editor.loaded).toBe(true);
    expect(editor.missing).toBe('This case is not allocated to you on this device.');

    // The pull stores the allocation (the form follows in the same sync): the audit opens.
    await db.allocations.put(allocation());
    await vi.waitFor(() =>
      expect(editor.missing).toBe(
        'The audit form for this case is not on this device yet. Connect to the network once so Lantern can download it.',
      ),
    );
    // While a sync is under way it is on its way, not something to connect for.
    device.status = 'syncing';
    expect(editor.missing).toBe(
      'The audit form for this case is still downloading. It opens here as soon as it arrives.',
    );
    device.status = 'idle';
    await db.frameworks.put({ id: frameworkId(framework.key, framework.version), framework });
    await vi.waitFor(() => expect(editor.missing).toBeNull());
    expect(editor.allocation?.caseReference).toBe('NM-000123');
    expect(editor.framework?.key).toBe(framework.key);
  });

  it('opens at once what the device already holds', async () => {
    await db.allocations.put(allocation());
    await db.frameworks.put({ id: frameworkId(framework.key, framework.version), framework });
    const editor = useAuditEditorStore();
    await editor.open(AUDIT_ID);
    expect(editor.missing).toBeNull();
    expect(editor.framework?.key).toBe(framework.key);
  });
});
