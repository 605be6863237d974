/**
 * The embedded database's data folder belongs to one process at a time (PGlite is one process's
 * database: a second process on the same folder would corrupt it). The claim is a file,
 * `lantern.pid`, holding the holder's process id, made atomically:
 * - the pid is written to a file of our own first, then hard-linked to `lantern.pid`: link()
 *   fails when the name exists, so of any number of processes starting together exactly one
 *   makes it, and nobody ever reads a half-written lock;
 * - a lock whose holder is no longer running (a crash, a power cut) is stale and may be taken
 *   over. Taking over is itself serialised by a second file made the same way
 *   (`lantern.pid.takeover`): only its holder may remove the stale lock, after reading it again,
 *   so two processes that both saw the same stale lock cannot both win. A takeover file left by
 *   a process that died in those few milliseconds is stale after TAKEOVER_STALE_MS.
 * The backup and restore commands claim the folder the same way, so they never copy or replace
 * it under a running server.
 */
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '../startup-error';

export const LOCK_FILE = 'lantern.pid';
const TAKEOVER_FILE = `${LOCK_FILE}.takeover`;
const TAKEOVER_STALE_MS = 10_000;

export interface ClaimOptions {
  /** Whose claim this is (tests claim for other live processes); the running process by default. */
  pid?: number;
  /** Words for the refusal: what the other holder would be doing. */
  purpose?: string;
}

/**
 * Claims `dataDir` for `pid`, or throws a StartupError naming the live holder.
 * A claim the same pid already holds is kept (a process may open its own folder again).
 */
export async function claimDataDir(dataDir: string, options: ClaimOptions = {}): Promise<void> {
  const pid = options.pid ?? process.pid;
  const lockPath = join(dataDir, LOCK_FILE);
  // Usually one round, or two when a stale lock is cleared first; more only while another
  // process is in the middle of taking over a stale lock (each wait is 50 ms).
  for (let round = 0; round < 200; round++) {
    if (await linkNew(lockPath, pid)) return;
    const holder = await readHolder(lockPath);
    if (holder === pid) return;
    if (holder !== null && isAlive(holder)) {
      throw new StartupError(
        `Data directory ${dataDir} is in use by another Lantern process (pid ${holder}); the embedded database serves one process — use DATABASE_URL for several${options.purpose ? `; ${options.purpose}` : ''}`,
      );
    }
    await clearStale(dataDir, lockPath, holder, pid);
  }
  throw new StartupError(`Data directory ${dataDir}: could not claim ${LOCK_FILE}; try again`);
}

/** Gives the folder back (a clean shutdown, the end of a backup): only the holder's own claim. */
export async function releaseDataDir(dataDir: string, pid: number = process.pid): Promise<void> {
  const lockPath = join(dataDir, LOCK_FILE);
  if ((await readHolder(lockPath)) === pid) await rm(lockPath, { force: true });
}

/** Makes `path` hold `pid`, atomically; false when the name is taken. */
async function linkNew(path: string, pid: number): Promise<boolean> {
  const own = `${path}.${pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(own, String(pid));
  try {
    await link(own, path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(own, { force: true });
  }
}

/** The pid in a lock file; null when it is missing or holds no pid. */
async function readHolder(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Removes the lock `stalePid` held, if it still holds it, under the takeover file; when another
 * process is taking over, leaves it to them (the caller then tries to claim again).
 */
async function clearStale(dataDir: string, lockPath: string, stalePid: number | null, pid: number) {
  const takeoverPath = join(dataDir, TAKEOVER_FILE);
  if (!(await linkNew(takeoverPath, pid))) {
    const age = await stat(takeoverPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    const taker = await readHolder(takeoverPath);
    if (age > TAKEOVER_STALE_MS || (taker !== null && !isAlive(taker))) {
      await rm(takeoverPath, { force: true });
    } else {
      await waitBriefly();
    }
    return;
  }
  try {
    if ((await readHolder(lockPath)) === stalePid) await rm(lockPath, { force: true });
  } finally {
    await rm(takeoverPath, { force: true });
  }
}

const waitBriefly = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
