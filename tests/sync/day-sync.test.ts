/**
 * A day's sync sends each audit once: the REAL client sync code on fake-indexeddb
 * against the real app. The push's answers are slim (the device already holds what it sent),
 * and the pull after the push does not bring the device's own audits back; another tablet's
 * change made between this device's push and its pull still arrives, merged with what this
 * device typed meanwhile.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import { useTestApp } from '../support/use-test-app';
import { addAllocations, addAuditor, serverAudit, type AllocationRef } from '../support/sync-world';
import { inProcessServer, SimulatedNetwork, tabletsOf, type SimDevice } from '../support/sync-device';
import { eventually, pastPullHorizon } from '../support/sync-eventually';
import type { Answer } from '../../shared/framework/answer-schema';

const text = (value: string): Answer => ({ kind: 'text', value });
const NOW = Date.parse('2026-10-15T12:00:00Z');
const ITEM = 'plan.evidence';
const OTHER = 'impact.evidence';

describe.each(ENGINES)('a day’s sync on $engine', (engine) => {
  const t = useTestApp(engine);
  let personId: string;
  let network: SimulatedNetwork;
  let allocations: AllocationRef[];
  let email: string;
  /** Every reply's body, by request path (without its query). */
  let replies: { path: string; body: string }[] = [];
  let device: (name: string) => Promise<SimDevice>;

  beforeAll(async () => {
    email = `day-${randomUUID().slice(0, 8)}@test.lantern.invalid`;
    personId = await addAuditor(t.db, email);
    allocations = await addAllocations(t.db, personId, 4);
    const server = inProcessServer(t.app);
    network = new SimulatedNetwork(async (path, init) => {
      const response = await server(path, init);
      const body = await response.clone().text();
      replies.push({ path: path.split('?')[0] ?? path, body });
      return response;
    });
    network.install();
    device = tabletsOf(() => t.as(email), personId, network, 'day');
  });

  it('sends the words up once: a slim answer, and a pull that leaves the pushed audits out', async () => {
    const a = await device('A');
    await a.pull();
    const [x, y] = [allocations[0]!, allocations[1]!];
    const words = 'She said the plan was hers now, and read it back in her own words. '.repeat(20);
    await a.edit(x, ITEM, text(words), NOW);
    await a.edit(y, ITEM, text(`${words} Seen again.`), NOW);
    replies = [];
    await a.sync();
    const push = replies.find((r) => r.path === '/api/sync/push');
    const pulls = replies.filter((r) => r.path === '/api/sync/pull');
    expect(push?.body).not.toContain('plan was hers');
    expect(pulls.length).toBeGreaterThan(0);
    for (const pull of pulls) expect(pull.body).not.toContain('plan was hers');
    // The device holds what the server holds, at the server's revision and times.
    for (const allocation of [x, y]) {
      const local = await a.db.audits.get(allocation.id);
      const server = await serverAudit(t.db, allocation.id);
      expect(local?.rev).toBe(server?.rev);
      expect(local?.base?.answers).toEqual(server?.answers);
      expect(local?.snapshot.answers).toEqual(server?.answers);
      expect(local?.base?.updatedBy).not.toBe('');
    }
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('another tablet’s change between the push and the pull still arrives, merged with words typed since', async () => {
    const allocation = allocations[2]!;
    const a = await device('A');
    const b = await device('B');
    await a.pull();
    await b.pull();
    await a.edit(allocation, ITEM, text('from A'), NOW);
    await a.push();
    // B takes A's revision and changes another answer before A pulls; A types meanwhile.
    await eventually(
      async () => (await b.pull(), b.db.audits.get(allocation.id)),
      (audit) => audit?.rev === 1,
    );
    await b.edit(allocation, OTHER, text('from B'), NOW + 1);
    await b.push();
    await a.edit(allocation, ITEM, text('from A, typed after its push'), NOW + 2);
    const local = await eventually(
      async () => (await a.pull(), a.db.audits.get(allocation.id)),
      (audit) => audit?.rev === 2,
    );
    expect(local?.rev).toBe(2);
    expect(local?.snapshot.answers).toEqual({
      [ITEM]: text('from A, typed after its push'),
      [OTHER]: text('from B'),
    });
    await a.sync();
    // B's pull must see A's last push: on PostgreSQL, only once every older transaction on the
    // cluster (another test file's) has ended.
    await pastPullHorizon(t.db);
    await b.sync();
    const server = await serverAudit(t.db, allocation.id);
    expect(server?.answers).toEqual({
      [ITEM]: text('from A, typed after its push'),
      [OTHER]: text('from B'),
    });
    for (const d of [a, b]) {
      expect((await d.db.audits.get(allocation.id))?.snapshot.answers).toEqual(server?.answers);
      expect(await d.db.outbox.count()).toBe(0);
    }
    await a.close();
    await b.close();
  });
});
