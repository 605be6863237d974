/**
 * The server process is killed (SIGKILL: no shutdown, no flush) while 50
 * devices push, and restarted on the same data directory or database. Every mutation a device
 * got an answer for is there, once; every one it did not hear back about — committed before
 * the kill or not — lands exactly once when the device retries it. On PGlite (its data
 * directory on disk) and on PostgreSQL when DATABASE_URL is set.
 *
 * Each device edits two audits of its own in chains of mutations (baseRev 0, 1, 2…), and each
 * push carries the next mutation of both, as the outbox sends them: each applies in its own
 * transaction, so a kill between the two leaves one committed and unanswered. A lost, doubled
 * or reordered mutation would show as a wrong revision.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServer, type ServerProcess } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { TEST_NOW } from '../support/test-app';
import {
  allocationsForDevices,
  DEVICE_OWNERS,
  duplicatedRevisions,
  planDevices,
} from '../support/sync-world';
import { HttpStatusError, pushOverHttp, signInOverHttp, type HttpSession } from '../support/sync-http';
import type { Mutation, MutationResult } from '../../shared/sync/protocol';

const DEVICES = 50;
const AUDITS_PER_DEVICE = 2;
/** Pushes per device; each carries one mutation per audit. */
const CHAIN = 4;
const MUTATIONS = DEVICES * AUDITS_PER_DEVICE * CHAIN;
const AUDITORS = DEVICE_OWNERS;

interface Target {
  engine: string;
  /** Server environment and data directory for every start. */
  env: Record<string, string>;
  dataDir?: string;
  /** Run queries while no server holds the database (PGlite) or beside them (PostgreSQL). */
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lantern-crash-'));
  return {
    engine: 'PGlite (data directory)',
    env: { LANTERN_CLIENT_BUILD: 'skip' },
    dataDir,
    async withDb(fn) {
      const db = await openPgliteDatabase(join(dataDir, 'pglite'));
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const database = await createPostgresTestDatabase(adminUrl);
  const db = await openPostgresDatabase(database.url, 3);
  return {
    engine: 'PostgreSQL',
    env: { LANTERN_CLIENT_BUILD: 'skip', DATABASE_URL: database.url },
    withDb: (fn) => fn(db),
    async drop() {
      await db.close();
      await database.drop();
    },
  };
}

const TARGETS: { name: string; make: () => Promise<Target> }[] = [{ name: 'PGlite', make: pgliteTarget }];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) TARGETS.push({ name: 'PostgreSQL', make: () => postgresTarget(adminUrl) });

/** One simulated device: its pushes (each a mutation per audit), and what it has heard back. */
interface Device {
  session: HttpSession;
  deviceId: string;
  pushes: Mutation[][];
  next: number;
  acknowledged: Map<string, MutationResult>;
}

describe.each(TARGETS)('SIGKILL during pushes from 50 devices, on $name', ({ make }) => {
  let target: Target | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    await target?.drop();
  });

  it('keeps every acknowledged mutation once and lands every unacknowledged one once on retry', async () => {
    target = await make();
    const t = target;
    // Migrate, seed and give every auditor enough allocations before any server starts.
    const allocationsByAuditor = await t.withDb(async (db) => {
      await migrate(db);
      await seedFirstStart(db, { demo: true, now: TEST_NOW });
      return allocationsForDevices(db, AUDITORS, DEVICES, AUDITS_PER_DEVICE);
    });
    const start = (port?: number) => startServer({ env: t.env, dataDir: t.dataDir, port });
    server = await start();
    const port = server.port;
    const url = server.url;
    const sessions = await Promise.all(AUDITORS.map((email) => signInOverHttp(url, email)));

    const devices: Device[] = planDevices(
      sessions,
      allocationsByAuditor,
      DEVICES,
      AUDITS_PER_DEVICE,
      CHAIN,
    ).map(({ session, pushes }) => ({
      session,
      deviceId: randomUUID(),
      pushes,
      next: 0,
      acknowledged: new Map(),
    }));
    const chainOf = (d: Device): Mutation[] => d.pushes.flat();

    /** Push the device's mutations until done or the server is gone. */
    const run = async (device: Device, onAnswer: () => void): Promise<void> => {
      while (device.next < CHAIN) {
        const sent = device.pushes[device.next] ?? [];
        let reply;
        try {
          reply = await pushOverHttp(url, device.session, device.deviceId, sent);
        } catch (error) {
          if (error instanceof HttpStatusError) throw error; // the server answered wrongly: a failure
          return; // no answer: keep the push, retry it after the restart
        }
        expect(reply.results).toMatchObject(
          sent.map((m) => ({ mutationId: m.mutationId, status: 'applied', rev: device.next + 1 })),
        );
        for (const result of reply.results) device.acknowledged.set(result.mutationId, result);
        device.next++;
        onAnswer();
      }
    };

    // Phase 1: everyone pushes; halfway through the work, the process is killed mid-flight.
    let answers = 0;
    let killed: Promise<void> | undefined;
    let killedAt = '';
    const running = server;
    await Promise.all(
      devices.map((d) =>
        run(d, () => {
          if (++answers === (DEVICES * CHAIN) / 2) {
            killedAt = new Date().toISOString();
            killed = running.kill();
          }
        }),
      ),
    );
    await killed;
    const acknowledgedBeforeKill = devices.reduce((n, d) => n + d.acknowledged.size, 0);
    expect(acknowledgedBeforeKill).toBeGreaterThanOrEqual(MUTATIONS / 2);
    expect(acknowledgedBeforeKill).toBeLessThan(MUTATIONS);
    const unanswered = devices.flatMap((d) => (d.pushes[d.next] ?? []).map((m) => m.mutationId));

    // Phase 2: the same server comes back on the same data; every device retries, then carries on.
    server = await start(port);
    // Each device retries until done, as its sync runner would (a pooled connection to the
    // killed process may fail once more).
    await Promise.all(
      devices.map(async (d) => {
        for (let attempt = 0; attempt < 20 && d.next < CHAIN; attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
          await run(d, () => undefined);
        }
      }),
    );
    expect(devices.every((d) => d.next === CHAIN)).toBe(true);
    if (t.dataDir) {
      await server.stop(); // PGlite serves one process: read it back after a clean stop
      server = undefined;
    }

    let committedUnanswered = 0;
    await t.withDb(async (db) => {
      const revisions = await db.query<{
        audit_id: string;
        rev: number;
        mutation_id: string;
        answers: unknown;
        changed_at: string;
      }>(
        'SELECT audit_id, rev, mutation_id::text, answers, changed_at FROM audit_revisions WHERE device_id = ANY ($1::uuid[]) ORDER BY audit_id, rev',
        [devices.map((d) => d.deviceId)],
      );
      const byMutation = new Map(revisions.map((r) => [r.mutation_id, r]));
      expect(revisions).toHaveLength(MUTATIONS);
      for (const device of devices) {
        for (const m of chainOf(device)) {
          const row = byMutation.get(m.mutationId);
          // Once, at its place in its audit's chain, with the words it carried.
          expect(row, 'every mutation is one revision').toMatchObject({
            rev: m.baseRev + 1,
            audit_id: m.snapshot.id,
          });
          expect(row?.answers).toEqual(m.snapshot.answers);
          const heard = device.acknowledged.get(m.mutationId);
          expect(heard?.status === 'applied' && heard.doc.answers).toEqual(m.snapshot.answers);
        }
      }
      committedUnanswered = revisions.filter(
        (r) => unanswered.includes(r.mutation_id) && r.changed_at < killedAt,
      ).length;
      const recorded = await db.query<{ outcome: string; n: number }>(
        'SELECT outcome, count(*) AS n FROM sync_mutations WHERE device_id = ANY ($1::uuid[]) GROUP BY outcome',
        [devices.map((d) => d.deviceId)],
      );
      expect(recorded).toEqual([{ outcome: 'applied', n: MUTATIONS }]);
      const audits = await db.query<{ rev: number }>('SELECT rev FROM audits WHERE id = ANY ($1::uuid[])', [
        devices.flatMap((d) => (d.pushes[0] ?? []).map((m) => m.snapshot.id)),
      ]);
      expect(audits.map((a) => a.rev)).toEqual(
        Array.from({ length: DEVICES * AUDITS_PER_DEVICE }, () => CHAIN),
      );
      expect(await duplicatedRevisions(db)).toEqual([]);
    });
    console.info(
      `${t.engine}: killed with ${acknowledgedBeforeKill} of ${MUTATIONS} mutations answered; ${unanswered.length} unanswered, of which ${committedUnanswered} had committed before the kill`,
    );
  }, 180_000);
});
