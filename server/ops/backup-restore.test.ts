/**
 * `npm run backup` and `npm run restore`, run as docs/OPERATIONS.md says, on both engines: the
 * two-service world is backed up and restored into a fresh database, and every table's rows
 * (and every sequence) compare equal; the restore gives a new server epoch; a database that is
 * not empty is replaced only with --force; a damaged backup changes nothing; the embedded
 * database is never copied or replaced under a running server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { openPgliteDatabase } from '../db/pglite-database';
import { openPostgresDatabase } from '../db/postgres-database';
import { claimDataDir } from '../db/data-dir-lock';
import { createTestApp } from '../../tests/support/test-app';
import { buildTwoServiceWorld } from '../../tests/support/two-service-world';
import { createPostgresTestDatabase } from '../../tests/support/test-databases';
import { ROOT } from '../../tests/support/server-process';
import { tableRows } from '../../tests/support/table-rows';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-backup-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm run <script> -- <args>` as an operator types it, with the engine's settings. */
function npmRun(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LANTERN_DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (code) => resolve({ code, output: output.trim() }));
  });
}

/** A Lantern database holding the two-service world, closed again, at `open()`. */
async function seedWorld(open: () => Promise<Database>): Promise<void> {
  const db = await open();
  const t = await createTestApp(
    { engine: db.engine, create: async () => ({ db, drop: () => db.close() }) },
    {
      demo: false,
    },
  );
  await buildTwoServiceWorld(t);
  await t.close();
}

/** Every table but the epoch, which a restore changes on purpose; and the epoch. */
async function snapshotOf(open: () => Promise<Database>) {
  const db = await open();
  try {
    const [epoch] = await db.query<{ epoch: string }>('SELECT epoch::text AS epoch FROM server_epoch');
    return { rows: await tableRows(db, ['server_epoch']), epoch: epoch?.epoch };
  } finally {
    await db.close();
  }
}

interface EngineUnderTest {
  /** The settings for a source and a target database, and how to open each. */
  source: { env: Record<string, string>; open: () => Promise<Database> };
  target: { env: Record<string, string>; open: () => Promise<Database> };
}

async function pgliteEngine(): Promise<EngineUnderTest> {
  const [a, b] = [await tempDir(), await tempDir()];
  return {
    source: { env: { LANTERN_DATA_DIR: a }, open: () => openPgliteDatabase(join(a, 'pglite')) },
    target: { env: { LANTERN_DATA_DIR: b }, open: () => openPgliteDatabase(join(b, 'pglite')) },
  };
}

async function postgresEngine(adminUrl: string): Promise<EngineUnderTest> {
  const [a, b] = [await createPostgresTestDatabase(adminUrl), await createPostgresTestDatabase(adminUrl)];
  cleanups.push(
    () => a.drop(),
    () => b.drop(),
  );
  return {
    source: { env: { DATABASE_URL: a.url }, open: () => openPostgresDatabase(a.url, 2) },
    target: { env: { DATABASE_URL: b.url }, open: () => openPostgresDatabase(b.url, 2) },
  };
}

const engines: [string, () => Promise<EngineUnderTest>][] = [['pglite', pgliteEngine]];
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) engines.push(['postgresql', () => postgresEngine(adminUrl)]);

describe.each(engines)('backup and restore on %s', (_engine, setUp) => {
  it('restores every table’s rows as they were backed up, with a new epoch; replaces only with --force; a damaged file changes nothing', async () => {
    const { source, target } = await setUp();
    await seedWorld(source.open);
    const file = join(await tempDir(), 'lantern.backup');

    const backup = await npmRun('backup', [file], source.env);
    expect(backup.output).toMatch(/^lantern: backed up the .* to .*lantern\.backup \(\d+ bytes\)$/);
    expect(backup.code).toBe(0);

    const restore = await npmRun('restore', [file], target.env);
    expect(restore.output).toMatch(/^lantern: restored .*; devices will pull everything again$/);
    expect(restore.code).toBe(0);

    const before = await snapshotOf(source.open);
    const after = await snapshotOf(target.open);
    expect(Object.keys(before.rows).length).toBeGreaterThan(40);
    expect(before.rows.audits?.length).toBeGreaterThan(0);
    expect(after.rows).toEqual(before.rows);
    expect(after.epoch).not.toBe(before.epoch);

    // Not empty now: refused without --force, and nothing changed.
    const refused = await npmRun('restore', [file], target.env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/a restore replaces (it|everything in it): add --force to do so$/);

    // A damaged backup (cut short) fails whole, even with --force.
    const damaged = join(await tempDir(), 'damaged.backup');
    const bytes = await readFile(file);
    await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const failed = await npmRun('restore', [damaged, '--force'], target.env);
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(
      /^lantern: .*(cannot be read to its end \(damaged or cut short\); nothing was changed|cannot be read as a PostgreSQL backup|The restore failed and changed nothing)/,
    );
    expect((await snapshotOf(target.open)).rows).toEqual(before.rows);

    // With --force the good backup replaces it again.
    const forced = await npmRun('restore', [file, '--force'], target.env);
    expect(forced.code).toBe(0);
    expect((await snapshotOf(target.open)).rows).toEqual(before.rows);
  }, 240_000);

  it('says how to use it when the file is missing, and refuses a backup of the other engine', async () => {
    const { source, target } = await setUp();
    const usage = await npmRun('restore', [], target.env);
    expect(usage).toEqual({ code: 1, output: 'lantern: usage: npm run restore -- FILE [--force]' });
    const wrong = join(await tempDir(), 'not-a-backup');
    await writeFile(wrong, 'hello');
    const refused = await npmRun('restore', [wrong], source.env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is not (a PostgreSQL backup|a copy of the embedded database)$/);
  }, 60_000);
});

describe('backup of the embedded database', () => {
  it('refuses while a server holds the data folder, saying to stop it first', async () => {
    const dir = await tempDir();
    await seedWorld(() => openPgliteDatabase(join(dir, 'pglite')));
    const server = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void server.kill());
    await claimDataDir(dir, { pid: server.pid! });
    const file = join(await tempDir(), 'lantern.backup');
    const refused = await npmRun('backup', [file], { LANTERN_DATA_DIR: dir });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`is in use by another Lantern process (pid ${server.pid})`);
    expect(refused.output).toContain('stop Lantern before backing up or restoring the embedded database');
    await expect(readFile(file)).rejects.toThrow();
  }, 120_000);
});
