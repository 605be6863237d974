import { describe, expect, it } from 'vitest';
import { figureWords, trajectoryWords } from './measure-words';

describe('measure words', () => {
  it('writes a count whole and a share with its count', () => {
    expect(figureWords('count', 'placements', { value: 1204 })).toBe('1,204 placements');
    expect(figureWords('share', '', { value: 0.47, k: 14, n: 30 })).toBe('47% — 14 of 30 (95% CI 30–64%)');
    expect(figureWords('count', '', { value: null })).toBe('no data');
  });

  it('writes a count’s trajectory to two places, so a figure just short of it does not read as on it', () => {
    // Baseline 2 on 31 August, 15 a year later: 30 September's trajectory is 3.07.
    const trajectory = 2 + (13 * 30) / 365;
    expect(trajectoryWords('count', 'placements', trajectory)).toBe('3.07 placements');
    expect(trajectoryWords('count', 'placements', 5)).toBe('5 placements');
    expect(trajectoryWords('rate', 'per 100 referrals', 8.5)).toBe('8.5 per 100 referrals');
  });
});
