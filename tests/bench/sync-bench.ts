/**
 * Sync throughput on each engine, the server a real process (server/main.ts) and the load from
 * this one over loopback HTTP, as devices would send it:
 * - push: mutations applied per second by concurrent devices, one mutation per push (a device
 *   with one audit changed) and ten per push (an outbox of ten audits);
 * - pull lag under that load: from a push's acknowledgement until a device pulling in a loop
 *   receives it (the xid8 horizon holds a change back while older transactions are open);
 * - first pull: a device with 1,000 audits and 50 allocations pulling from nothing.
 * Goal on PostgreSQL: at least 1,000 mutations/s on a 2-core machine.
 *
 * Beside each throughput, the CPU each mutation cost, per process (the server, its PostgreSQL
 * backends, this bench's own client), read from /proc: a machine shared with other work slows
 * the throughput, much less the CPU a mutation takes, and on two cores the CPU bounds the
 * throughput at 2,000 ms/s ÷ the total. Linux only; the CPU columns are left out elsewhere.
 *
 * `npm run bench -- sync`, or `npx tsx tests/bench/sync-bench.ts`. LANTERN_BENCH_SYNC_DEVICES
 * sets the concurrency (default 16); LANTERN_BENCH_SYNC_ENGINES=postgresql runs one engine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { openPgliteDatabase } from '../../server/db/pglite-database';
import { openPostgresDatabase } from '../../server/db/postgres-database';
import { migrate } from '../../server/db/migrate';
import { insertRows } from '../../server/db/insert-rows';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { AUDIT_COLUMNS, generateAudits } from '../../server/demo/synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from '../../server/demo/synthetic-answers';
import { seededRandom } from '../../shared/random/seeded-random';
import { startServer, type ServerProcess } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
import { addAllocations, addAuditor, type AllocationRef } from '../support/sync-world';
import { pullOverHttp, signInOverHttp, type HttpSession } from '../support/sync-http';
import { benchHttpClient } from './bench-http-client';
import { draftFor, mutation } from '../support/sync-fixtures';
import { median, ms, percentile } from './statistics';

const DEVICES = Number(process.env.LANTERN_BENCH_SYNC_DEVICES ?? 16);
const RUNS = 3;
/** Each workload: audits per device (= mutations per push) and pushes per device. */
const WORKLOADS = [
  { label: '1 mutation a push', auditsPerDevice: 1, rounds: 60 },
  { label: '10 mutations a push', auditsPerDevice: 10, rounds: 8 },
];
const FIRST_PULL_AUDITS = 1_000;

interface Target {
  label: string;
  /** The database's own server processes (PostgreSQL's backends), whose CPU a run also costs. */
  databasePids?(): Promise<number[]>;
  env: Record<string, string>;
  dataDir?: string;
  /** The database in-process, only while no server holds it (PGlite serves one process). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lantern-sync-bench-'));
  return {
    label: 'PGlite',
    env: { LANTERN_CLIENT_BUILD: 'skip' },
    dataDir,
    open: () => openPgliteDatabase(join(dataDir, 'pglite')),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createPostgresTestDatabase(adminUrl);
  const name = new URL(database.url).pathname.slice(1);
  return {
    label: 'PostgreSQL',
    async databasePids() {
      const admin = await openPostgresDatabase(adminUrl, 1);
      try {
        const rows = await admin.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        return rows.map((r) => r.pid);
      } finally {
        await admin.close();
      }
    },
    env: { LANTERN_CLIENT_BUILD: 'skip', DATABASE_URL: database.url },
    open: () => openPostgresDatabase(database.url, 2),
    drop: database.drop,
  };
}

interface Prepared {
  /** Per workload run: one auditor per device group, each device its own audits. */
  auditors: { email: string; allocations: AllocationRef[] }[];
  readerEmail: string;
}

/** Everything the runs need, written before the server starts. */
async function prepare(db: Database): Promise<Prepared> {
  await migrate(db);
  await seedFirstStart(db, { demo: true });
  const perRun = WORKLOADS.reduce((n, w) => n + DEVICES * w.auditsPerDevice, 0);
  const auditors: Prepared['auditors'] = [];
  // Four devices per auditor; enough allocations for a warm-up and every measured run.
  for (let a = 0; a < Math.ceil(DEVICES / 4); a++) {
    const email = `bench-${a}-${randomUUID().slice(0, 6)}@bench.lantern.invalid`;
    const id = await addAuditor(db, email);
    auditors.push({
      email,
      allocations: await addAllocations(
        db,
        id,
        Math.ceil((perRun * (RUNS + 1)) / Math.ceil(DEVICES / 4)) + 10,
      ),
    });
  }
  // The device that pulls 1,000 audits from nothing.
  const readerEmail = `bench-reader-${randomUUID().slice(0, 6)}@bench.lantern.invalid`;
  const readerId = await addAuditor(db, readerEmail);
  const cases = await addAllocations(db, readerId, 50);
  const [team] = await db.query<{ id: string; case_type: string }>(
    'SELECT c.team_id AS id, c.case_type FROM cases c WHERE c.id = $1',
    [cases[0]?.case_id],
  );
  const end = new Date();
  const start = new Date(end.getTime() - 365 * 86_400_000);
  const rows = [
    ...generateAudits(seededRandom(7), {
      count: FIRST_PULL_AUDITS,
      cases: cases.map((c) => ({ id: c.case_id, teamId: team?.id ?? '', caseType: team?.case_type ?? '' })),
      auditorIds: [readerId],
      framework: DEFAULT_FRAMEWORK_REF,
      trend: { from: 0.4, to: 0.6, start, end },
      answersFor: (grade, random) => syntheticAnswers(grade, random),
    }),
  ];
  await db.transaction((tx) => insertRows(tx, 'audits', AUDIT_COLUMNS, rows));
  await db.exec('ANALYZE');
  return { auditors, readerEmail };
}

/** Hands out allocations so that no two runs edit the same audit. */
function allocator(prepared: Prepared) {
  const next = prepared.auditors.map(() => 0);
  return (auditorIndex: number, count: number): AllocationRef[] => {
    const pool = prepared.auditors[auditorIndex]?.allocations ?? [];
    const start = next[auditorIndex] ?? 0;
    next[auditorIndex] = start + count;
    const out = pool.slice(start, start + count);
    if (out.length < count) throw new Error('not enough allocations prepared');
    return out;
  };
}

/** CPU time (user + system) of a process so far, in ms; null where /proc cannot tell. */
async function cpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux this runs on (it is not readable from Node without a child process). */
const CLOCK_TICKS = 100;

interface CpuReading {
  server: number | null;
  database: Map<number, number>;
  bench: number;
}

async function readCpu(server: ServerProcess, target: Target): Promise<CpuReading> {
  const database = new Map<number, number>();
  for (const pid of (await target.databasePids?.()) ?? []) {
    const used = await cpuMs(pid);
    if (used !== null) database.set(pid, used);
  }
  const { user, system } = process.cpuUsage();
  return {
    server: server.child.pid ? await cpuMs(server.child.pid) : null,
    database,
    bench: (user + system) / 1000,
  };
}

/** CPU ms per mutation between two readings (a backend that started between them counts from 0). */
function cpuPerMutation(before: CpuReading, after: CpuReading, mutations: number) {
  const server = after.server !== null && before.server !== null ? after.server - before.server : Number.NaN;
  let database = 0;
  for (const [pid, used] of after.database) database += used - (before.database.get(pid) ?? 0);
  return {
    server: server / mutations,
    database: after.database.size > 0 ? database / mutations : Number.NaN,
    bench: (after.bench - before.bench) / mutations,
  };
}

interface RunFigures {
  mutationsPerSecond: number;
  /** CPU ms per mutation of each process (NaN where not measured). */
  cpu: { server: number; database: number; bench: number };
  lags: number[];
  /** Acknowledged, and never pulled within 10 s of the load's end (a bug if not 0). */
  unseen: number;
  /** How many times the reader pulled while the devices pushed (its load is part of the run's). */
  pulls: number;
}

/** DEVICES devices push `rounds` times each; a reader of auditor 0 pulls in a loop meanwhile. */
async function pushRun(
  target: Target,
  server: ServerProcess,
  client: ReturnType<typeof benchHttpClient>,
  sessions: HttpSession[],
  take: (auditor: number, count: number) => AllocationRef[],
  workload: (typeof WORKLOADS)[number],
): Promise<RunFigures> {
  const devices = Array.from({ length: DEVICES }, (_, d) => {
    const auditor = d % sessions.length;
    return {
      auditor,
      session: sessions[auditor],
      audits: take(auditor, workload.auditsPerDevice),
      deviceId: randomUUID(),
    };
  });
  // Auditor 0's audits: when each revision was acknowledged, and when the reader first had it.
  const ackedAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const seenRev = new Map<string, number>();
  let pushing = true;
  let pulls = 0;

  const reader = sessions[0];
  const readerLoop = (async () => {
    if (!reader) return;
    let checkpoint: string | undefined;
    // Start from now: skip what exists, then follow.
    for (;;) {
      const page = await client.pull(reader, checkpoint, 500);
      checkpoint = page.checkpoint;
      if (!page.hasMore) break;
    }
    while (pushing) {
      const page = await client.pull(reader, checkpoint, 500);
      pulls++;
      const now = performance.now();
      checkpoint = page.checkpoint;
      for (const doc of page.audits) {
        for (let rev = (seenRev.get(doc.id) ?? 0) + 1; rev <= doc.rev; rev++)
          seenAt.set(`${doc.id}@${rev}`, now);
        seenRev.set(doc.id, Math.max(doc.rev, seenRev.get(doc.id) ?? 0));
      }
    }
  })();

  const cpuBefore = await readCpu(server, target);
  const t0 = performance.now();
  await Promise.all(
    devices.map(async (device) => {
      if (!device.session) return;
      for (let round = 0; round < workload.rounds; round++) {
        const mutations = device.audits.map((a, i) =>
          mutation(
            draftFor(a, { 'plan.evidence': { kind: 'text', value: `round ${round} audit ${i}` } }),
            round,
          ),
        );
        const reply = await client.push(device.session, device.deviceId, mutations);
        const at = performance.now();
        if (device.auditor === 0) for (const { id, rev } of reply.applied) ackedAt.set(`${id}@${rev}`, at);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuAfter = await readCpu(server, target);
  const pullsWhilePushing = pulls;
  // Let the reader catch up with the last pushes before it stops.
  const deadline = performance.now() + 10_000;
  while ([...ackedAt.keys()].some((key) => !seenAt.has(key)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  pushing = false;
  await readerLoop;
  // Pulled before its push was answered (the reply still on its way) counts as no lag.
  const lags = [...ackedAt.entries()].flatMap(([key, at]) => {
    const seen = seenAt.get(key);
    return seen === undefined ? [] : [Math.max(0, seen - at)];
  });
  const unseen = ackedAt.size - lags.length;
  const total = DEVICES * workload.auditsPerDevice * workload.rounds;
  return {
    mutationsPerSecond: total / seconds,
    cpu: cpuPerMutation(cpuBefore, cpuAfter, total),
    pulls: pullsWhilePushing,
    lags,
    unseen,
  };
}

async function firstPull(
  server: ServerProcess,
  session: HttpSession,
  limit: number,
): Promise<{ ms: number; audits: number }> {
  const t0 = performance.now();
  let checkpoint: string | undefined;
  let audits = 0;
  for (;;) {
    const page = await pullOverHttp(server.url, session, checkpoint, limit);
    audits += page.audits.length;
    checkpoint = page.checkpoint;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - t0, audits };
}

async function engineFigures(make: () => Promise<Target>): Promise<void> {
  const target = await make();
  let server: ServerProcess | undefined;
  try {
    const db = await target.open();
    let prepared: Prepared;
    try {
      prepared = await prepare(db);
    } finally {
      await db.close();
    }
    server = await startServer({ env: target.env, dataDir: target.dataDir });
    const running = server;
    const sessions = await Promise.all(prepared.auditors.map((a) => signInOverHttp(running.url, a.email)));
    const take = allocator(prepared);
    const client = benchHttpClient(server.url, DEVICES);
    console.log(
      `${target.label}: ${DEVICES} devices on ${sessions.length} auditors, median of ${RUNS} runs, each workload after one uncounted warm-up run of the same length`,
    );
    for (const workload of WORKLOADS) {
      // A server just started runs its code cold (the JIT has not compiled it yet): not counted.
      await pushRun(target, server, client, sessions, take, workload);
      const runs: RunFigures[] = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(await pushRun(target, server, client, sessions, take, workload));
      const rates = runs.map((r) => r.mutationsPerSecond);
      const lags = runs.flatMap((r) => r.lags);
      const unseen = runs.reduce((n, r) => n + r.unseen, 0);
      console.log(
        `  push, ${workload.label}: median ${median(rates).toFixed(0)} mutations/s (runs: ${rates.map((r) => r.toFixed(0)).join(', ')}); pull lag under load median ${ms(median(lags))}, p95 ${ms(percentile(lags, 0.95))}, max ${ms(Math.max(...lags))} (${lags.length} changes${unseen > 0 ? `, ${unseen} NEVER PULLED` : ''})`,
      );
      const cpu = (part: keyof RunFigures['cpu']) => median(runs.map((r) => r.cpu[part]));
      const total = cpu('server') + (Number.isNaN(cpu('database')) ? 0 : cpu('database')) + cpu('bench');
      console.log(
        `    CPU a mutation (median): server ${cpu('server').toFixed(3)} ms, database ${Number.isNaN(cpu('database')) ? 'in the server' : `${cpu('database').toFixed(3)} ms`}, this bench's client ${cpu('bench').toFixed(3)} ms; bound on 2 cores: ${(2000 / total).toFixed(0)} mutations/s; the reader pulled ${runs.map((r) => r.pulls).join(', ')} times`,
      );
    }
    const reader = await signInOverHttp(server.url, prepared.readerEmail);
    for (const limit of [200, 500]) {
      const times: number[] = [];
      let audits = 0;
      for (let i = 0; i < RUNS; i++) {
        const result = await firstPull(server, reader, limit);
        times.push(result.ms);
        audits = result.audits;
      }
      console.log(
        `  first pull, ${audits} audits and 50 allocations, ${limit} a page: median ${ms(median(times))} (runs: ${times.map((v) => v.toFixed(0)).join(', ')} ms)`,
      );
    }
    client.close();
  } finally {
    await server?.stop();
    await target.drop();
  }
}

/** LANTERN_BENCH_SYNC_ENGINES=postgresql (or pglite) runs one engine only. */
const ENGINES = (process.env.LANTERN_BENCH_SYNC_ENGINES ?? 'pglite,postgresql').split(',');

export async function run(): Promise<void> {
  if (ENGINES.includes('pglite')) await engineFigures(pgliteTarget);
  if (ENGINES.includes('postgresql')) await engineFigures(postgresTarget);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
