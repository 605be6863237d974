import { describe, expect, it } from 'vitest';
import {
  AT_LEAST_GOOD,
  GRADES,
  gradeIndexSchema,
  gradeLabel,
  isAtLeastGood,
  isGradeIndex,
} from './grade-scale';

describe('grade scale', () => {
  // Reference values: the Ofsted four-point judgement scale (ILACS), best first.
  it.each([
    { index: 0, label: 'Outstanding', atLeastGood: true },
    { index: 1, label: 'Good', atLeastGood: true },
    { index: 2, label: 'Requires improvement to be good', atLeastGood: false },
    { index: 3, label: 'Inadequate', atLeastGood: false },
  ] as const)('$index is $label', ({ index, label, atLeastGood }) => {
    expect(gradeLabel(index)).toBe(label);
    expect(GRADES[index].index).toBe(index);
    expect(isAtLeastGood(index)).toBe(atLeastGood);
    expect(AT_LEAST_GOOD.includes(index)).toBe(atLeastGood);
  });

  it.each([
    { name: 'a grade off the scale', value: 4 },
    { name: 'a negative grade', value: -1 },
    { name: 'a fraction', value: 1.5 },
    { name: 'a label instead of an index', value: 'Good' },
    { name: 'a numeric string', value: '1' },
    { name: 'nothing', value: null },
  ])('refuses $name', ({ value }) => {
    expect(isGradeIndex(value)).toBe(false);
    expect(gradeIndexSchema.safeParse(value).success).toBe(false);
  });
});
