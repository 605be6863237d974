/**
 * A pull never skips a change that commits late. Two real server processes
 * share one PostgreSQL; devices push through both while direct connections write allocations
 * and audits in transactions that sleep a random while and sometimes roll back; a device pulls
 * page by page all the while, from both processes. When the writing stops, what it pulled is
 * exactly what was committed.
 *
 * The control: every write to audits and allocations (the servers' pushes included) also
 * appends a row to this test's own log with a bigserial `seq`, in the same transaction. A
 * reader that follows `WHERE seq > cursor` — the plain sequence cursor DESIGN.md warns about —
 * skips whatever commits behind its cursor; the xid8 horizon the server uses never does.
 *
 * The horizon is the whole cluster's oldest running transaction, so other tests' transactions
 * on the same PostgreSQL can delay a pull (never make it skip): the drain polls to a deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { startServer, type ServerProcess } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import type { Database } from '../../server/db/database';
import { insertRows } from '../../server/db/insert-rows';
import { AUDITOR_A, draftFor, mutation } from '../support/sync-fixtures';
import { allocationsOf } from '../support/sync-fixtures';
import { personIdOf } from '../support/sync-world';
import { eventually } from '../support/sync-eventually';
import { pullOverHttp, pushOverHttp, signInOverHttp, type HttpSession } from '../support/sync-http';
import type { AllocationDocument } from '../../shared/sync/protocol';
import type { AuditDocument } from '../../shared/sync/audit-document';

const adminUrl = process.env.DATABASE_URL;
const PAGE = 5;

/** This test's own change log: a plain sequence, written by a trigger inside every writing transaction. */
const PROBE_SQL = `
  CREATE TABLE late_commit_probe (
    seq bigserial PRIMARY KEY, tbl text NOT NULL, row_id uuid NOT NULL, auditor_id uuid NOT NULL);
  CREATE FUNCTION late_commit_probe_log() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO late_commit_probe (tbl, row_id, auditor_id) VALUES (TG_TABLE_NAME, NEW.id, NEW.auditor_id);
    RETURN NEW;
  END $$;
  CREATE TRIGGER allocations_probe AFTER INSERT OR UPDATE ON allocations
    FOR EACH ROW EXECUTE FUNCTION late_commit_probe_log();
  CREATE TRIGGER audits_probe AFTER INSERT OR UPDATE ON audits
    FOR EACH ROW EXECUTE FUNCTION late_commit_probe_log();`;

/** A device's view of what it pulled: the last version of each document. */
class XidPuller {
  checkpoint: string | undefined;
  readonly audits = new Map<string, AuditDocument>();
  readonly allocations = new Map<string, AllocationDocument>();
  pages = 0;
  constructor(
    private readonly servers: ServerProcess[],
    private readonly session: HttpSession,
  ) {}
  /** One page, from each process in turn. Returns whether it brought anything. */
  async page(): Promise<{ brought: number; hasMore: boolean }> {
    const server = this.servers[this.pages++ % this.servers.length];
    if (!server) throw new Error('no server');
    const page = await pullOverHttp(server.url, this.session, this.checkpoint, PAGE);
    expect(page.reset).toBe(false);
    for (const doc of page.audits) this.audits.set(doc.id, doc);
    for (const doc of page.allocations) this.allocations.set(doc.id, doc);
    this.checkpoint = page.checkpoint;
    return { brought: page.audits.length + page.allocations.length, hasMore: page.hasMore };
  }
  async drain(): Promise<void> {
    for (;;) if (!(await this.page()).hasMore) return;
  }
}

/** The control: a reader following a plain sequence cursor. */
class SequencePuller {
  cursor = 0;
  readonly seen = new Set<number>();
  constructor(
    private readonly client: pg.Client,
    private readonly auditorId: string,
  ) {}
  async page(): Promise<number> {
    const { rows } = await this.client.query<{ seq: string }>(
      'SELECT seq::text FROM late_commit_probe WHERE auditor_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [this.auditorId, this.cursor, PAGE],
    );
    for (const row of rows) {
      this.seen.add(Number(row.seq));
      this.cursor = Number(row.seq);
    }
    return rows.length;
  }
  async drain(): Promise<void> {
    while ((await this.page()) > 0);
  }
}

const connect = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
};

describe.runIf(adminUrl)('late commits: two server processes on one PostgreSQL', () => {
  let target: { url: string; drop(): Promise<void> };
  let servers: ServerProcess[] = [];
  let db: Database;
  let session: HttpSession;
  let amara: string;
  let caseIds: string[] = [];
  let nextCase = 0;

  beforeAll(async () => {
    target = await createPostgresTestDatabase(adminUrl ?? '');
    const env = { LANTERN_CLIENT_BUILD: 'skip', DATABASE_URL: target.url };
    servers = await Promise.all([startServer({ env }), startServer({ env })]);
    db = await openPostgresDatabase(target.url, 4);
    await db.exec(PROBE_SQL);
    amara = await personIdOf(db, AUDITOR_A);
    session = await signInOverHttp(servers[0]?.url ?? '', AUDITOR_A);
    // Cases to allocate during the workload, one per new allocation.
    const [team] = await db.query<{ id: string }>('SELECT id FROM teams ORDER BY name LIMIT 1');
    const [type] = await db.query<{ key: string }>('SELECT key FROM case_types ORDER BY key LIMIT 1');
    const cases = Array.from({ length: 400 }, (_, i) => ({
      id: randomUUID(),
      reference: `LATE-${i}`,
      team_id: team?.id,
      case_type: type?.key,
    }));
    await insertRows(
      db,
      'cases',
      { id: 'uuid', reference: 'text', team_id: 'uuid', case_type: 'text' },
      cases,
    );
    caseIds = cases.map((c) => c.id);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    await target?.drop();
  });

  const insertAllocation = async (client: pg.Client): Promise<string> => {
    const id = randomUUID();
    const caseId = caseIds[nextCase++];
    if (!caseId) throw new Error('add more cases');
    await client.query(
      `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, due_date)
       VALUES ($1, $2, $3, 'lantern-default', 1, DATE '2026-11-01')`,
      [id, caseId, amara],
    );
    return id;
  };

  it('holds back a change committed after a later one, where a sequence cursor skips it for ever', async () => {
    const puller = new XidPuller(servers, session);
    await puller.drain();
    const reader = await connect(target.url);
    const early = await connect(target.url);
    const late = await connect(target.url);
    try {
      const control = new SequencePuller(reader, amara);
      await control.drain();

      await early.query('BEGIN');
      const x = await insertAllocation(early); // takes its xid and seq first…
      await late.query('BEGIN');
      const y = await insertAllocation(late); // …this one takes later ones, and commits first
      await late.query('COMMIT');

      await control.drain();
      await puller.drain();
      expect(puller.allocations.has(y), 'held back behind the open transaction').toBe(false);

      await early.query('COMMIT');
      await control.drain();
      // Other transactions on the cluster (other tests) may hold the horizon a while longer.
      await eventually(
        () => puller.drain(),
        () => puller.allocations.has(x) && puller.allocations.has(y),
      );
      expect([puller.allocations.has(x), puller.allocations.has(y)]).toEqual([true, true]);
      const [xSeq] = await db.query<{ seq: string }>(
        'SELECT seq::text FROM late_commit_probe WHERE row_id = $1',
        [x],
      );
      expect(control.seen.has(Number(xSeq?.seq)), 'the sequence cursor skipped the late commit').toBe(false);
    } finally {
      await Promise.all([reader.end(), early.end(), late.end()]);
    }
  });

  it('pulls exactly what was committed by concurrent pushes and late, rolled-back writes', async () => {
    const puller = new XidPuller(servers, session);
    const reader = await connect(target.url);
    const control = new SequencePuller(reader, amara);
    const writers = await Promise.all(Array.from({ length: 6 }, () => connect(target.url)));
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = true;
    try {
      const existing = await allocationsOf(db, AUDITOR_A);
      const audits = existing.slice(0, 6);

      // Devices push edits of six audits through both processes, each from the rev it last got.
      const devices = audits.map(async (allocation, d) => {
        let rev = 0;
        for (let k = 1; k <= 12; k++) {
          const server = servers[(d + k) % 2];
          const reply = await pushOverHttp(server?.url ?? '', session, randomUUID(), [
            mutation(
              draftFor(allocation, { 'plan.evidence': { kind: 'text', value: `device ${d} edit ${k}` } }),
              rev,
            ),
          ]);
          const [result] = reply.results;
          if (result?.status !== 'applied') throw new Error(`push ${d}/${k}: ${JSON.stringify(result)}`);
          rev = result.rev;
        }
      });
      // Direct writers: new allocations, due dates moved, notes on audits; each transaction
      // sleeps up to 30 ms before it ends, and one in four rolls back.
      const direct = writers.map(async (client, w) => {
        for (let i = 0; i < 30; i++) {
          await client.query('BEGIN');
          const choice = (i + w) % 3;
          let inserted: string | null = null;
          if (choice === 0) inserted = await insertAllocation(client);
          else if (choice === 1)
            await client.query('UPDATE allocations SET due_date = due_date + 1 WHERE id = $1', [
              existing[(i * 7 + w) % existing.length]?.id,
            ]);
          else
            await client.query('UPDATE audits SET returned_note = $2 WHERE id = $1', [
              audits[(i + w) % audits.length]?.id,
              `note ${w}/${i}`,
            ]);
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.03]);
          const commit = Math.random() >= 0.25;
          await client.query(commit ? 'COMMIT' : 'ROLLBACK');
          if (inserted) (commit ? committed : rolledBack).add(inserted);
        }
      });
      const pulling = (async () => {
        while (writing) {
          await puller.page();
          await control.page();
        }
      })();
      await Promise.all([...devices, ...direct]);
      writing = false;
      await pulling;

      // The writing has stopped: drain until the device holds what the database holds.
      const expectedAllocations = await db.query<{ id: string; due_date: string }>(
        'SELECT id, due_date::text AS due_date FROM allocations WHERE auditor_id = $1',
        [amara],
      );
      const expectedAudits = await db.query<{ id: string; rev: number; returned_note: string | null }>(
        'SELECT id, rev, returned_note FROM audits WHERE auditor_id = $1',
        [amara],
      );
      const matches = () =>
        expectedAllocations.every((a) => puller.allocations.get(a.id)?.dueDate === a.due_date) &&
        expectedAudits.every(
          (a) =>
            puller.audits.get(a.id)?.rev === a.rev &&
            puller.audits.get(a.id)?.returnedNote === a.returned_note,
        );
      await eventually(() => puller.drain(), matches);
      await control.drain();

      expect(new Set(puller.allocations.keys())).toEqual(new Set(expectedAllocations.map((a) => a.id)));
      for (const id of committed) expect(puller.allocations.has(id)).toBe(true);
      for (const id of rolledBack) expect(puller.allocations.has(id)).toBe(false);
      expect(
        expectedAllocations.filter((a) => puller.allocations.get(a.id)?.dueDate !== a.due_date),
        'allocations whose last change was missed',
      ).toEqual([]);
      expect(
        expectedAudits.filter(
          (a) =>
            puller.audits.get(a.id)?.rev !== a.rev ||
            puller.audits.get(a.id)?.returnedNote !== a.returned_note,
        ),
        'audits whose last change was missed',
      ).toEqual([]);
      expect(committed.size).toBeGreaterThan(20);
      expect(rolledBack.size).toBeGreaterThan(0);

      const [total] = await db.query<{ n: number }>(
        'SELECT count(*) AS n FROM late_commit_probe WHERE auditor_id = $1',
        [amara],
      );
      const missed = (total?.n ?? 0) - control.seen.size;
      console.info(
        `late commits: xid8 pull saw every committed change in ${puller.pages} pages; a sequence cursor missed ${missed} of ${total?.n} changes`,
      );
    } finally {
      writing = false;
      await Promise.all([reader.end(), ...writers.map((w) => w.end())]);
    }
  }, 120_000);
});
