/**
 * Starts Lantern as a real server process on a free port with its own data directory or
 * database, and stops it. Used by end-to-end tests, start-up tests and benchmarks. The process
 * runs the compiled server (`dist-server/main.js`, built by server/build/build-server.mjs when a
 * source is newer than it), as `npm start` does: what is tested is what councils run, and a
 * start is about a second and a half quicker than through a TypeScript loader.
 *
 * In an end-to-end run (LANTERN_E2E_RUN set, as playwright.config.ts does), every server's
 * stdout and stderr are also appended to a file of that run (`serverLogDir`), so the whole
 * run's logs can be searched afterwards for what must never be logged
 * (tests/log-hygiene/check-run-logs.ts).
 *
 * Seeding the demo is most of a start, so in an end-to-end run (LANTERN_E2E_PREPARED_DIR set,
 * as playwright.config.ts does) a demo server on a new data directory starts from a copy of the
 * demo as a first start left it (`preparedDemo`), and only checks the migrations; every server
 * still has its own directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_OUT_DIR, ensureServerBuild } from '../../server/build/build-server.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the servers of one end-to-end run write their logs. */
export const serverLogDir = (run: string): string => join(ROOT, 'test-results', `server-logs-${run}`);

/**
 * The log as a person reads it: each JSON line's message, and the lines of any list it holds
 * (the first-admin steps), unescaped; other lines (a failed start's stderr) as they are.
 */
export function readableLog(output: string): string {
  return output
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const lists = Object.values(entry).filter(
          (value): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string'),
        );
        return [String(entry.msg ?? ''), ...lists.flat()];
      } catch {
        return [line];
      }
    })
    .join('\n');
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
  /** The output as readableLog reads it. */
  messages(): string;
  /** SIGTERM and wait; PGlite flushes on the way out. */
  stop(): Promise<void>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
  child: ChildProcess;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  dataDir?: string;
  /** A fixed port (to restart "the same server"); default: any free port. */
  port?: number;
  timeoutMs?: number;
}

/** The compiled server's entry point, built once per process when its sources changed. */
let serverBuild: Promise<string> | null = null;
export function compiledServer(): Promise<string> {
  serverBuild ??= ensureServerBuild();
  return serverBuild;
}

/**
 * Run the compiled server to completion or readiness; resolves with its exit code if it exits
 * first. The caller has built it (`compiledServer`; the test runners' global setups do).
 */
export function spawnLantern(env: Record<string, string | undefined>) {
  const entry = join(SERVER_OUT_DIR, 'main.js');
  if (!existsSync(entry))
    throw new Error(`The compiled server is missing (${entry}): await compiledServer() first.`);
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    // The engine is the caller's choice: an inherited DATABASE_URL (CI sets one) must not leak in.
    // The log level too: the tests read the start-up lines (info), whatever vitest's own level.
    // The test runners' own variables are no settings of Lantern's (it would warn of them).
    env: {
      ...process.env,
      LANTERN_E2E_PREPARED_DIR: undefined,
      LANTERN_TEST_RUN: undefined,
      LANTERN_TEST_LOAD: undefined,
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      LANTERN_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const run = process.env.LANTERN_E2E_RUN;
  let file: NodeJS.WritableStream | null = null;
  if (run) {
    mkdirSync(serverLogDir(run), { recursive: true });
    file = createWriteStream(join(serverLogDir(run), `server-${child.pid ?? 'unknown'}.log`), { flags: 'a' });
    child.once('close', () => file?.end());
  }
  const take = (chunk: Buffer): void => {
    text += chunk.toString();
    file?.write(chunk);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Each process prepares, or finds, the day's demo once. */
const preparedDemos = new Map<string, Promise<string>>();

/**
 * The embedded database of a demo first start made today (UTC; the demo's dates follow the
 * day it is seeded), prepared by starting a server once on a directory of its own and stopping
 * it. It is published whole, by one rename, so a process never copies half of one; a process
 * that loses that race keeps the other's.
 */
export function preparedDemo(folder: string, timeoutMs: number): Promise<string> {
  const day = new Date().toISOString().slice(0, 10);
  let prepared = preparedDemos.get(day);
  if (!prepared) {
    prepared = prepareDemo(join(folder, `demo-${day}`), timeoutMs);
    preparedDemos.set(day, prepared);
    prepared.catch(() => preparedDemos.delete(day));
  }
  return prepared;
}

async function prepareDemo(target: string, timeoutMs: number): Promise<string> {
  const database = join(target, 'pglite');
  if (existsSync(database)) return database;
  await mkdir(target, { recursive: true });
  const building = await mkdtemp(join(target, 'building-'));
  try {
    const server = await launch({ dataDir: building, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs });
    await server.stop();
    await rename(join(building, 'pglite'), database).catch((error: unknown) => {
      if (!existsSync(database)) throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return database;
}

/** A server that would seed the demo on an empty embedded database: the case a copy replaces. */
const seedsTheDemo = (options: StartOptions, dataDir: string): boolean =>
  !options.env?.DATABASE_URL &&
  (options.env?.LANTERN_DEMO ?? process.env.LANTERN_DEMO ?? '1').trim() !== '0' &&
  !existsSync(join(dataDir, 'pglite'));

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lantern-e2e-')));
  const folder = process.env.LANTERN_E2E_PREPARED_DIR;
  if (folder && seedsTheDemo(options, dataDir)) {
    const demo = await preparedDemo(folder, options.timeoutMs ?? 60_000);
    await cp(demo, join(dataDir, 'pglite'), { recursive: true });
  }
  return launch({ ...options, dataDir }, !options.dataDir);
}

async function launch(options: StartOptions & { dataDir: string }, ownDir = false): Promise<ServerProcess> {
  await compiledServer();
  const dataDir = options.dataDir;
  const { child, output, exited } = spawnLantern({
    PORT: String(options.port ?? 0),
    LANTERN_DATA_DIR: dataDir,
    ...options.env,
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let port = 0;
  while (!port) {
    const match = /ready on http:\/\/localhost:(\d+)/.exec(output());
    if (match) port = Number(match[1]);
    else if (child.exitCode !== null) throw new Error(`Lantern exited with ${child.exitCode}:\n${output()}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Lantern did not start in time:\n${output()}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const finish = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null) child.kill(signal);
    await exited;
    if (ownDir && signal === 'SIGTERM') await rm(dataDir, { recursive: true, force: true });
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output,
    messages: () => readableLog(output()),
    child,
    stop: () => finish('SIGTERM'),
    kill: () => finish('SIGKILL'),
  };
}
