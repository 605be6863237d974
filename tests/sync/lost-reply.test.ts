/**
 * The server commits but the reply is lost. The device's REAL sync code
 * (client/db + client/sync, on fake-indexeddb) retries; nothing is duplicated on the server,
 * and an outbox entry leaves the device only once the server has acknowledged it.
 *
 * Why it matters: a practice-week tablet on a flaky connection loses replies all the time. If
 * a retry were applied again the history would double; if the entry were dropped without an
 * answer the words in it would be lost. The network here is simulated (sync-device.ts), the
 * server is the real app in-process on each engine.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import type { Client } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { AUDITOR_A, draftFor, mutation, pushBody } from '../support/sync-fixtures';
import {
  addAllocations,
  personIdOf,
  serverAudit,
  duplicatedRevisions,
  type AllocationRef,
} from '../support/sync-world';
import {
  inProcessServer,
  isNetworkFailure,
  SimDevice,
  SimulatedNetwork,
  type Delivery,
  type Session,
} from '../support/sync-device';
import type { Answer } from '../../shared/framework/answer-schema';
import { eventually } from '../support/sync-eventually';

const text = (value: string): Answer => ({ kind: 'text', value });
const NOW = Date.parse('2026-10-15T12:00:00Z');

describe.each(ENGINES)('a lost reply on $engine', (engine) => {
  const t = useTestApp(engine);
  let web: Client;
  let personId: string;
  let network: SimulatedNetwork;
  let session: Session;
  let allocations: AllocationRef[];
  let next = 0;
  const devices: SimDevice[] = [];

  beforeAll(async () => {
    web = await t.as(AUDITOR_A);
    personId = await personIdOf(t.db, AUDITOR_A);
    allocations = await addAllocations(t.db, personId, 16);
    network = new SimulatedNetwork(inProcessServer(t.app));
    network.install();
    session = { cookie: web.cookie, csrfToken: web.csrfToken };
  });
  afterAll(async () => {
    for (const device of devices) await device.close();
  });

  const newDevice = (): SimDevice => {
    const device = new SimDevice(
      `d${devices.length}`,
      personId,
      randomUUID(),
      session,
      network,
      `lost-reply-${randomUUID()}`,
    );
    devices.push(device);
    return device;
  };
  const nextAllocation = (): AllocationRef => {
    const allocation = allocations[next++];
    if (!allocation) throw new Error('add more allocations');
    return allocation;
  };
  /** The next requests' fates, in order; then 'deliver'. */
  const script = (...fates: Delivery[]): void => {
    const queue = [...fates];
    network.plan = () => queue.shift() ?? 'deliver';
  };
  const pushExpectingNetworkFailure = async (device: SimDevice): Promise<void> => {
    const error = await device.push().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isNetworkFailure(error)).toBe(true);
  };
  const outboxOf = (device: SimDevice) => device.db.outbox.orderBy('createdAt').toArray();

  it.each<{ name: string; fates: Delivery[]; revBeforeRetry: number }>([
    { name: 'the reply is lost after the server applied it', fates: ['drop-reply'], revBeforeRetry: 1 },
    { name: 'the request is lost before the server saw it', fates: ['drop-request'], revBeforeRetry: 0 },
    { name: 'the reply is lost twice in a row', fates: ['drop-reply', 'drop-reply'], revBeforeRetry: 1 },
    { name: 'the request arrives twice', fates: ['duplicate'], revBeforeRetry: 1 },
  ])('$name: answered once, and the entry clears only on an answer', async ({ fates, revBeforeRetry }) => {
    const device = newDevice();
    const allocation = nextAllocation();
    await device.edit(allocation, 'plan.evidence', text('first words'), NOW);
    const [first] = await outboxOf(device);
    expect(first).toMatchObject({ state: 'queued', auditId: allocation.id });

    script(...fates);
    let acknowledged = false;
    for (const fate of fates) {
      if (fate === 'drop-reply' || fate === 'drop-request') {
        await pushExpectingNetworkFailure(device);
        // Not acknowledged: the entry stays, frozen as sent, so a retry is the very same mutation.
        expect(await outboxOf(device)).toEqual([
          expect.objectContaining({ mutationId: first?.mutationId, state: 'sent', baseRev: 0 }),
        ]);
      } else {
        await device.push();
        acknowledged = true;
        expect(await outboxOf(device)).toEqual([]);
      }
    }
    expect((await serverAudit(t.db, allocation.id))?.rev ?? 0).toBe(revBeforeRetry);

    // The person keeps typing meanwhile: a new entry, never folded into the frozen one.
    await device.edit(allocation, 'impact.evidence', text('more words'), NOW + 1_000);
    expect((await outboxOf(device)).map((e) => e.state)).toEqual(
      acknowledged ? ['queued'] : ['sent', 'queued'],
    );

    await device.push();
    expect(await outboxOf(device)).toEqual([]);
    const server = await serverAudit(t.db, allocation.id);
    expect(server?.revisions.map((r) => r.rev)).toEqual([1, 2]);
    expect(server?.revisions[0]?.mutation_id).toBe(first?.mutationId);
    expect(server?.answers).toEqual({
      'plan.evidence': text('first words'),
      'impact.evidence': text('more words'),
    });
    expect(server?.mutations.map((m) => m.outcome)).toEqual(['applied', 'applied']);
    const local = await device.db.audits.get(allocation.id);
    expect(local).toMatchObject({ rev: 2, queuedMutationId: null, rejection: null });
    expect(local?.snapshot.answers).toEqual(server?.answers);
  });

  it('a lost reply to a conflict: the retry gets the same conflict, the merge is sent once', async () => {
    const device = newDevice();
    const allocation = nextAllocation();
    // The device has rev 1; another device then makes rev 2.
    await web.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [mutation(draftFor(allocation, { 'plan.evidence': text('base') }), 0)]),
    });
    await eventually(
      () => device.pull(),
      async () => (await device.db.audits.get(allocation.id))?.rev === 1,
    );
    await web.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [
        mutation(
          draftFor(allocation, { 'plan.evidence': text('base'), 'impact.evidence': text('theirs') }),
          1,
        ),
      ]),
    });
    await device.edit(allocation, 'recording.evidence', text('mine'), NOW);
    const [sent] = await outboxOf(device);

    script('drop-reply');
    await pushExpectingNetworkFailure(device);
    expect((await serverAudit(t.db, allocation.id))?.mutations).toContainEqual({
      mutation_id: sent?.mutationId,
      outcome: 'conflict',
    });
    expect((await outboxOf(device)).map((e) => e.mutationId)).toEqual([sent?.mutationId]);

    await device.push();
    expect(await outboxOf(device)).toEqual([]);
    const server = await serverAudit(t.db, allocation.id);
    expect(server?.revisions.map((r) => r.rev)).toEqual([1, 2, 3]);
    expect(server?.answers).toEqual({
      'plan.evidence': text('base'),
      'impact.evidence': text('theirs'),
      'recording.evidence': text('mine'),
    });
    expect(await device.db.conflicts.count()).toBe(0);
  });

  it('a lost reply to a push of several audits: every one lands once', async () => {
    const device = newDevice();
    const three = [nextAllocation(), nextAllocation(), nextAllocation()];
    for (const [i, allocation] of three.entries())
      await device.edit(allocation, 'overall.strengths', text(`audit ${i}`), NOW + i);
    script('drop-reply');
    await pushExpectingNetworkFailure(device);
    expect(await device.db.outbox.count()).toBe(3);
    await device.push();
    expect(await device.db.outbox.count()).toBe(0);
    for (const allocation of three) {
      const server = await serverAudit(t.db, allocation.id);
      expect(server?.revisions.map((r) => r.rev)).toEqual([1]);
      expect((await device.db.audits.get(allocation.id))?.rev).toBe(1);
    }
  });

  it('a pull brings the applied revision before the retry: the device ends in step, with nothing to send', async () => {
    const device = newDevice();
    const allocation = nextAllocation();
    await device.edit(allocation, 'assessment.evidence', text('only once'), NOW);
    script('drop-reply');
    await pushExpectingNetworkFailure(device);
    await eventually(
      () => device.pull(),
      async () => (await device.db.audits.get(allocation.id))?.rev === 1,
    );
    expect((await device.db.audits.get(allocation.id))?.rev).toBe(1);
    expect(await device.db.outbox.count()).toBe(1); // still unacknowledged
    await device.push();
    expect(await device.db.outbox.count()).toBe(0);
    const server = await serverAudit(t.db, allocation.id);
    expect(server?.revisions.map((r) => r.rev)).toEqual([1]);
    const local = await device.db.audits.get(allocation.id);
    expect(local).toMatchObject({ rev: 1, queuedMutationId: null });
    expect(local?.snapshot.answers).toEqual(server?.answers);
  });

  it('never applies any mutation twice', async () => {
    expect(await duplicatedRevisions(t.db)).toEqual([]);
  });
});
