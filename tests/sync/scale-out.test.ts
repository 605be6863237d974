/**
 * Scale-out, proven: three Lantern processes behind a real reverse proxy (HAProxy, from Debian's
 * packages: `.ci/run` installs it) on one PostgreSQL database. 50 devices push chains of
 * mutations through the proxy; one process is SIGKILLed mid-flight and started again. Afterwards
 * every mutation a device was told was applied is there exactly once, every one it did not hear
 * back about lands exactly once when it retries, and every device's pull, through the proxy and
 * so from whichever process, brings back every audit at its last revision with the last words.
 *
 * PostgreSQL only (the embedded database serves one process). Bounded to about a minute; its
 * figures are printed, and docs/PERFORMANCE.md keeps them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServer, type ServerProcess } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
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
import {
  HttpStatusError,
  pullOverHttp,
  pushOverHttp,
  signInOverHttp,
  type HttpSession,
} from '../support/sync-http';
import type { Mutation, MutationResult } from '../../shared/sync/protocol';
import { haproxyConfig } from '../support/haproxy-config';
import { pastPullHorizon } from '../support/sync-eventually';

const PROCESSES = 3;
const DEVICES = 50;
const AUDITS_PER_DEVICE = 2;
const CHAIN = 6;
const MUTATIONS = DEVICES * AUDITS_PER_DEVICE * CHAIN;
const AUDITORS = DEVICE_OWNERS;
/** The proxy's answers when the process it chose is gone: the device keeps the push and retries. */
const PROXY_GONE = new Set([502, 503, 504]);
const HAPROXY = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find(
  (path) => spawnSync(path, ['-v']).status === 0,
);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Device {
  session: HttpSession;
  deviceId: string;
  audits: string[];
  pushes: Mutation[][];
  next: number;
  acknowledged: Map<string, MutationResult>;
  retries: number;
}

const adminUrl = process.env.DATABASE_URL;

describe.runIf(adminUrl)('three processes behind HAProxy on one PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let db: Database | undefined;
  const servers: (ServerProcess | undefined)[] = [];
  let proxy: ChildProcess | undefined;
  let workDir = '';
  afterAll(async () => {
    proxy?.kill('SIGKILL');
    await Promise.all(servers.map((s) => s?.kill()));
    await db?.close();
    await database?.drop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('loses and doubles nothing when one process is killed and restarted under 50 pushing devices', async () => {
    if (!HAPROXY)
      throw new Error('HAProxy is needed for the scale-out test: apt-get install haproxy (.ci/run does).');
    const created = await createPostgresTestDatabase(adminUrl ?? '');
    database = created;
    db = await openPostgresDatabase(created.url, 3);
    const setUp = db;
    await migrate(setUp);
    await seedFirstStart(setUp, { demo: true, now: TEST_NOW });
    const allocationsByAuditor = await allocationsForDevices(setUp, AUDITORS, DEVICES, AUDITS_PER_DEVICE);

    // As docs/OPERATIONS.md runs them behind the proxy: one proxy adds to X-Forwarded-For.
    const env = {
      LANTERN_CLIENT_BUILD: 'skip',
      LANTERN_DEMO: '0',
      LANTERN_TRUST_PROXY: '1',
      DATABASE_URL: created.url,
    };
    const start = (port?: number) => startServer({ env, port });
    for (const server of await Promise.all(Array.from({ length: PROCESSES }, () => start())))
      servers.push(server);
    const ports = servers.map((s) => s?.port ?? 0);
    const proxyPort = await freePort();
    workDir = await mkdtemp(join(tmpdir(), 'lantern-scale-out-'));
    const configPath = join(workDir, 'haproxy.cfg');
    await writeFile(configPath, haproxyConfig(proxyPort, ports));
    let proxyOutput = '';
    proxy = spawn(HAPROXY, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stdout?.on('data', (chunk: Buffer) => (proxyOutput += chunk.toString()));
    proxy.stderr?.on('data', (chunk: Buffer) => (proxyOutput += chunk.toString()));
    const url = `http://127.0.0.1:${proxyPort}`;
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${url}/api/health/ready`).catch(() => null))?.status !== 200) {
      if (proxy.exitCode !== null || Date.now() > deadline)
        throw new Error(`HAProxy did not come up:\n${proxyOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Sessions live in the database: signed in through one process, honoured by every other.
    const sessions = await Promise.all(AUDITORS.map((email) => signInOverHttp(url, email)));
    const devices: Device[] = planDevices(
      sessions,
      allocationsByAuditor,
      DEVICES,
      AUDITS_PER_DEVICE,
      CHAIN,
    ).map(({ session, audits, pushes }) => ({
      session,
      deviceId: randomUUID(),
      audits,
      pushes,
      next: 0,
      acknowledged: new Map(),
      retries: 0,
    }));

    // Every device pushes its chain through the proxy, retrying a push it got no answer to (as
    // the client's sync runner does). A third of the way in, process 2 is killed; two thirds of
    // the way in, it is started again on its port and HAProxy's health check brings it back.
    let answers = 0;
    let killedAt = 0;
    let restarted: Promise<void> | undefined;
    const onAnswer = (): void => {
      answers++;
      if (answers === Math.floor((DEVICES * CHAIN) / 3)) {
        killedAt = answers;
        void servers[1]?.kill();
      }
      if (answers === Math.floor((2 * DEVICES * CHAIN) / 3))
        restarted = start(ports[1]).then((server) => {
          servers[1] = server;
        });
    };
    const started = performance.now();
    const giveUpAt = Date.now() + 60_000;
    await Promise.all(
      devices.map(async (device) => {
        while (device.next < CHAIN) {
          if (Date.now() > giveUpAt) throw new Error(`device ${device.deviceId} did not finish in a minute`);
          const sent = device.pushes[device.next] ?? [];
          let reply;
          try {
            reply = await pushOverHttp(url, device.session, device.deviceId, sent);
          } catch (error) {
            if (error instanceof HttpStatusError && !PROXY_GONE.has(error.status)) throw error;
            device.retries++;
            await new Promise((resolve) => setTimeout(resolve, 100));
            continue;
          }
          expect(reply.results).toMatchObject(
            sent.map((m) => ({ mutationId: m.mutationId, status: 'applied', rev: device.next + 1 })),
          );
          for (const result of reply.results) device.acknowledged.set(result.mutationId, result);
          device.next++;
          onAnswer();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await restarted;
    expect(killedAt).toBeGreaterThan(0);
    expect(servers[1]?.child.exitCode ?? null, 'the restarted process is running').toBeNull();

    // Exactly once: one revision per mutation, at its place in its chain, with its words.
    const revisions = await setUp.query<{
      audit_id: string;
      rev: number;
      mutation_id: string;
      answers: unknown;
    }>(
      'SELECT audit_id, rev, mutation_id::text, answers FROM audit_revisions WHERE device_id = ANY ($1::uuid[])',
      [devices.map((d) => d.deviceId)],
    );
    expect(revisions).toHaveLength(MUTATIONS);
    const byMutation = new Map(revisions.map((r) => [r.mutation_id, r]));
    for (const device of devices)
      for (const m of device.pushes.flat()) {
        expect(byMutation.get(m.mutationId)).toMatchObject({ rev: m.baseRev + 1, audit_id: m.snapshot.id });
        expect(byMutation.get(m.mutationId)?.answers).toEqual(m.snapshot.answers);
        const heard = device.acknowledged.get(m.mutationId);
        expect(heard?.status === 'applied' && heard.doc.answers).toEqual(m.snapshot.answers);
      }
    expect(await duplicatedRevisions(setUp)).toEqual([]);

    // Pulls miss nothing: each auditor's pull, page by page through the proxy, holds every
    // audit of theirs at its last revision with the last edit's words. A pull hands out a change
    // once every older transaction on the cluster has ended (another test file's, too): the
    // pulls start when that is so, and anything missing then is missed, not late.
    await pastPullHorizon(setUp);
    for (const [a, session] of sessions.entries()) {
      const pulled = new Map<string, { rev: number; answers: Record<string, unknown> }>();
      let checkpoint: string | undefined;
      for (let page = 0; page < 100; page++) {
        const reply = await pullOverHttp(url, session, checkpoint, 50);
        for (const audit of reply.audits) pulled.set(audit.id, { rev: audit.rev, answers: audit.answers });
        checkpoint = reply.checkpoint;
        if (!reply.hasMore) break;
      }
      for (const [i, device] of devices.entries()) {
        if (i % AUDITORS.length !== a) continue;
        for (const [j, auditId] of device.audits.entries())
          expect(pulled.get(auditId), `audit ${j} of device ${i}`).toMatchObject({
            rev: CHAIN,
            answers: { 'plan.evidence': { kind: 'text', value: `device ${i}, audit ${j}, edit ${CHAIN}` } },
          });
      }
    }

    const retries = devices.reduce((n, d) => n + d.retries, 0);
    console.info(
      `scale-out: ${PROCESSES} processes behind HAProxy, ${DEVICES} devices, ${MUTATIONS} mutations in ${seconds.toFixed(1)} s ` +
        `(${Math.round(MUTATIONS / seconds)}/s) with one process killed and restarted; ${retries} pushes retried; 0 lost, 0 doubled`,
    );
  }, 180_000);
});
