/**
 * A day's sync without sending the day's audits back twice, on each engine: a push that asks
 * for slim answers gets an applied change's revision and what the server added, not the whole
 * document, when the server stored what was pushed (and the whole document when it did not); a
 * retry gets the same answer; and the pull after the push leaves out what the device says it
 * holds, never another device's change made in between.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { eventually } from '../../tests/support/sync-eventually';
import { allocationsOf, AUDITOR_A, draftFor, mutation, pushBody } from '../../tests/support/sync-fixtures';
import {
  pullResponseSchema,
  slimPushResponseSchema,
  type Mutation,
  type PullResponse,
  type SlimMutationResult,
} from '../../shared/sync/protocol';
import { snapshotOf } from '../../shared/sync/audit-document';

describe.each(ENGINES)('slim answers and held revisions on $engine', (engine) => {
  const t = useTestApp(engine);
  let a: Client;
  let allocations: { id: string; case_id: string }[];
  const device = randomUUID();
  const otherDevice = randomUUID();
  beforeAll(async () => {
    a = await t.as(AUDITOR_A);
    allocations = await allocationsOf(t.db, AUDITOR_A);
  });

  const push = async (mutations: Mutation[], deviceId = device): Promise<SlimMutationResult[]> => {
    const response = await a.request('/api/sync/push', {
      method: 'POST',
      json: { ...pushBody(deviceId, mutations), slimAnswers: true },
    });
    expect(response.status).toBe(200);
    return slimPushResponseSchema.parse(await response.json()).results;
  };
  const pull = async (checkpoint?: string, held?: string): Promise<PullResponse> => {
    const query = new URLSearchParams({
      ...(checkpoint ? { checkpoint } : {}),
      ...(held ? { held } : {}),
    });
    const response = await a.request(`/api/sync/pull?${query}`);
    expect(response.status).toBe(200);
    return pullResponseSchema.parse(await response.json());
  };
  const text = (value: string) => ({ 'lived-experience.evidence': { kind: 'text' as const, value } });

  it('answers a change stored as pushed with what the server added, the same again on a retry', async () => {
    const alloc = allocations[0]!;
    const created = mutation(draftFor(alloc, text('Seen at home with her brother.')), 0);
    const [first] = await push([created]);
    expect(first).toMatchObject({ status: 'applied', rev: 1 });
    expect(first?.status === 'applied' && first.doc).toBe(undefined);
    const edited = mutation(draftFor(alloc, text('Seen at home with her brother and at school.')), 1);
    const [second] = await push([edited]);
    if (second?.status !== 'applied' || !second.added) throw new Error(`not slim: ${JSON.stringify(second)}`);
    expect(second.rev).toBe(2);
    // The device's document (its snapshot, the revision and what was added) is the server's.
    const stored = (
      await eventually(
        () => pull(),
        (p) => p.audits.some((d) => d.id === alloc.id && d.rev === 2),
      )
    ).audits.find((d) => d.id === alloc.id);
    expect({ ...edited.snapshot, ...second.added, rev: second.rev }).toEqual(stored);
    // Retried (the reply lost), after another change: the first answer again, slim as before.
    await push([mutation(draftFor(alloc, text('Later words.')), 2)]);
    expect(await push([edited])).toEqual([second]);
    // What is recorded is the whole answer, so a device that asks for whole documents gets one.
    const whole = await a.request('/api/sync/push', { method: 'POST', json: pushBody(device, [edited]) });
    const [full] = ((await whole.json()) as { results: unknown[] }).results;
    expect(full).toMatchObject({ status: 'applied', rev: 2, doc: { answers: edited.snapshot.answers } });
  });

  it('sends the whole document when the server stored something else, and on a conflict', async () => {
    const alloc = allocations[1]!;
    // A draft keeps no completion time: the server stores null, not what was pushed.
    const withTime = {
      ...draftFor(alloc, text('Plan read with her.')),
      completedAt: '2026-12-01T10:00:00Z',
    };
    const [stored] = await push([mutation(withTime, 0)]);
    if (stored?.status !== 'applied') throw new Error(JSON.stringify(stored));
    expect(stored.added).toBe(undefined);
    expect(stored.doc).toMatchObject({ rev: 1, completedAt: null, answers: withTime.answers });
    const [conflict] = await push([mutation(draftFor(alloc, text('From a stale copy.')), 0)]);
    expect(conflict).toMatchObject({ status: 'conflict', server: { rev: 1, answers: withTime.answers } });
  });

  it('leaves out of the pull what the push brought, never another device’s change made since', async () => {
    const [quiet, shared] = [allocations[2]!, allocations[3]!];
    const before = (await pull()).checkpoint;
    const [q, s] = await push([
      mutation(draftFor(quiet, text('Nothing else changes this one.')), 0),
      mutation(draftFor(shared, text('The other device edits this one next.')), 0),
    ]);
    expect([q?.status, s?.status]).toEqual(['applied', 'applied']);
    // Between this device's push and its pull, another device of the same auditor edits one.
    const theirs = mutation(draftFor(shared, text('Edited on the other tablet.')), 1);
    const [other] = await push([theirs], otherDevice);
    expect(other).toMatchObject({ status: 'applied', rev: 2 });

    // Only these two audits are this test's: on PostgreSQL an earlier test's changes can still
    // come after `before`, held back by another transaction (tests/support/sync-eventually.ts).
    const ours = (p: PullResponse) => p.audits.filter((d) => d.id === quiet.id || d.id === shared.id);
    const held = `${quiet.id}.1_${shared.id}.1`;
    const page = await eventually(
      () => pull(before, held),
      (p) => p.audits.some((d) => d.id === shared.id && d.rev === 2),
    );
    expect(ours(page).map((d) => d.id)).toEqual([shared.id]);
    expect(ours(page)[0]).toMatchObject({ rev: 2, answers: theirs.snapshot.answers });
    // The checkpoint moved past the audit left out: the next pull has nothing new of them.
    const next = await pull(page.checkpoint);
    expect(ours(next)).toEqual([]);
    // Without `held` the same pull sends both; from the start `held` is not applied at all.
    expect(
      ours(await pull(before))
        .map((d) => d.id)
        .sort(),
    ).toEqual([quiet.id, shared.id].sort());
    const fromStart = await pull(undefined, held);
    expect(fromStart.audits.map((d) => d.id)).toEqual(expect.arrayContaining([quiet.id, shared.id]));
    expect(snapshotOf(fromStart.audits.find((d) => d.id === quiet.id)!).answers).toEqual(
      text('Nothing else changes this one.'),
    );
  });

  it('refuses a held list it cannot read', async () => {
    const response = await a.request(`/api/sync/pull?held=${encodeURIComponent('not-an-id.1')}`);
    expect(response.status).toBe(400);
  });
});
