/**
 * Reading the settings this file's tests cover: proxy hops, the scrypt cost, the pool size and
 * how long a session is kept.
 */
import { describe, expect, it } from 'vitest';
import { defaultPoolSize, readConfig } from './config';

describe('readConfig', () => {
  it('reads LANTERN_TRUST_PROXY as the number of trusted proxies (0 when unset)', () => {
    expect(readConfig({}).trustProxy).toBe(0);
    expect(readConfig({ LANTERN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ LANTERN_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('reads LANTERN_SCRYPT_COST as log2 of N, within 14–20', () => {
    expect(readConfig({}).scryptCost).toEqual({ logN: 15, r: 8, p: 1 });
    expect(readConfig({ LANTERN_SCRYPT_COST: '17' }).scryptCost).toEqual({ logN: 17, r: 8, p: 1 });
  });

  it('reads LANTERN_DATABASE_POOL_SIZE, by default twice the cores and at least 4', () => {
    expect(readConfig({ LANTERN_DATABASE_POOL_SIZE: '12' }).poolSize).toBe(12);
    expect(readConfig({}).poolSize).toBe(defaultPoolSize());
    expect([1, 2, 3, 8].map((cores) => defaultPoolSize(cores))).toEqual([4, 4, 6, 16]);
  });

  it('reads LANTERN_SESSION_CACHE_SECONDS, 5 when unset, 0 to keep none', () => {
    expect(readConfig({}).sessionCacheSeconds).toBe(5);
    expect(readConfig({ LANTERN_SESSION_CACHE_SECONDS: '0' }).sessionCacheSeconds).toBe(0);
    expect(readConfig({ LANTERN_SESSION_CACHE_SECONDS: '60' }).sessionCacheSeconds).toBe(60);
  });

  it.each([
    [
      'LANTERN_SESSION_CACHE_SECONDS',
      '61',
      'LANTERN_SESSION_CACHE_SECONDS must be a whole number from 0 to 60 (got "61")',
    ],
    [
      'LANTERN_DATABASE_POOL_SIZE',
      '0',
      'LANTERN_DATABASE_POOL_SIZE must be a whole number from 1 to 100 (got "0")',
    ],
    ['LANTERN_TRUST_PROXY', 'yes', 'LANTERN_TRUST_PROXY must be a whole number from 0 to 10 (got "yes")'],
    ['LANTERN_TRUST_PROXY', '-1', 'LANTERN_TRUST_PROXY must be a whole number from 0 to 10 (got "-1")'],
    ['LANTERN_SCRYPT_COST', '12', 'LANTERN_SCRYPT_COST must be a whole number from 14 to 20 (got "12")'],
    ['LANTERN_SCRYPT_COST', '2.5', 'LANTERN_SCRYPT_COST must be a whole number from 14 to 20 (got "2.5")'],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });
});
