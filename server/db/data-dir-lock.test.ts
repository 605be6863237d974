/**
 * The data-folder lock: of many claimants at once exactly one wins, a lock whose holder died is
 * taken over (by exactly one of many), and a live holder is never displaced. Claimants are real
 * live processes (children that sleep), so "alive" is the operating system's answer; the last
 * test starts two separate Node processes that claim one folder at the same moment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tests/support/server-process';
import { claimDataDir, LOCK_FILE, releaseDataDir } from './data-dir-lock';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lantern-lock-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `count` live processes whose pids can hold the lock. */
function liveProcesses(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(() => void child.kill());
    return child;
  });
}

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true', [], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const claims = (dir: string, pids: number[]) =>
  Promise.allSettled(pids.map((pid) => claimDataDir(dir, { pid })));

describe('the data-folder lock', () => {
  it('lets exactly one of eight claimants started at once hold the folder', async () => {
    const dir = await tempDir();
    const pids = liveProcesses(8).map((child) => child.pid!);
    const results = await claims(dir, pids);
    const winners = pids.filter((_, i) => results[i]!.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(Number(await readFile(join(dir, LOCK_FILE), 'utf8'))).toBe(winners[0]);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(String(result.reason)).toContain(`is in use by another Lantern process (pid ${winners[0]})`);
    }
  });

  it('takes over a lock whose holder is no longer running, for exactly one of eight', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), String(await deadPid()));
    const pids = liveProcesses(8).map((child) => child.pid!);
    const results = await claims(dir, pids);
    const winners = pids.filter((_, i) => results[i]!.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(Number(await readFile(join(dir, LOCK_FILE), 'utf8'))).toBe(winners[0]);
    // Nothing of the takeover is left behind.
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE]);
  });

  it('treats an empty or unreadable lock file as stale', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), 'not a pid');
    const [holder] = liveProcesses(1);
    await claimDataDir(dir, { pid: holder!.pid! });
    expect(Number(await readFile(join(dir, LOCK_FILE), 'utf8'))).toBe(holder!.pid);
  });

  it('keeps a live holder’s claim, and a release by anyone else leaves it', async () => {
    const dir = await tempDir();
    const [holder, other] = liveProcesses(2).map((child) => child.pid!);
    await claimDataDir(dir, { pid: holder! });
    await expect(claimDataDir(dir, { pid: other!, purpose: 'stop it first' })).rejects.toThrow(
      `in use by another Lantern process (pid ${holder}); the embedded database serves one process — use DATABASE_URL for several; stop it first`,
    );
    await releaseDataDir(dir, other!);
    expect(Number(await readFile(join(dir, LOCK_FILE), 'utf8'))).toBe(holder);
    // The holder may claim again (a process reopening its own folder), then gives it back.
    await claimDataDir(dir, { pid: holder! });
    await releaseDataDir(dir, holder!);
    expect(await readdir(dir)).toEqual([]);
    await claimDataDir(dir, { pid: other! });
  });

  it('clears a takeover file left by a claimant that died while taking over', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), String(await deadPid()));
    await writeFile(join(dir, `${LOCK_FILE}.takeover`), String(await deadPid()));
    const [holder] = liveProcesses(1);
    await claimDataDir(dir, { pid: holder!.pid! });
    expect(Number(await readFile(join(dir, LOCK_FILE), 'utf8'))).toBe(holder!.pid);
  });

  it('lets exactly one of two separate processes started together hold the folder', async () => {
    const dir = await tempDir();
    // Each process claims, says how it went, and holds its claim until its stdin closes.
    const script = `
      import { claimDataDir } from './server/db/data-dir-lock.ts';
      try { await claimDataDir(process.argv[1]); console.log('WON'); process.stdin.resume(); }
      catch (error) { console.log('LOST ' + error.message); }`;
    const openers = [0, 1].map(() => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      cleanups.push(() => void child.kill());
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const said = new Promise<string>((resolve) =>
        child.stdout.on('data', () => /\n/.test(out) && resolve(out.trim())),
      );
      return { child, said };
    });
    const lines = await Promise.all(openers.map((opener) => opener.said));
    expect(lines.filter((line) => line === 'WON')).toHaveLength(1);
    const winner = openers[lines.indexOf('WON')]!.child.pid;
    expect(lines.find((line) => line !== 'WON')).toContain(
      `in use by another Lantern process (pid ${winner})`,
    );
    for (const opener of openers) opener.child.stdin.end();
  });
});
