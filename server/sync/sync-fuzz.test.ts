/**
 * Thousands of malformed and hostile payloads sent to push and pull
 * in-process, on each engine. None may get a 5xx, and none may write an audit or a revision:
 * the audits and audit_revisions tables are the same, row for row, before and after. What the
 * design does record is recorded: a refused mutation that names a readable mutationId (a UUID
 * not already someone else's) leaves one sync_mutations row with its outcome, so a retry gets
 * the same answer.
 *
 * A table of named cases (each kind of hostility a reviewer would list), then fast-check
 * generating mutations field by field from good and hostile values. Every generated mutation
 * is made unable to apply (an own case is never pushed from baseRev 0, an own audit never from
 * its current rev), so any write at all is a bug.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  AUDITOR_A,
  AUDITOR_B,
  allocationsOf,
  draftFor,
  mutation,
  pushBody,
} from '../../tests/support/sync-fixtures';
import { addAllocations, personIdOf, type AllocationRef } from '../../tests/support/sync-world';
import { mutationSchema, pullResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUSH_RUNS = Number(process.env.SYNC_FUZZ_RUNS ?? 250);

/** The audits and their history, row for row (a row's text includes its xid: any write shows). */
async function footprint(db: Queryable): Promise<string> {
  const [audits] = await db.query<{ n: number; digest: string }>(
    "SELECT count(*) AS n, md5(coalesce(string_agg(a::text, '|' ORDER BY a.id), '')) AS digest FROM audits a",
  );
  const [revisions] = await db.query<{ n: number; digest: string }>(
    "SELECT count(*) AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r.audit_id, r.rev), '')) AS digest FROM audit_revisions r",
  );
  return `audits ${audits?.n} ${audits?.digest}; revisions ${revisions?.n} ${revisions?.digest}`;
}

const deep = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(ENGINES)('hostile sync payloads on $engine', (engine) => {
  const t = useTestApp(engine);
  let me: Client;
  let myId: string;
  let fresh: AllocationRef[];
  let ownAudits: { id: string; case_id: string; rev: number }[];
  let theirAudits: { id: string; case_id: string; rev: number }[];
  let theirAllocations: AllocationRef[];
  let theirMutationId: string;
  let epoch: string;
  let before: string;

  beforeAll(async () => {
    me = await t.as(AUDITOR_A);
    myId = await personIdOf(t.db, AUDITOR_A);
    fresh = await addAllocations(t.db, myId, 3);
    const audits = (email: string) =>
      t.db.query<{ id: string; case_id: string; rev: number }>(
        'SELECT a.id, a.case_id, a.rev FROM audits a JOIN people p ON p.id = a.auditor_id WHERE p.email = $1 ORDER BY a.id LIMIT 3',
        [email],
      );
    ownAudits = await audits(AUDITOR_A);
    theirAudits = await audits(AUDITOR_B);
    theirAllocations = (await allocationsOf(t.db, AUDITOR_B)).slice(0, 3);
    // Another auditor's recorded mutation id: reusing it must be refused, never answered with theirs.
    const ben = await t.as(AUDITOR_B);
    theirMutationId = randomUUID();
    await ben.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [{ mutationId: theirMutationId, type: 'audit.put', baseRev: -1 }]),
    });
    const first = pullResponseSchema.parse(await (await me.request('/api/sync/pull')).json());
    epoch = String(JSON.parse(Buffer.from(first.checkpoint, 'base64url').toString()).epoch);
    expect(ownAudits.length + theirAudits.length + theirAllocations.length).toBeGreaterThan(3);
    before = await footprint(t.db);
  });

  /** Push a raw body; checks the answer and returns it (null when the envelope itself was refused). */
  async function push(body: string, contentType = 'application/json') {
    const response = await me.request('/api/sync/push', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    expect(response.status, body.slice(0, 200)).toBeLessThan(500);
    const text = await response.text();
    if (response.status !== 200) {
      expect([400, 413, 415]).toContain(response.status);
      return null;
    }
    const reply = pushResponseSchema.parse(JSON.parse(text));
    expect(reply.results.map((r) => r.status)).not.toContain('applied');
    // A refused mutation with a readable id is recorded once, as this person's.
    const ids = reply.results
      .map((r) => r.mutationId)
      .filter((id) => UUID.test(id) && id !== theirMutationId);
    if (ids.length > 0) {
      const rows = await t.db.query<{ mutation_id: string; person_id: string; outcome: string }>(
        'SELECT mutation_id::text, person_id::text, outcome FROM sync_mutations WHERE mutation_id = ANY ($1::uuid[])',
        [ids],
      );
      for (const id of ids) {
        const row = rows.find((r) => r.mutation_id === id.toLowerCase());
        const result = reply.results.find((r) => r.mutationId === id);
        expect(row, `mutation ${id} recorded`).toMatchObject({ person_id: myId, outcome: result?.status });
      }
    }
    return reply;
  }

  async function pull(query: string) {
    const response = await me.request(`/api/sync/pull?${query}`);
    expect(response.status, query.slice(0, 200)).toBeLessThan(500);
    if (response.status !== 200) {
      expect(response.status).toBe(400);
      return;
    }
    const page = pullResponseSchema.parse(await response.json());
    for (const audit of page.audits) expect(audit.auditorId).toBe(myId);
  }

  const envelope = (mutations: unknown[]) => JSON.stringify(pushBody(randomUUID(), mutations));
  const good = () => mutation(draftFor(fresh[0]!), 5); // well-formed, and unable to apply (no such rev)
  const withSnapshot = (patch: Record<string, unknown>) => ({
    ...good(),
    snapshot: { ...good().snapshot, ...patch },
  });
  const withAnswers = (answers: string) =>
    envelope([good()]).replace(/"answers":\{\}/, `"answers":${answers}`);

  const PUSH_CASES: { name: string; body: () => string; contentType?: string }[] = [
    { name: 'not JSON', body: () => 'this is not json' },
    { name: 'truncated JSON', body: () => envelope([good()]).slice(0, 40) },
    { name: 'an empty body', body: () => '' },
    { name: 'JSON null', body: () => 'null' },
    { name: 'a JSON array', body: () => '[]' },
    { name: 'a JSON string', body: () => '"push"' },
    { name: 'wrong content type, text', body: () => envelope([good()]), contentType: 'text/plain' },
    {
      name: 'wrong content type, form',
      body: () => 'protocol=1&deviceId=x',
      contentType: 'application/x-www-form-urlencoded',
    },
    { name: 'protocol 2', body: () => JSON.stringify({ ...pushBody(randomUUID(), [good()]), protocol: 2 }) },
    {
      name: 'protocol as a string',
      body: () => JSON.stringify({ ...pushBody(randomUUID(), [good()]), protocol: '1' }),
    },
    { name: 'deviceId not a UUID', body: () => JSON.stringify(pushBody('device-1', [good()])) },
    { name: 'no mutations', body: () => envelope([]) },
    {
      name: 'mutations not an array',
      body: () => JSON.stringify({ ...pushBody(randomUUID(), []), mutations: {} }),
    },
    { name: '101 mutations', body: () => envelope(Array.from({ length: 101 }, good)) },
    { name: 'mutations that are not objects', body: () => envelope([null, 1, 'x', [], true]) },
    { name: 'mutationId not a UUID', body: () => envelope([{ ...good(), mutationId: 'abc' }]) },
    { name: 'mutationId a number', body: () => envelope([{ ...good(), mutationId: 42 }]) },
    {
      name: 'mutationId an object with a toString',
      body: () => envelope([{ ...good(), mutationId: { toString: 1 } }]),
    },
    {
      name: 'mutationId a huge string',
      body: () => envelope([{ ...good(), mutationId: 'x'.repeat(500_000) }]),
    },
    {
      name: "another person's mutationId",
      body: () => envelope([{ ...good(), mutationId: theirMutationId }]),
    },
    { name: 'an unknown type', body: () => envelope([{ ...good(), type: 'audit.delete' }]) },
    { name: 'a negative baseRev', body: () => envelope([{ ...good(), baseRev: -1 }]) },
    { name: 'a fractional baseRev', body: () => envelope([{ ...good(), baseRev: 0.5 }]) },
    { name: 'a baseRev as a string', body: () => envelope([{ ...good(), baseRev: '0' }]) },
    { name: 'a baseRev past 2^53', body: () => envelope([{ ...good(), baseRev: 2 ** 60 }]) },
    {
      name: 'a baseRev of 1e400 (Infinity)',
      body: () => envelope([good()]).replace('"baseRev":5', '"baseRev":1e400'),
    },
    { name: 'no snapshot', body: () => envelope([{ ...good(), snapshot: undefined }]) },
    {
      name: 'an audit id that is not a UUID',
      body: () => envelope([withSnapshot({ id: "1'; DROP TABLE audits; --" })]),
    },
    {
      name: 'a case id that is not a UUID',
      body: () => envelope([withSnapshot({ caseId: '../../etc/passwd' })]),
    },
    { name: 'an unknown status', body: () => envelope([withSnapshot({ status: 'deleted' })]) },
    {
      name: 'a completion time without a zone',
      body: () => envelope([withSnapshot({ status: 'submitted', completedAt: '2026-10-01T10:00:00' })]),
    },
    {
      name: 'a framework that does not exist',
      body: () => envelope([withSnapshot({ frameworkVersion: 999 })]),
    },
    { name: 'answers as an array', body: () => envelope([withSnapshot({ answers: [] })]) },
    { name: 'an unknown item key', body: () => withAnswers('{"no.such-item":{"kind":"text","value":"x"}}') },
    {
      name: 'an answer of the wrong kind',
      body: () => withAnswers('{"plan.smart":{"kind":"text","value":"x"}}'),
    },
    {
      name: 'a question value not on the scale',
      body: () => withAnswers('{"plan.smart":{"kind":"question","value":"maybe"}}'),
    },
    { name: 'a grade out of range', body: () => withAnswers('{"overall.grade":{"kind":"grade","value":7}}') },
    {
      name: 'text over the limit',
      body: () => withAnswers(`{"plan.evidence":{"kind":"text","value":"${'a'.repeat(20_001)}"}}`),
    },
    {
      name: 'a 900 kB string',
      body: () => withAnswers(`{"plan.evidence":{"kind":"text","value":"${'b'.repeat(900_000)}"}}`),
    },
    {
      name: 'a body over 1 MB',
      body: () => withAnswers(`{"plan.evidence":{"kind":"text","value":"${'c'.repeat(1_100_000)}"}}`),
    },
    {
      name: 'an item key over 200 characters',
      body: () => withAnswers(`{"${'k'.repeat(300)}":{"kind":"text","value":"x"}}`),
    },
    { name: 'a __proto__ answer key', body: () => withAnswers('{"__proto__":{"kind":"text","value":"x"}}') },
    {
      name: 'a __proto__ key with a grade inside',
      body: () => withAnswers('{"__proto__":{"overall.grade":{"kind":"grade","value":0}}}'),
    },
    {
      name: 'a constructor answer key',
      body: () => withAnswers('{"constructor":{"kind":"text","value":"x"}}'),
    },
    {
      name: '__proto__ on the mutation',
      body: () => envelope([good()]).replace('{"mutationId"', '{"__proto__":{"baseRev":0},"mutationId"'),
    },
    {
      name: '__proto__ on the envelope',
      body: () => `{"__proto__":{"protocol":1},${envelope([good()]).slice(1)}`,
    },
    {
      name: 'a NUL character in an answer',
      body: () => withAnswers('{"plan.evidence":{"kind":"text","value":"a\\u0000b"}}'),
    },
    {
      name: 'a NUL character in an item key',
      body: () => withAnswers('{"plan\\u0000":{"kind":"text","value":"x"}}'),
    },
    {
      name: 'a lone surrogate in an answer',
      body: () => withAnswers('{"plan.evidence":{"kind":"text","value":"a\\ud800b"}}'),
    },
    {
      name: 'a NUL character in a mutation id',
      body: () => envelope([{ ...good(), mutationId: 'a\u0000' }]),
    },
    {
      name: 'nesting 3,000 deep',
      body: () => envelope([good()]).replace('"answers":{}', `"answers":{"x":${deep(3_000)}}`),
    },
    {
      name: 'nesting 100,000 deep',
      body: () => envelope([good()]).replace('"answers":{}', `"answers":{"x":${deep(100_000)}}`),
    },
    {
      name: 'a whole mutation nested 100,000 deep',
      body: () => envelope([1]).replace('[1]', `[${deep(100_000)}]`),
    },
    {
      name: "another auditor's audit",
      body: () => envelope(theirAudits.map((a) => mutation(draftFor(a), a.rev))),
    },
    {
      name: "another auditor's allocation",
      body: () => envelope(theirAllocations.map((a) => mutation(draftFor(a), 0))),
    },
    {
      name: 'my own audit moved to another case',
      body: () =>
        envelope(ownAudits.map((a) => mutation(draftFor({ id: a.id, case_id: fresh[1]!.case_id }), a.rev))),
    },
    {
      name: 'my own audits from a stale baseRev (conflicts)',
      body: () => envelope(ownAudits.map((a) => mutation(draftFor(a), a.rev + 7))),
    },
    {
      name: 'a case nobody allocated',
      body: () => envelope([mutation(draftFor({ id: randomUUID(), case_id: randomUUID() }), 0)]),
    },
  ];

  it.each(PUSH_CASES)('push: $name', async ({ body, contentType }) => {
    await push(body(), contentType);
    expect(await footprint(t.db)).toBe(before);
  });

  const PULL_CASES: { name: string; query: () => string }[] = [
    { name: 'limit 0', query: () => 'limit=0' },
    { name: 'limit negative', query: () => 'limit=-5' },
    { name: 'limit over the maximum', query: () => 'limit=501' },
    { name: 'limit fractional', query: () => 'limit=2.5' },
    { name: 'limit not a number', query: () => 'limit=all' },
    { name: 'limit huge', query: () => `limit=${'9'.repeat(400)}` },
    { name: 'limit empty', query: () => 'limit=' },
    { name: 'a checkpoint of garbage', query: () => 'checkpoint=%%%garbage' },
    {
      name: 'a checkpoint that is not JSON',
      query: () => `checkpoint=${Buffer.from('nope').toString('base64url')}`,
    },
    { name: 'a checkpoint over 2,000 characters', query: () => `checkpoint=${'A'.repeat(2_500)}` },
    {
      name: 'a checkpoint of another version',
      query: () => `checkpoint=${b64({ v: 2, epoch, audits: null, allocations: null })}`,
    },
    {
      name: 'a cursor past the largest xid8',
      query: () =>
        `checkpoint=${b64({ v: 1, epoch, audits: ['99999999999999999999999', randomUUID()], allocations: null })}`,
    },
    {
      name: 'a cursor of exactly 2^64',
      query: () =>
        `checkpoint=${b64({ v: 1, epoch, audits: ['18446744073709551616', randomUUID()], allocations: null })}`,
    },
    {
      name: 'a negative cursor',
      query: () => `checkpoint=${b64({ v: 1, epoch, audits: ['-1', randomUUID()], allocations: null })}`,
    },
    {
      name: 'a cursor with SQL in it',
      query: () =>
        `checkpoint=${b64({ v: 1, epoch, audits: ["1'); DELETE FROM audits; --", randomUUID()], allocations: null })}`,
    },
    {
      name: 'a cursor id that is not a UUID',
      query: () => `checkpoint=${b64({ v: 1, epoch, audits: null, allocations: ['1', 'x'] })}`,
    },
    {
      name: '__proto__ in a checkpoint',
      query: () =>
        `checkpoint=${Buffer.from(`{"__proto__":{"v":1},"epoch":"${epoch}"}`).toString('base64url')}`,
    },
    { name: 'two checkpoints and two limits', query: () => 'checkpoint=a&checkpoint=b&limit=1&limit=900' },
  ];

  it.each(PULL_CASES)('pull: $name', async ({ query }) => {
    await pull(query());
    expect(await footprint(t.db)).toBe(before);
  });

  // ── Generated: every field from good and hostile values ──────────────────────────────────
  const hostileString = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '',
      '__proto__',
      'constructor',
      'prototype',
      '\u0000',
      '\ud800',
      "'; DROP TABLE audits; --",
      'x'.repeat(5_000),
    ),
  );
  const anything = fc.oneof(
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }),
    fc.object({
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'kind', 'value')),
      maxDepth: 2,
    }),
  );
  const uuidLike = fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });
  const answer = fc.oneof(
    fc.record({ kind: fc.constant('text'), value: fc.oneof(fc.string(), hostileString) }),
    fc.record({
      kind: fc.constant('question'),
      value: fc.constantFrom('yes', 'no', 'partly', 'not_applicable', 'maybe'),
    }),
    fc.record({ kind: fc.constant('grade'), value: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double()) }),
    anything,
  );
  const itemKey = fc.oneof(
    fc.constantFrom('plan.evidence', 'plan.smart', 'overall.grade', 'feedback.child', 'overall.case-actions'),
    hostileString,
  );

  function targetArb() {
    const pick = <T>(items: T[]) => fc.constantFrom(...(items.length > 0 ? items : [null]));
    return fc.oneof(
      pick(fresh).map((a) => (a ? { id: a.id, caseId: a.case_id } : null)),
      pick(ownAudits).map((a) => (a ? { id: a.id, caseId: a.case_id } : null)),
      pick(theirAudits).map((a) => (a ? { id: a.id, caseId: a.case_id } : null)),
      pick(theirAllocations).map((a) => (a ? { id: a.id, caseId: a.case_id } : null)),
      fc.record({ id: uuidLike, caseId: uuidLike }),
    );
  }

  /** The one combination that could apply is never sent: an own case from 0, an own audit from its rev. */
  function unableToApply(m: Record<string, unknown>): Record<string, unknown> {
    const parsed = mutationSchema.safeParse(m);
    if (!parsed.success) return m;
    const { snapshot, baseRev } = parsed.data;
    const ownCase =
      fresh.some((a) => a.case_id === snapshot.caseId) ||
      ownAudits.some((a) => a.case_id === snapshot.caseId);
    const ownRev = ownAudits.find((a) => a.id === snapshot.id)?.rev;
    return (ownCase && baseRev === 0) || ownRev === baseRev ? { ...m, baseRev: baseRev + 1_000 } : m;
  }

  /** Built once the fixtures exist (after beforeAll). */
  const mutationArbitrary = () =>
    fc
      .record(
        {
          mutationId: fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: anything }),
          type: fc.oneof(
            { weight: 4, arbitrary: fc.constant('audit.put') },
            { weight: 1, arbitrary: anything },
          ),
          baseRev: fc.oneof(
            fc.integer({ min: -3, max: 9 }),
            fc.double(),
            fc.constantFrom(2 ** 53, '0', null),
          ),
          snapshot: fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .tuple(
                  targetArb(),
                  fc.record(
                    {
                      frameworkKey: fc.oneof(fc.constant('lantern-default'), hostileString),
                      frameworkVersion: fc.oneof(fc.constant(1), fc.integer(), fc.double()),
                      status: fc.oneof(fc.constantFrom('draft', 'submitted'), hostileString),
                      answers: fc.oneof(fc.dictionary(itemKey, answer, { maxKeys: 4 }), anything),
                      completedAt: fc.oneof(
                        fc.constant(null),
                        fc.constantFrom('2026-10-01T10:00:00Z', '2026-10-01T10:00:00'),
                        anything,
                      ),
                    },
                    { requiredKeys: [] },
                  ),
                )
                .map(([target, rest]) => ({ ...(target ?? {}), ...rest })),
            },
            { weight: 1, arbitrary: anything },
          ),
        },
        { requiredKeys: [] },
      )
      .map(unableToApply);

  it('push: generated mutations, one to ten a push', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArbitrary(), { minLength: 1, maxLength: 10 }), async (mutations) => {
        await push(envelope(mutations));
      }),
      { numRuns: PUSH_RUNS },
    );
    expect(await footprint(t.db)).toBe(before);
  }, 120_000);

  it('pull: generated checkpoints and limits', async () => {
    const cursor = fc.oneof(
      fc.constant(null),
      fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String), hostileString), uuidLike),
      anything,
    );
    const checkpoint = fc.oneof(
      hostileString,
      fc
        .record({
          v: fc.oneof(fc.constant(1), anything),
          epoch: fc.oneof(fc.constant(epoch), hostileString),
          audits: cursor,
          allocations: cursor,
        })
        .map(b64),
      anything.map(b64),
    );
    const limit = fc.oneof(
      fc.integer({ min: -10, max: 600 }).map(String),
      fc.double().map(String),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(fc.option(checkpoint), fc.option(limit), async (c, l) => {
        const query = new URLSearchParams();
        if (c !== null) query.set('checkpoint', c);
        if (l !== null) query.set('limit', l);
        await pull(query.toString());
      }),
      { numRuns: Math.round(PUSH_RUNS / 2) },
    );
    expect(await footprint(t.db)).toBe(before);
  }, 120_000);
});
