/**
 * Starting Lantern as `npm start` does, as a real process: each way a start can fail gives
 * one clear line and a non-zero exit; two processes against one PostgreSQL both come up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ROOT,
  compiledServer,
  spawnLantern,
  startServer,
  type ServerProcess,
} from '../tests/support/server-process';
import { FIRST_ADMIN_COMMAND } from '../shared/organisation/first-admin';
import { createPostgresTestDatabase } from '../tests/support/test-databases';
import { openPgliteDatabase } from './db/pglite-database';

const NO_BUILD = { LANTERN_CLIENT_BUILD: 'skip' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-start-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function failedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  await compiledServer();
  const run = spawnLantern({ ...NO_BUILD, ...env });
  const code = await run.exited;
  return { code, output: run.output().trim() };
}

describe('a start that cannot succeed', () => {
  it('names the PostgreSQL host and port it cannot reach, and never the password', async () => {
    const { code, output } = await failedStart({
      DATABASE_URL: 'postgres://lantern:s3cret-word@127.0.0.1:1/lantern',
      PORT: '0',
    });
    expect(code).not.toBe(0);
    expect(output).toBe(
      'lantern: Cannot use PostgreSQL at 127.0.0.1:1: connection refused (is PostgreSQL running and listening there?)',
    );
    expect(output).not.toContain('s3cret-word');
  });

  it('says the data directory is not writable', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const { code, output } = await failedStart({ LANTERN_DATA_DIR: join(file, 'data'), PORT: '0' });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /^lantern: Data directory .*a-file\/data is not writable \((ENOTDIR|EEXIST)\); set LANTERN_DATA_DIR/,
    );
  });

  it('says the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { code, output } = await failedStart({ PORT: String(port), LANTERN_DATA_DIR: await tempDir() });
    expect(code).not.toBe(0);
    expect(output).toBe(
      `lantern: Port ${port} is already in use; stop the other program or set PORT to a free port`,
    );
  });

  // This test and the next create an embedded database (an initdb) and start a server: on a
  // busy machine, beside another test file, that has taken more than the default 30 s.
  it('says which migration failed and applies nothing', async () => {
    const dir = await tempDir();
    // A database someone else already put a conflicting table into.
    const pglite = await openPgliteDatabase(join(dir, 'pglite'));
    await pglite.exec('CREATE TABLE teams (id int)');
    await pglite.close();
    const { code, output } = await failedStart({ LANTERN_DATA_DIR: dir, PORT: '0' });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /^lantern: Migration 001-initial failed: relation "teams" already exists; nothing was applied$/,
    );
    const after = await openPgliteDatabase(join(dir, 'pglite'));
    const tables = await after.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    await after.close();
    expect(tables.map((t) => t.table_name)).toEqual(['teams']);
  }, 120_000);

  it('refuses a second process on the same embedded data directory', async () => {
    const dir = await tempDir();
    // The lock is the point, not the demo: an empty start is quicker on a busy machine.
    const first = await startServer({ dataDir: dir, env: { ...NO_BUILD, LANTERN_DEMO: '0' } });
    cleanups.push(() => first.stop());
    const { code, output } = await failedStart({ LANTERN_DATA_DIR: dir, PORT: '0' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/is in use by another Lantern process \(pid \d+\)/);
  }, 120_000);
});

describe('a start that succeeds', () => {
  // Two starts, the first creating the embedded database and seeding the demo: as generous as
  // the empty start below, for a loaded machine.
  it(
    'serves health on the embedded database, and a restart applies nothing and keeps the data',
    {
      timeout: 150_000,
    },
    async () => {
      const dir = await tempDir();
      let server: ServerProcess = await startServer({ dataDir: dir, env: NO_BUILD });
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', engine: 'pglite', database: 'ok' });
      expect(server.output()).toMatch(/applied migrations 1/);
      expect(server.output()).toMatch(/created the demo organisation/);
      await server.stop();

      server = await startServer({ dataDir: dir, env: NO_BUILD });
      cleanups.push(() => server.stop());
      expect(server.output()).not.toMatch(/applied migrations/);
      expect(server.output()).not.toMatch(/created the demo organisation/);
      const org = await (await fetch(`${server.url}/api/organisation`)).json();
      expect(org).toMatchObject({ isDemo: true });
    },
  );

  it('starts empty with LANTERN_DEMO=0, says how to make the first admin, and that command works as said', async () => {
    const dir = await tempDir();
    const env = { ...NO_BUILD, LANTERN_DEMO: '0' };
    // Generous: a loaded machine takes a while to create the embedded database.
    const timeoutMs = 150_000;
    let server: ServerProcess = await startServer({ dataDir: dir, env, timeoutMs });
    expect(server.output()).toMatch(/started empty \(LANTERN_DEMO=0\)/);
    expect(server.output()).toMatch(/no admin yet/);
    expect(server.messages()).toContain(FIRST_ADMIN_COMMAND);
    expect(server.output()).toMatch(/Stop Lantern/);
    const before = (await (await fetch(`${server.url}/api/organisation`)).json()) as { firstAdmin: unknown };
    expect(before.firstAdmin).toMatchObject({ command: FIRST_ADMIN_COMMAND });
    await server.stop();

    // The command as the log gives it, typed into a shell, with the same settings (the data directory).
    const run = await promisify(execFile)('sh', ['-c', FIRST_ADMIN_COMMAND], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LANTERN_DATA_DIR: dir },
    });
    expect(run.stdout).toMatch(/you@council\.gov\.uk is an admin/);
    expect(run.stdout).toMatch(/\/set-password\?token=/);

    server = await startServer({ dataDir: dir, env, timeoutMs });
    cleanups.push(() => server.stop());
    expect(server.output()).not.toMatch(/no admin yet/);
    const after = (await (await fetch(`${server.url}/api/organisation`)).json()) as { firstAdmin: unknown };
    expect(after.firstAdmin).toBeNull();
  }, 480_000);

  it.runIf(process.env.DATABASE_URL)(
    'brings up two processes started together on one PostgreSQL, seeding once',
    async () => {
      const target = await createPostgresTestDatabase(process.env.DATABASE_URL ?? '');
      cleanups.push(() => target.drop());
      const env = { ...NO_BUILD, DATABASE_URL: target.url };
      const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
      cleanups.push(
        () => a.stop(),
        () => b.stop(),
      );
      for (const server of [a, b]) {
        const health = await (await fetch(`${server.url}/api/health`)).json();
        expect(health).toMatchObject({ status: 'ok', engine: 'postgresql' });
      }
      const logs = a.output() + b.output();
      expect(logs.match(/applied migrations/g)).toHaveLength(1);
      expect(logs.match(/created the demo organisation/g)).toHaveLength(1);
    },
  );
});
