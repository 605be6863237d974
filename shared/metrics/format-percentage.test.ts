import { describe, expect, it } from 'vitest';
import { formatFraction, formatProportion, roundedPercent } from './format-percentage';
import { proportion } from './proportion';

describe('formatProportion', () => {
  // Reference values: PRODUCT.md ("47% — 14 of 30", 95% Wilson interval); intervals from Wilson 1927.
  it.each([
    { name: "PRODUCT.md's example", k: 14, n: 30, text: '47% — 14 of 30 (95% CI 30–64%)' },
    { name: 'the plan baseline, 35%', k: 7, n: 20, text: '35% — 7 of 20 (95% CI 18–57%)' },
    { name: 'every audit passed', k: 5, n: 5, text: '100% — 5 of 5 (95% CI 57–100%)' },
    { name: 'no audit passed', k: 0, n: 12, text: '0% — 0 of 12 (95% CI 0–24%)' },
    { name: 'a half rounds up (28.5%)', k: 57, n: 200, text: '29% — 57 of 200 (95% CI 23–35%)' },
    { name: 'thousands are grouped', k: 1234, n: 2000, text: '62% — 1,234 of 2,000 (95% CI 60–64%)' },
    { name: 'no audits at all', k: 0, n: 0, text: 'no data' },
  ])('$name: $text', ({ k, n, text }) => {
    expect(formatProportion(proportion(k, n))).toBe(text);
  });
});

describe('roundedPercent', () => {
  // Reference values: round half up on the exact ratio, worked by hand.
  it.each([
    { k: 57, n: 200, percent: 29 }, // 28.5 → 29, although 0.285 × 100 = 28.499… in floating point
    { k: 1, n: 8, percent: 13 }, // 12.5 → 13
    { k: 1, n: 3, percent: 33 },
    { k: 2, n: 3, percent: 67 },
    { k: 1, n: 200, percent: 1 }, // 0.5 → 1
  ])('$k of $n is $percent%', ({ k, n, percent }) => {
    expect(roundedPercent(k, n)).toBe(percent);
  });
});

describe('formatFraction', () => {
  it.each([
    { fraction: 0.6, text: '60%' },
    { fraction: 0.285, text: '29%' },
    { fraction: 0, text: '0%' },
    { fraction: null, text: 'no data' },
  ])('$fraction → $text', ({ fraction, text }) => {
    expect(formatFraction(fraction)).toBe(text);
  });
});
