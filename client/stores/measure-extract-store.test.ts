/**
 * The measure extract store: a monthly performance extract goes with the reader's choice and,
 * once there is one, the person's column mapping; only an applied import replaces the action
 * the plan screens show.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useMeasureExtractStore } from './measure-extract-store';
import { usePlanStore } from './plan-store';

const server = withFakeApi();
const PLAN = '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d';
const MEASURE = '8e7f6a5b-4c3d-4e2f-9a0b-1c2d3e4f5a6b';

describe('measure extract store', () => {
  it('previews without a mapping, then applies with the chosen columns, passing row problems on', async () => {
    server().refuse(
      'POST /api/plans/:planId/measures/:measureId/values/import',
      400,
      'validation_failed',
      'Row 4, column "Contacts": "twelve" is not a number.',
      [{ path: 'rows.4.value', message: 'Row 4, column "Contacts": "twelve" is not a number.' }],
    );
    const store = useMeasureExtractStore();
    const file = { fileName: 'extract.csv', content: 'QUJD', encoding: 'windows-1252' as const };
    await expect(store.send(PLAN, MEASURE, file, null, false)).rejects.toMatchObject({
      fields: [{ path: 'rows.4.value' }],
    });
    const mapping = { period: 'Month', value: 'Contacts to MASH', numerator: '', denominator: '' }; // by header
    await expect(store.send(PLAN, MEASURE, file, mapping, true)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(server().calls.map((c) => c.body)).toEqual([
      { ...file, apply: false },
      { ...file, mapping, apply: true },
    ]);
    expect(usePlanStore().action).toBeNull();
  });
});
