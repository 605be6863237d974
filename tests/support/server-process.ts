/**
 * Starts Lantern as a real server process (`server/main.ts`, as `npm start` does) on a free
 * port with its own data directory or database, and stops it. Used by end-to-end tests,
 * start-up tests and benchmarks.
 *
 * In an end-to-end run (LANTERN_E2E_RUN set, as playwright.config.ts does), every server's
 * stdout and stderr are also appended to a file of that run (`serverLogDir`), so the whole
 * run's logs can be searched afterwards for what must never be logged
 * (tests/log-hygiene/check-run-logs.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Run server/main.ts to completion or readiness; resolves with its exit code if it exits first. */
export function spawnLantern(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // The engine is the caller's choice: an inherited DATABASE_URL (CI sets one) must not leak in.
    // The log level too: the tests read the start-up lines (info), whatever vitest's own level.
    env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: '', LANTERN_LOG_LEVEL: 'info', ...env },
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

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lantern-e2e-')));
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
