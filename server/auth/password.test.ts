/**
 * Password hashing: the cost travels in the stored hash, a hash at another cost is redone, and
 * scrypt runs off the event loop, at most two at a time per process.
 */
import { describe, expect, it } from 'vitest';
import { hashingLoad, hashPassword, MAX_CONCURRENT_HASHES, needsRehash, verifyPassword } from './password';

const CHEAP = { logN: 14, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores the cost it used, and verifies with it', async () => {
    const hash = await hashPassword('a long enough passphrase', CHEAP);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('another passphrase', hash)).toBe(false);
    expect(needsRehash(hash, CHEAP)).toBe(false);
    expect(needsRehash(hash, { ...CHEAP, logN: 15 })).toBe(true);
  });

  it('runs at most two hashes at once, and never blocks the event loop', async () => {
    let worstLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstLag = Math.max(worstLag, now - last - 5);
      last = now;
    }, 5);
    let peak = 0;
    const watcher = setInterval(() => {
      peak = Math.max(peak, hashingLoad().running);
    }, 1);
    try {
      const hashes = Array.from({ length: 8 }, (_, i) => hashPassword(`passphrase number ${i}`, CHEAP));
      expect(hashingLoad().waiting).toBe(8 - MAX_CONCURRENT_HASHES);
      await Promise.all(hashes);
    } finally {
      clearInterval(ticker);
      clearInterval(watcher);
    }
    expect(peak).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
    expect(worstLag).toBeLessThan(100);
  });
});
