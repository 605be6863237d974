import { describe, expect, it } from 'vitest';
import { keyFromLabel } from './key-from-label';

describe('keyFromLabel', () => {
  it.each([
    { label: 'Child protection plan', taken: [], key: 'child-protection-plan' },
    { label: '  Child in need (CIN) ', taken: [], key: 'child-in-need-cin' },
    { label: 'Looked after', taken: ['looked-after'], key: 'looked-after-2' },
    { label: 'Looked after', taken: ['looked-after', 'looked-after-2'], key: 'looked-after-3' },
    { label: 'Émigré’s case – £5k', taken: [], key: 'emigre-s-case-5k' },
    { label: '£', taken: [], key: 'item' },
    { label: 'x'.repeat(70), taken: [], key: 'x'.repeat(60) },
  ])('$label → $key', ({ label, taken, key }) => {
    const made = keyFromLabel(label, new Set(taken));
    expect(made).toBe(key);
    // Always a key the database accepts (migration 010's CHECK).
    expect(made).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
