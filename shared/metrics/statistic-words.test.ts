/** The plain words beside kappa, intervals and periods still running. */
import { describe, expect, it } from 'vitest';
import { intervalWords, isToDate, kappaWords, periodLabelToDate } from './statistic-words';
import { proportion } from './proportion';

describe('kappaWords', () => {
  // Bands from Landis & Koch (1977), Biometrics 33:159–174, Table 2.
  it.each<[number | null, string]>([
    [
      -0.1,
      '-0.10: agreement less than chance — the two grades agree less often than chance alone would give',
    ],
    [0, '0.00: slight agreement — the two grades agree little more than chance alone would give'],
    [0.2, '0.20: slight agreement — the two grades agree little more than chance alone would give'],
    [0.35, '0.35: fair agreement — the two grades agree more than chance would give, with real differences'],
    [
      0.6,
      '0.60: moderate agreement — the two grades agree more than chance would give, with real differences',
    ],
    [0.7, '0.70: substantial agreement — the two grades agree far more than chance would give'],
    [0.82, '0.82: almost perfect agreement — the two grades agree far more than chance would give'],
    [1, '1.00: almost perfect agreement — the two grades agree far more than chance would give'],
    [null, '—: cannot be measured (no pairs yet, or every grade given was the same one)'],
  ])('kappa %s', (kappa, words) => {
    expect(kappaWords(kappa)).toBe(words);
  });
});

describe('intervalWords', () => {
  it.each<[string, number, number, string]>([
    // 14 of 30: Wilson 95% interval 30.2%–63.8% (Wilson 1927; as in wilson-interval.test.ts).
    [
      'a month of 30 audits',
      14,
      30,
      'From 14 of 30 audits (47%), the true rate is likely (95% confidence) to be between 30% and 64%.',
    ],
    [
      'a small sample says a change may be chance',
      4,
      5,
      'From 4 of 5 audits (80%), the true rate is likely (95% confidence) to be between 38% and 96%. With so few audits, a change of a few points may be chance.',
    ],
    ['no audits', 0, 0, 'No audits counted: no data.'],
  ])('%s', (_, k, n, words) => {
    expect(intervalWords(proportion(k, n))).toBe(words);
  });
});

describe('to date', () => {
  const december = { label: 'December 2026', endDate: '2026-12-31' };
  it.each<[string, string, boolean, string]>([
    ['the first days of the month', '2026-12-04', true, 'December 2026 (to date)'],
    ['the day before it ends', '2026-12-30', true, 'December 2026 (to date)'],
    ['its last day: still running until midnight', '2026-12-31', true, 'December 2026 (to date)'],
    ['the day after its last: complete', '2027-01-01', false, 'December 2026'],
    ['after it ended', '2027-01-02', false, 'December 2026'],
  ])('%s', (_, evaluationDate, toDate, label) => {
    expect(isToDate(december, evaluationDate)).toBe(toDate);
    expect(periodLabelToDate(december, evaluationDate)).toBe(label);
  });
});
