/**
 * One mutationId sent many times at once is applied once, and every reply
 * is the same. On PostgreSQL the copies go to two real server processes sharing the database
 * (a device retrying through a load balancer lands on any of them); on each engine they also
 * go to the app in-process, all at once.
 *
 * Why: a tablet that lost a reply retries, and a flaky proxy may replay a request too. The
 * insert into sync_mutations makes every copy wait for the first to commit and then answer as
 * it did; nothing else may be written twice (no second revision, no second audit-log row).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import { createPostgresTestDatabase } from '../support/test-databases';
import type { Client } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { startServer, type ServerProcess } from '../support/server-process';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import type { Database, Queryable } from '../../server/db/database';
import { AUDITOR_A, draftFor, mutation, pushBody } from '../support/sync-fixtures';
import { addAllocations, personIdOf, type AllocationRef } from '../support/sync-world';
import { headersOf, signInOverHttp, type HttpSession } from '../support/sync-http';
import { pushResponseSchema, type PushResponse } from '../../shared/sync/protocol';

const COPIES = 24;
const text = (value: string) => ({ kind: 'text' as const, value });

interface Scenario {
  name: string;
  /** Set up what the server already holds, then return the push body to send many times. */
  prepare(send: (body: unknown) => Promise<PushResponse>, allocations: AllocationRef[]): Promise<unknown[]>;
  /** Statuses of the push's results. */
  statuses: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a new audit',
    prepare: async (_send, [a]) => [mutation(draftFor(a!, { 'plan.evidence': text('new') }), 0)],
    statuses: ['applied'],
  },
  {
    name: 'an edit of an existing audit',
    prepare: async (send, [a]) => {
      await send(pushBody(randomUUID(), [mutation(draftFor(a!, { 'plan.evidence': text('one') }), 0)]));
      return [mutation(draftFor(a!, { 'plan.evidence': text('two') }), 1)];
    },
    statuses: ['applied'],
  },
  {
    name: 'a stale baseRev (a conflict)',
    prepare: async (send, [a]) => {
      await send(pushBody(randomUUID(), [mutation(draftFor(a!, { 'plan.evidence': text('one') }), 0)]));
      await send(pushBody(randomUUID(), [mutation(draftFor(a!, { 'plan.evidence': text('two') }), 1)]));
      return [mutation(draftFor(a!, { 'plan.evidence': text('mine') }), 1)];
    },
    statuses: ['conflict'],
  },
  {
    name: 'answers the framework refuses (a rejection)',
    prepare: async (_send, [a]) => [mutation(draftFor(a!, { 'no.such-item': text('x') }), 0)],
    statuses: ['rejected'],
  },
  {
    name: 'an unreadable mutation that names its id',
    prepare: async () => [{ mutationId: randomUUID(), type: 'audit.put', baseRev: -1, snapshot: {} }],
    statuses: ['rejected'],
  },
  {
    name: 'a batch of three audits',
    prepare: async (_send, [a, b, c]) =>
      [a, b, c].map((x, i) => mutation(draftFor(x!, { 'overall.strengths': text(`batch ${i}`) }), 0)),
    statuses: ['applied', 'applied', 'applied'],
  },
];

/** What the database holds for a set of mutation ids: revisions, recorded mutations, log rows. */
async function footprint(db: Queryable, mutationIds: string[], auditIds: string[]) {
  const [revisions] = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM audit_revisions WHERE mutation_id = ANY ($1::uuid[])',
    [mutationIds],
  );
  const [recorded] = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM sync_mutations WHERE mutation_id = ANY ($1::uuid[])',
    [mutationIds],
  );
  const audits = await db.query<{ id: string; rev: number }>(
    'SELECT id, rev FROM audits WHERE id = ANY ($1::uuid[])',
    [auditIds],
  );
  const [logged] = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM audit_log WHERE entity_type = 'audit' AND entity_id = ANY ($1::text[])",
    [auditIds],
  );
  return { revisions: revisions?.n ?? 0, recorded: recorded?.n ?? 0, logged: logged?.n ?? 0, audits };
}

function expectOnce(
  replies: PushResponse[],
  statuses: string[],
  before: Awaited<ReturnType<typeof footprint>>,
  footprintAfter: Awaited<ReturnType<typeof footprint>>,
) {
  const revBefore = new Map(before.audits.map((a) => [a.id, a.rev]));
  expect(replies).toHaveLength(COPIES);
  const [first] = replies;
  for (const reply of replies) expect(reply).toEqual(first);
  expect(first?.results.map((r) => r.status)).toEqual(statuses);
  const applied = statuses.filter((s) => s === 'applied').length;
  expect(footprintAfter.revisions).toBe(applied);
  expect(footprintAfter.recorded).toBe(statuses.length);
  expect(footprintAfter.logged - before.logged).toBe(applied);
  for (const audit of footprintAfter.audits)
    expect(audit.rev - (revBefore.get(audit.id) ?? 0)).toBe(statuses.includes('applied') ? 1 : 0);
}

const idsOf = (mutations: unknown[]) =>
  mutations.flatMap((m) =>
    typeof m === 'object' && m && 'mutationId' in m && typeof m.mutationId === 'string' ? [m.mutationId] : [],
  );
const auditIdsOf = (mutations: unknown[]) =>
  mutations.flatMap((m) =>
    typeof m === 'object' &&
    m &&
    'snapshot' in m &&
    typeof m.snapshot === 'object' &&
    m.snapshot &&
    'id' in m.snapshot
      ? [String(m.snapshot.id)]
      : [],
  );

describe.each(ENGINES)('one mutationId many times at once, in-process on $engine', (engine) => {
  const t = useTestApp(engine);
  let client: Client;
  let allocations: AllocationRef[];
  let used = 0;
  beforeAll(async () => {
    client = await t.as(AUDITOR_A);
    allocations = await addAllocations(t.db, await personIdOf(t.db, AUDITOR_A), SCENARIOS.length * 3);
  });

  it.each(SCENARIOS)('$name', async ({ prepare, statuses }) => {
    const send = async (body: unknown): Promise<PushResponse> => {
      const response = await client.request('/api/sync/push', { method: 'POST', json: body });
      expect(response.status).toBe(200);
      return pushResponseSchema.parse(await response.json());
    };
    const mine = allocations.slice(used, (used += 3));
    const mutations = await prepare(send, mine);
    const before = await footprint(t.db, idsOf(mutations), auditIdsOf(mutations));
    const body = pushBody(randomUUID(), mutations);
    const replies = await Promise.all(Array.from({ length: COPIES }, () => send(body)));
    expectOnce(replies, statuses, before, await footprint(t.db, idsOf(mutations), auditIdsOf(mutations)));
  });
});

const adminUrl = process.env.DATABASE_URL;

describe.runIf(adminUrl)('one mutationId many times at once, to two server processes on PostgreSQL', () => {
  let target: { url: string; drop(): Promise<void> };
  let servers: ServerProcess[] = [];
  let db: Database;
  let session: HttpSession;
  let allocations: AllocationRef[];
  let used = 0;

  beforeAll(async () => {
    target = await createPostgresTestDatabase(adminUrl ?? '');
    const env = { LANTERN_CLIENT_BUILD: 'skip', DATABASE_URL: target.url };
    servers = await Promise.all([startServer({ env }), startServer({ env })]);
    db = await openPostgresDatabase(target.url, 2);
    allocations = await addAllocations(db, await personIdOf(db, AUDITOR_A), SCENARIOS.length * 3);
    session = await signInOverHttp(servers[0]?.url ?? '', AUDITOR_A);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    await target?.drop();
  });

  it.each(SCENARIOS)('$name', async ({ prepare, statuses }) => {
    const sendTo = async (server: ServerProcess | undefined, body: unknown): Promise<PushResponse> => {
      const response = await fetch(`${server?.url}/api/sync/push`, {
        method: 'POST',
        headers: headersOf(session),
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return pushResponseSchema.parse(await response.json());
    };
    const mine = allocations.slice(used, (used += 3));
    const mutations = await prepare((body) => sendTo(servers[0], body), mine);
    const before = await footprint(db, idsOf(mutations), auditIdsOf(mutations));
    const body = pushBody(randomUUID(), mutations);
    const replies = await Promise.all(Array.from({ length: COPIES }, (_, i) => sendTo(servers[i % 2], body)));
    expectOnce(replies, statuses, before, await footprint(db, idsOf(mutations), auditIdsOf(mutations)));
  });
});
