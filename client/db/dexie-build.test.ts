import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';

describe('the Dexie build the tests load', () => {
  it('is the ES module build the app bundles, not the wrapper around the UMD build', () => {
    // The wrapper registers its instance under this symbol; the ES module build does not.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('Dexie')]).toBeUndefined();
    expect(typeof Dexie.semVer).toBe('string');
  });
});
