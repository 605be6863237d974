import { describe, expect, it } from 'vitest';
import { TIME_BUCKETS } from '../../../shared/metrics/periods';
import { measureInputSchema } from '../../../shared/plans/plan-schemas';
import { MEASURE_BUCKET_CHOICES, TIME_BUCKET_CHOICES } from './time-bucket-choices';

/** The periods a case-action measure accepts (a manual one accepts the same). */
const measureBucket = measureInputSchema.options[2].shape.bucket;

describe('time bucket choices', () => {
  it('offers every time bucket on the trends dashboard, once', () => {
    expect(TIME_BUCKET_CHOICES.map((c) => c.value).sort()).toEqual([...TIME_BUCKETS].sort());
  });

  it.each(TIME_BUCKETS)('offers a measure %s exactly when a measure accepts it', (bucket) => {
    const offered = MEASURE_BUCKET_CHOICES.some((c) => c.value === bucket);
    expect(offered).toBe(measureBucket.safeParse(bucket).success);
  });
});
