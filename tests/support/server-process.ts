/**
 * Starts Lantern as a real server process (`server/main.ts`, as `npm start` does) on a free
 * port with its own data directory or database, and stops it. Used by end-to-end tests,
 * start-up tests and benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  output(): string;
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
    env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
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
    child,
    stop: () => finish('SIGTERM'),
    kill: () => finish('SIGKILL'),
  };
}
