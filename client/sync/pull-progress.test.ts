/**
 * A device's first download of its practice week: small pages, each followed by the
 * audit forms its cases need, "n of 12 cases ready" after each; a connection dropped half-way
 * keeps what was stored, and the next pull asks only for what is missing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLanternDb, type LanternDb } from '../db/lantern-db';
import { PROTOCOL_VERSION, type AllocationDocument, type PullResponse } from '../../shared/sync/protocol';
import type { AuditDocument } from '../../shared/sync/audit-document';
import { allocationDocument } from '../../tests/support/allocation-document';
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';

const framework = defaultFrameworkV1();
const CASES: AllocationDocument[] = Array.from({ length: 12 }, (_, i) =>
  allocationDocument({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    caseId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    caseReference: `NM-${String(i + 1).padStart(6, '0')}`,
    teamId: '20000000-0000-4000-8000-000000000000',
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    roundName: 'Practice week',
  }),
);

/** The person's earlier audits, which a first download brings after the cases. */
const historyOf = (count: number): AuditDocument[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `30000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    caseId: `40000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    status: 'submitted',
    answers: {},
    completedAt: '2026-06-01T10:00:00.000Z',
    rev: 2,
    auditorId: 'person',
    updatedAt: '2026-06-01T10:00:00.000Z',
    updatedBy: 'person',
    returnedNote: null,
    deleted: false,
  }));

/**
 * A server of 12 allocations and `history` earlier audits, both paged by `limit` from the
 * checkpoint (the next index); it can drop the line.
 */
const server = { requests: [] as string[], dropAfter: Infinity, history: [] as AuditDocument[] };
vi.mock('../api/http', () => ({
  api: (path: string): Promise<unknown> => {
    server.requests.push(path);
    if (server.requests.length > server.dropAfter) return Promise.reject(new Error('network'));
    const url = new URL(path, 'http://device.invalid');
    if (url.pathname.startsWith('/api/frameworks/')) return Promise.resolve(framework);
    const from = Number(url.searchParams.get('checkpoint') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 200);
    const page: PullResponse = {
      protocol: PROTOCOL_VERSION,
      reset: false,
      audits: server.history.slice(from, from + limit),
      allocations: CASES.slice(from, from + limit),
      checkpoint: String(Math.min(Math.max(CASES.length, server.history.length), from + limit)),
      hasMore: from + limit < Math.max(CASES.length, server.history.length),
      allocationsTotal: CASES.length,
    };
    return Promise.resolve(page);
  },
}));
const { pullChanges, FIRST_DOWNLOAD_PAGE } = await import('./pull-changes');

describe("a device's first download", () => {
  let db: LanternDb;
  beforeEach(async () => {
    db = createLanternDb('person', `pull-progress-${crypto.randomUUID()}`);
    await db.open();
    server.requests.length = 0;
    server.dropAfter = Infinity;
    server.history = [];
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('comes in small pages and says after each how many cases are ready', async () => {
    const progress: string[] = [];
    await pullChanges(db, (p) => progress.push(`${p.ready} of ${p.total}`));
    expect(FIRST_DOWNLOAD_PAGE).toBe(4);
    expect(progress).toEqual(['4 of 12', '8 of 12', '12 of 12']);
    // The form is fetched once, with the first page that needs it.
    expect(server.requests).toEqual([
      '/api/sync/pull?limit=4',
      `/api/frameworks/${framework.key}/${framework.version}`,
      '/api/sync/pull?checkpoint=4&limit=4',
      '/api/sync/pull?checkpoint=8&limit=4',
    ]);
    expect(await db.allocations.count()).toBe(12);
  });

  it('brings the person’s earlier audits in the server’s own pages once every case is in', async () => {
    server.history = historyOf(300);
    const progress: string[] = [];
    await pullChanges(db, (p) => progress.push(`${p.ready} of ${p.total}`));
    expect(progress).toEqual(['4 of 12', '8 of 12', '12 of 12', '12 of 12', '12 of 12', '12 of 12']);
    expect(server.requests).toEqual([
      '/api/sync/pull?limit=4',
      `/api/frameworks/${framework.key}/${framework.version}`,
      '/api/sync/pull?checkpoint=4&limit=4',
      '/api/sync/pull?checkpoint=8&limit=4',
      // The page at 12 brings no case: the cases are all here, and the pages grow.
      '/api/sync/pull?checkpoint=12&limit=4',
      '/api/sync/pull?checkpoint=16',
      '/api/sync/pull?checkpoint=216',
    ]);
    expect(await db.audits.count()).toBe(300);
  });

  it('resumes after the line drops half-way, asking only for what is missing', async () => {
    server.dropAfter = 2; // the first page and the form arrive, then the second page is lost
    const progress: string[] = [];
    await expect(pullChanges(db, (p) => progress.push(`${p.ready} of ${p.total}`))).rejects.toThrow(
      'network',
    );
    expect(progress).toEqual(['4 of 12']);
    expect(await db.allocations.count()).toBe(4);

    server.dropAfter = Infinity;
    server.requests.length = 0;
    await pullChanges(db, (p) => progress.push(`${p.ready} of ${p.total}`));
    expect(progress).toEqual(['4 of 12', '8 of 12', '12 of 12']);
    // From the stored checkpoint, and no second download of the form it holds.
    expect(server.requests).toEqual([
      '/api/sync/pull?checkpoint=4&limit=4',
      '/api/sync/pull?checkpoint=8&limit=4',
    ]);
    expect(await db.allocations.count()).toBe(12);
  });

  it('is quiet and in the server’s own pages once done', async () => {
    await pullChanges(db);
    server.requests.length = 0;
    const progress: unknown[] = [];
    await pullChanges(db, (p) => progress.push(p));
    expect(progress).toEqual([]);
    expect(server.requests).toEqual(['/api/sync/pull?checkpoint=12']);
  });

  it('is not a first download on a device that synced before this was made (a checkpoint, no mark)', async () => {
    await db.meta.put({ key: 'pull-checkpoint', value: '12' });
    const progress: unknown[] = [];
    await pullChanges(db, (p) => progress.push(p));
    expect(progress).toEqual([]);
    expect(server.requests[0]).toBe('/api/sync/pull?checkpoint=12');
  });
});
