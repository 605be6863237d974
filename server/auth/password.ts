/**
 * Password hashing with scrypt (memory-hard, in Node's own crypto: no native add-on to
 * build). Stored as `scrypt$N$r$p$salt$hash` so the cost can rise later without breaking
 * existing hashes: a hash made at a lower cost than the one configured is redone at the next
 * successful sign-in (`needsRehash`).
 *
 * scrypt runs on libuv's thread pool (never on the event loop), and at most
 * `MAX_CONCURRENT_HASHES` at once per process: the pool has four threads by default and also
 * serves file and DNS work, so a burst of sign-ins must not take all of it, nor 32 MiB each
 * without bound. Those waiting queue in order; past `MAX_QUEUED_HASHES` a request is refused
 * at once ("busy, try again") rather than left to wait behind a flood.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { appError } from '../../shared/errors/app-error';

/** scrypt's cost: N = 2^logN, block size r, parallelism p. */
export interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

// N=2^15, r=8: 32 MiB per hash (OWASP's scrypt guidance is at least N=2^17 with r=8, p=1 or an
// equivalent; 2^15 with r=8 keeps sign-in under ~100 ms on the 2-core machines this runs on).
// LANTERN_SCRYPT_COST raises it where the hardware allows.
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 15, r: 8, p: 1 };
/** The range LANTERN_SCRYPT_COST accepts: below 2^14 is too cheap, 2^20 with r=8 is 1 GiB. */
export const SCRYPT_LOG_N_RANGE = { min: 14, max: 20 } as const;

export const MAX_CONCURRENT_HASHES = 2;
export const MAX_QUEUED_HASHES = 64;
const KEY_LENGTH = 32;

/** Memory scrypt needs for N and r (128·N·r bytes), with room for its own bookkeeping. */
const maxmemFor = (n: number, r: number): number => 128 * n * r * 2 + 1024 * 1024;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when a hashing slot is free; refuses when too many are already waiting. */
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_QUEUED_HASHES) {
      throw appError('unavailable', 'Lantern is busy signing other people in. Try again in a few seconds.');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line (running stays the same), or is freed.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** How many hashes run and wait right now (for tests and measurements). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
  withSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password, salt, length, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );

export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const n = 2 ** cost.logN;
  const key = await scrypt(password, salt, KEY_LENGTH, {
    N: n,
    r: cost.r,
    p: cost.p,
    maxmem: maxmemFor(n, cost.r),
  });
  return ['scrypt', n, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: maxmemFor(Number(n), Number(r)),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made at a cost other than `cost` (redo it once the password is known). */
export function needsRehash(stored: string, cost: ScryptCost): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== 2 ** cost.logN || Number(r) !== cost.r || Number(p) !== cost.p;
}
