/**
 * Named races between a device's unacknowledged push and what it pulls meanwhile, each a
 * schedule the simulation (sync-simulation.test.ts) can reach by chance, pinned here so it is
 * run every time. The REAL client sync code on fake-indexeddb against the real app, PGlite.
 *
 * The shape of each: device A's push reaches the server but A does not hear back; device B
 * (the same auditor, another tablet) builds on A's revision; A pulls B's revision before its
 * retry is answered, so the retry's answer is older than what A already holds. A must end
 * exactly where the server is — neither showing words the server no longer has nor going back
 * to an older revision — and nothing B or A typed may be lost.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import { createTestApp, type TestApp } from '../support/test-app';
import { addAllocations, addAuditor, serverAudit, type AllocationRef } from '../support/sync-world';
import {
  inProcessServer,
  isNetworkFailure,
  type SimDevice,
  SimulatedNetwork,
  tabletsOf,
  type Delivery,
} from '../support/sync-device';
import type { Answer } from '../../shared/framework/answer-schema';

const text = (value: string): Answer => ({ kind: 'text', value });
const NOW = Date.parse('2026-10-15T12:00:00Z');
const ITEM = 'plan.evidence';
const OTHER = 'impact.evidence';
const [engine] = ENGINES;

describe.runIf(engine)('a retry answered after a newer pull', () => {
  let t: TestApp;
  let personId: string;
  let network: SimulatedNetwork;
  let allocations: AllocationRef[];
  let email: string;
  /** Devices A and B: their own databases each time, their tablets' sessions kept. */
  let device: (name: string) => Promise<SimDevice>;

  beforeAll(async () => {
    if (!engine) return;
    t = await createTestApp(engine);
    email = `races-${randomUUID().slice(0, 8)}@test.lantern.invalid`;
    personId = await addAuditor(t.db, email);
    allocations = await addAllocations(t.db, personId, 6);
    network = new SimulatedNetwork(inProcessServer(t.app));
    network.install();
    device = tabletsOf(() => t.as(email), personId, network, 'races');
  });
  afterAll(async () => {
    await t?.close();
  });

  const once = (fate: Delivery): void => {
    let used = false;
    network.plan = () => (used ? 'deliver' : ((used = true), fate));
  };
  const failingPush = async (d: SimDevice): Promise<void> => {
    const error = await d.push().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isNetworkFailure(error)).toBe(true);
  };

  /** Both devices hold rev 1; A's change reaches the server as rev 2 but A never hears back. */
  async function setUp(allocation: AllocationRef, fate: Delivery = 'drop-reply') {
    const a = await device('A');
    const b = await device('B');
    await a.edit(allocation, ITEM, text('one'), NOW);
    await a.push();
    await b.pull();
    await a.edit(allocation, ITEM, text('two'), NOW + 1);
    once(fate);
    await failingPush(a);
    return { a, b };
  }

  async function expectInStep(devices: SimDevice[], allocation: AllocationRef): Promise<void> {
    const server = await serverAudit(t.db, allocation.id);
    for (const d of devices) {
      await d.sync();
      await d.sync();
      const local = await d.db.audits.get(allocation.id);
      expect(await d.db.outbox.count(), `${d.name} has nothing left to send`).toBe(0);
      expect(
        { rev: local?.rev, answers: local?.snapshot.answers },
        `${d.name} is where the server is`,
      ).toEqual({
        rev: (await serverAudit(t.db, allocation.id))?.rev,
        answers: (await serverAudit(t.db, allocation.id))?.answers,
      });
    }
    expect(server?.revisions.map((r) => r.rev)).toEqual(
      Array.from({ length: server?.rev ?? 0 }, (_, i) => i + 1),
    );
  }

  it("B types the old words back over A's: A must not keep showing its own", async () => {
    const allocation = allocations[0]!;
    const { a, b } = await setUp(allocation);
    await b.pull(); // B sees 'two' (rev 2)…
    await b.edit(allocation, ITEM, text('one'), NOW + 2); // …and types 'one' over it (rev 3)
    await b.push();
    await a.pull(); // A gets rev 3 while its rev-2 push is still unacknowledged
    await a.push(); // the retry is answered "applied, rev 2": older than what A holds
    expect((await a.db.audits.get(allocation.id))?.rev).toBe(3);
    await expectInStep([a, b], allocation);
    expect((await serverAudit(t.db, allocation.id))?.answers).toEqual({ [ITEM]: text('one') });
  });

  it("B adds another answer on top of A's: A keeps both and sends nothing stale", async () => {
    const allocation = allocations[1]!;
    const { a, b } = await setUp(allocation);
    await b.pull();
    await b.edit(allocation, OTHER, text('from B'), NOW + 2);
    await b.push();
    await a.pull();
    await a.push();
    await expectInStep([a, b], allocation);
    expect((await serverAudit(t.db, allocation.id))?.answers).toEqual({
      [ITEM]: text('two'),
      [OTHER]: text('from B'),
    });
  });

  it('A types again before the retry: its new words reach the server once', async () => {
    const allocation = allocations[2]!;
    const { a, b } = await setUp(allocation);
    await b.pull();
    await b.edit(allocation, OTHER, text('from B'), NOW + 2);
    await b.push();
    await a.pull();
    await a.edit(allocation, ITEM, text('three'), NOW + 3);
    await a.push();
    await expectInStep([a, b], allocation);
    expect((await serverAudit(t.db, allocation.id))?.answers).toEqual({
      [ITEM]: text('three'),
      [OTHER]: text('from B'),
    });
  });

  it('the lost push was a conflict: the replayed conflict is older than what A holds', async () => {
    const allocation = allocations[3]!;
    const a = await device('A');
    const b = await device('B');
    await a.edit(allocation, ITEM, text('one'), NOW);
    await a.push();
    await b.pull();
    await b.edit(allocation, OTHER, text('from B'), NOW + 1);
    await b.push(); // rev 2
    await a.edit(allocation, ITEM, text('two'), NOW + 2);
    once('drop-reply');
    await failingPush(a); // conflict (server rev 2), answer lost
    await b.edit(allocation, OTHER, text('from B again'), NOW + 3);
    await b.push(); // rev 3
    await a.pull(); // A merges rev 3
    expect((await a.db.audits.get(allocation.id))?.rev).toBe(3);
    // The replayed conflict names rev 2: A's rev must not go back, even between its requests.
    const revs: (number | undefined)[] = [];
    network.onRequest = async () => {
      revs.push((await a.db.audits.get(allocation.id))?.rev);
    };
    try {
      await a.push();
    } finally {
      network.onRequest = null;
    }
    revs.push((await a.db.audits.get(allocation.id))?.rev);
    expect(revs.every((rev) => (rev ?? 0) >= 3)).toBe(true);
    await expectInStep([a, b], allocation);
    expect((await serverAudit(t.db, allocation.id))?.answers).toEqual({
      [ITEM]: text('two'),
      [OTHER]: text('from B again'),
    });
  });

  it('a second conflict on an item still unresolved keeps the new words as well as the first', async () => {
    // Found by the simulation: the first conflict's record used to keep its words and drop the new ones.
    const allocation = allocations[4]!;
    const a = await device('A');
    const b = await device('B');
    await a.edit(allocation, ITEM, text('A first'), NOW);
    await a.push(); // rev 1
    await b.edit(allocation, ITEM, text('B first'), NOW + 1);
    await b.push(); // conflict: B keeps 'B first' in a record and shows 'A first'
    await a.edit(allocation, ITEM, text('A second'), NOW + 2);
    await a.push(); // rev 2
    await b.edit(allocation, ITEM, text('B second'), NOW + 3); // typed over the 'A first' it was shown
    await b.sync(); // conflicts again, on the same item
    const kept = (await b.db.conflicts.toArray()).map((c) => c.mine);
    expect(kept).toEqual(expect.arrayContaining([text('B first'), text('B second')]));
    await expectInStep([a, b], allocation);
    expect((await serverAudit(t.db, allocation.id))?.answers).toEqual({ [ITEM]: text('A second') });
  });
});
