/**
 * A reset pull (the server's data was replaced) clears the device's allocations and refills
 * them in one transaction: if the refill fails (or the page dies) the old allocations stand,
 * and the device is never left holding none of its cases.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLanternDb, type LanternDb } from '../db/lantern-db';
import { PROTOCOL_VERSION, type AllocationDocument, type PullResponse } from '../../shared/sync/protocol';
import { allocationDocument } from '../../tests/support/allocation-document';

const responses: PullResponse[] = [];
vi.mock('../api/http', () => ({
  api: () => {
    const next = responses.shift();
    return next ? Promise.resolve(next) : Promise.reject(new Error('No more responses'));
  },
}));
const { pullChanges } = await import('./pull-changes');

function allocation(id: string, reference: string): AllocationDocument {
  return allocationDocument({ id, caseReference: reference, frameworkKey: 'no-such-framework' });
}

/** The one page of a reset pull: the server's allocations are now those of these cases. */
function resetPage(...references: string[]): PullResponse {
  return {
    protocol: PROTOCOL_VERSION,
    reset: true,
    audits: [],
    allocations: references.map((reference) => allocation(crypto.randomUUID(), reference)),
    checkpoint: 'next',
    hasMore: false,
  };
}

describe('pull after a reset', () => {
  let db: LanternDb;
  beforeEach(async () => {
    db = createLanternDb('person', `pull-test-${crypto.randomUUID()}`);
    await db.open();
    responses.length = 0;
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('keeps the old allocations when the page that refills them fails', async () => {
    const kept = allocation(crypto.randomUUID(), 'NM-000001');
    await db.allocations.put(kept);
    // The refill's transaction fails at its last write (the checkpoint), as a page killed then would.
    db.meta.hook('creating', () => {
      throw new Error('The page went before the pull committed');
    });
    responses.push(resetPage('NM-000002'));
    await expect(pullChanges(db)).rejects.toThrow('The page went before the pull committed');
    expect((await db.allocations.toArray()).map((a) => a.caseReference)).toEqual(['NM-000001']);
  });

  it('replaces the allocations with the reset page', async () => {
    await db.allocations.put(allocation(crypto.randomUUID(), 'NM-000001'));
    responses.push(resetPage('NM-000002'));
    // The framework fetch after the pages has no server here: the pages are stored before it.
    await expect(pullChanges(db)).rejects.toThrow('No more responses');
    expect((await db.allocations.toArray()).map((a) => a.caseReference)).toEqual(['NM-000002']);
  });
});
