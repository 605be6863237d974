/**
 * Push and pull in-process on each engine: create, update, idempotent retries, conflicts,
 * rejections that never block the batch, history, access, and paged pulls with checkpoints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  allocationsOf,
  AUDITOR_A,
  AUDITOR_B,
  draftFor,
  mutation,
  pushBody,
} from '../../tests/support/sync-fixtures';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol';
import { eventually } from '../../tests/support/sync-eventually';
import { pushInProcess } from '../../tests/support/push-in-process';

describe.each(ENGINES)('sync on $engine', (engine) => {
  const t = useTestApp(engine);
  let a: Client;
  let b: Client;
  let allocations: { id: string; case_id: string }[];
  const device = randomUUID();
  beforeAll(async () => {
    a = await t.as(AUDITOR_A);
    b = await t.as(AUDITOR_B);
    allocations = await allocationsOf(t.db, AUDITOR_A);
  });

  const push = (client: Client, mutations: unknown[], deviceId = device): Promise<PushResponse> =>
    pushInProcess(client, deviceId, mutations);
  const pullAll = async (client: Client, checkpoint?: string, limit = 200): Promise<PullResponse> => {
    const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint } : {}) });
    const response = await client.request(`/api/sync/pull?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as PullResponse;
  };

  it('creates an audit from an allocation, then updates it from the new rev, keeping every revision', async () => {
    const alloc = allocations[0]!;
    const first = await push(a, [
      mutation(draftFor(alloc, { 'plan.smart': { kind: 'question', value: 'yes' } }), 0),
    ]);
    expect(first.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    const second = await push(a, [
      mutation(draftFor(alloc, { 'plan.smart': { kind: 'question', value: 'no' } }), 1),
    ]);
    expect(second.results[0]).toMatchObject({
      status: 'applied',
      rev: 2,
      doc: { answers: { 'plan.smart': { value: 'no' } } },
    });
    const revisions = await t.db.query(
      'SELECT rev, changed_by, device_id FROM audit_revisions WHERE audit_id = $1 ORDER BY rev',
      [alloc.id],
    );
    expect(revisions.map((r) => r.rev)).toEqual([1, 2]);
    expect(revisions[1]?.device_id).toBe(device);
    const logged = await t.db.query(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND entity_type = 'audit' ORDER BY id",
      [alloc.id],
    );
    expect(logged.map((r) => r.action)).toEqual(['audit.create', 'audit.update']);
    // The edit's document is worked out without reading the row back: it must be the row.
    const pulled = await eventually(
      () => pullAll(a),
      (page) => page.audits.some((d) => d.id === alloc.id && d.rev === 2),
    );
    expect(pulled.audits.find((d) => d.id === alloc.id)).toEqual(
      second.results[0]?.status === 'applied' ? second.results[0].doc : null,
    );
  });

  it('takes a push sent with gzip as the same push, and refuses one that cannot be unpacked or unpacks too large', async () => {
    const alloc = allocations.at(-1)!; // an allocation no other test here uses
    const note = 'Seen at home with her brother; the plan was read to her in her own words. '.repeat(60);
    const body = pushBody(device, [
      mutation(draftFor(alloc, { 'lived-experience.evidence': { kind: 'text', value: note } }), 0),
    ]);
    const sendGzip = (bytes: Uint8Array, encoding = 'gzip') =>
      a.request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: new Blob([new Uint8Array(bytes)]),
      });
    const packed = gzipSync(JSON.stringify(body));
    expect(packed.length * 5).toBeLessThan(JSON.stringify(body).length);
    const sent = await sendGzip(packed);
    expect(sent.status).toBe(200);
    const result = ((await sent.json()) as PushResponse).results[0];
    expect(result).toMatchObject({
      status: 'applied',
      rev: 1,
      doc: { answers: { 'lived-experience.evidence': { value: note } } },
    });

    const revisions = async () =>
      (await t.db.query('SELECT count(*)::int AS n FROM audit_revisions WHERE audit_id = $1', [alloc.id]))[0]
        ?.n as number;
    // A small body that unpacks past the 1 MB limit: refused before any of it is read as JSON.
    const bomb = gzipSync(
      JSON.stringify(
        pushBody(device, [
          mutation(
            draftFor(alloc, { 'lived-experience.evidence': { kind: 'text', value: 'x'.repeat(1_100_000) } }),
            1,
          ),
        ]),
      ),
    );
    expect(bomb.length).toBeLessThan(10_000);
    const tooLarge = await sendGzip(bomb);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({
      code: 'payload_too_large',
      message: 'The request is larger than 1 MB once unpacked.',
    });
    const notGzip = await sendGzip(new TextEncoder().encode(JSON.stringify(body)));
    expect(notGzip.status).toBe(400);
    expect(await notGzip.json()).toMatchObject({ code: 'bad_request', fields: [{ path: '(body)' }] });
    const brotli = await sendGzip(packed, 'br');
    expect(brotli.status).toBe(400);
    expect(((await brotli.json()) as { message: string }).message).toContain('not "br"');
    expect(await revisions()).toBe(1);
  });

  it('answers the same mutationId with the first answer and writes nothing more', async () => {
    const alloc = allocations[1]!;
    const m = mutation(draftFor(alloc, { 'impact.improving': { kind: 'question', value: 'partly' } }), 0);
    const once = await push(a, [m]);
    const again = await push(a, [m, m]);
    expect(again.results).toEqual([once.results[0], once.results[0]]);
    const [row] = await t.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM audit_revisions WHERE audit_id = $1',
      [alloc.id],
    );
    expect(row?.n).toBe(1);
  });

  it('returns a conflict with the server version for a stale baseRev, and keeps the refused snapshot', async () => {
    const alloc = allocations[2]!;
    await push(a, [mutation(draftFor(alloc, { 'plan.smart': { kind: 'question', value: 'yes' } }), 0)]);
    await push(
      a,
      [mutation(draftFor(alloc, { 'plan.smart': { kind: 'question', value: 'partly' } }), 1)],
      randomUUID(),
    );
    const stale = mutation(draftFor(alloc, { 'plan.smart': { kind: 'question', value: 'no' } }), 1);
    const result = await push(a, [stale]);
    expect(result.results[0]).toMatchObject({
      status: 'conflict',
      server: { rev: 2, answers: { 'plan.smart': { value: 'partly' } } },
    });
    const [kept] = await t.db.query<{ snapshot: { answers: unknown } }>(
      'SELECT snapshot FROM sync_mutations WHERE mutation_id = $1',
      [stale.mutationId],
    );
    expect(kept?.snapshot.answers).toEqual({ 'plan.smart': { kind: 'question', value: 'no' } });
  });

  it('rejects what can never apply without blocking the rest of the batch', async () => {
    const good = mutation(draftFor(allocations[3]!), 0);
    const results = await push(a, [
      { mutationId: randomUUID(), type: 'audit.put', baseRev: 0, snapshot: { id: 'not-a-uuid' } },
      mutation(draftFor(allocations[4]!, { 'no.such-item': { kind: 'question', value: 'yes' } }), 0),
      mutation(draftFor({ id: randomUUID(), case_id: randomUUID() }), 0),
      mutation({ ...draftFor(allocations[5]!), status: 'submitted', completedAt: '2026-11-24T10:00:00Z' }, 0),
      good,
    ]);
    expect(results.results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
    ]);
    const [, unknownItem, notAllocated, incomplete] = results.results;
    expect(unknownItem).toMatchObject({ problems: [{ itemKey: 'no.such-item' }] });
    expect(notAllocated).toMatchObject({ reason: 'This case is not allocated to you for audit.' });
    expect(incomplete).toMatchObject({ reason: 'The audit cannot be submitted yet.' });
    expect(
      incomplete?.status === 'rejected' && incomplete.problems.some((p) => p.itemKey === 'overall.grade'),
    ).toBe(true);
  });

  it("refuses another auditor's audit without showing it", async () => {
    const alloc = allocations[0]!;
    const result = await push(b, [mutation(draftFor(alloc), 2)]);
    expect(result.results[0]).toEqual({
      mutationId: expect.any(String),
      status: 'rejected',
      reason: 'This audit belongs to another auditor.',
      problems: [],
    });
    const pulled = await pullAll(b);
    expect(pulled.audits.map((d) => d.id)).not.toContain(alloc.id);
  });

  it('pulls allocations and own audits in pages, and nothing new after the last checkpoint', async () => {
    let checkpoint: string | undefined;
    const seenAudits = new Set<string>();
    const seenAllocations = new Set<string>();
    const [own] = await t.db.query<{ n: number }>(
      // Their own audits and those they audit jointly with someone else (docs/JOINT-AUDITS.md).
      `SELECT count(*)::int AS n FROM audits a, people p WHERE p.email = $1
         AND (a.auditor_id = p.id OR EXISTS (SELECT 1 FROM allocations j
                                             WHERE j.audit_id = a.id AND j.auditor_id = p.id AND j.active))`,
      [AUDITOR_A],
    );
    // Page on until caught up: on PostgreSQL, a transaction anywhere on the cluster (another
    // test file migrating in parallel) holds recent rows back a while — delayed, never skipped.
    const nextPage = async (): Promise<PullResponse> => {
      const response = await pullAll(a, checkpoint, 25);
      response.audits.forEach((d) => seenAudits.add(d.id));
      response.allocations.forEach((d) => seenAllocations.add(d.id));
      checkpoint = response.checkpoint;
      return response;
    };
    await eventually(nextPage, (r) => !r.hasMore && seenAudits.size === own?.n);
    expect(seenAudits.size).toBe(own?.n);
    // Every allocation of theirs, withdrawn ones too: a device drops what was withdrawn.
    const [allOfTheirs] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM allocations al JOIN people p ON p.id = al.auditor_id WHERE p.email = $1',
      [AUDITOR_A],
    );
    expect(seenAllocations.size).toBe(allOfTheirs?.n);
    const after = await pullAll(a, checkpoint);
    expect(after.audits).toEqual([]);
    expect(after.allocations).toEqual([]);
    await push(a, [
      mutation(draftFor(allocations[3]!, { 'plan.smart': { kind: 'question', value: 'yes' } }), 1),
    ]);
    const changed = await eventually(
      () => pullAll(a, checkpoint),
      (r) => r.audits.length > 0,
    );
    expect(changed.audits.map((d) => d.id)).toEqual([allocations[3]!.id]);
  });

  it("says on every page how many cases are allocated to the person, for a first download's progress", async () => {
    const [active] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM allocations al JOIN people p ON p.id = al.auditor_id WHERE p.email = $1 AND al.active',
      [AUDITOR_A],
    );
    expect(active?.n).toBeGreaterThan(2);
    // On PostgreSQL a transaction elsewhere on the cluster may hold the newest rows back a while.
    const first = await eventually(
      () => pullAll(a, undefined, 2),
      (r) => r.allocationsTotal === active?.n,
    );
    expect(first.hasMore).toBe(true);
    const second = await pullAll(a, first.checkpoint, 2);
    expect(second.allocationsTotal).toBe(active?.n);
  });

  it('starts afresh when the checkpoint belongs to another server epoch', async () => {
    const first = await pullAll(a);
    await t.db.query('UPDATE server_epoch SET epoch = gen_random_uuid()');
    const after = await pullAll(a, first.checkpoint);
    expect(after.reset).toBe(true);
    expect(after.allocations.length).toBeGreaterThan(0);
  });

  it('refuses sync to people who are not auditors, and to nobody signed in', async () => {
    const manager = await t.as('farah.manager@demo.lantern.invalid');
    expect((await manager.request('/api/sync/pull')).status).toBe(403);
    expect((await t.request('/api/sync/pull')).status).toBe(401);
  });
});

describe.each(ENGINES)('importing an exported file on $engine', (engine) => {
  const t = useTestApp(engine);

  it('applies the file once, however often it is imported, and refuses another person', async () => {
    const a = await t.as(AUDITOR_A);
    const [me] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [AUDITOR_A]);
    const allocation = (await allocationsOf(t.db, AUDITOR_A))[0]!;
    const file = {
      format: 'lantern-audit-export',
      version: 1,
      exportedAt: '2026-11-24T10:00:00Z',
      personId: me?.id,
      deviceId: randomUUID(),
      mutations: [mutation(draftFor(allocation, { 'plan.smart': { kind: 'question', value: 'yes' } }), 0)],
    };
    const first = (await (
      await a.request('/api/sync/import', { method: 'POST', json: file })
    ).json()) as PushResponse;
    const again = (await (
      await a.request('/api/sync/import', { method: 'POST', json: file })
    ).json()) as PushResponse;
    expect(first.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    expect(again.results).toEqual(first.results);
    const b = await t.as(AUDITOR_B);
    const refused = await b.request('/api/sync/import', { method: 'POST', json: file });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/another person's audits/);
    const notAFile = await a.request('/api/sync/import', {
      method: 'POST',
      json: { format: 'something-else' },
    });
    expect(notAFile.status).toBe(400);
  });
});

describe.each(ENGINES)('an audit revision history on $engine', (engine) => {
  const t = useTestApp(engine);

  it('lists each revision with who, when, which device and what changed, to the auditor only, and logs the view', async () => {
    const a = await t.as(AUDITOR_A);
    const allocation = (await allocationsOf(t.db, AUDITOR_A))[0]!;
    const device = randomUUID();
    const push = (mutations: unknown[]) =>
      a.request('/api/sync/push', { method: 'POST', json: pushBody(device, mutations) });
    await push([mutation(draftFor(allocation, { 'plan.smart': { kind: 'question', value: 'yes' } }), 0)]);
    await push([
      mutation(
        draftFor(allocation, {
          'plan.smart': { kind: 'question', value: 'no' },
          'plan.contingency': { kind: 'question', value: 'yes' },
        }),
        1,
      ),
    ]);
    const response = await a.request(`/api/audits/${allocation.id}/history`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      revisions: { rev: number; changedBy: string; deviceId: string; changedItems: string[] }[];
    };
    expect(body.revisions.map((r) => r.rev)).toEqual([2, 1]);
    expect(body.revisions[0]).toMatchObject({
      changedBy: 'Amara Osei (demo)',
      deviceId: device,
      changedItems: ['plan.contingency', 'plan.smart'],
    });
    const logged = await t.db.query(
      "SELECT id FROM audit_log WHERE action = 'audit.history.view' AND entity_id = $1",
      [allocation.id],
    );
    expect(logged).toHaveLength(1);
    const b = await t.as(AUDITOR_B);
    expect((await b.request(`/api/audits/${allocation.id}/history`)).status).toBe(403);
  });
});
