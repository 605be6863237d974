/**
 * The metrics store: the filter options are asked for once per page life (every screen reuses
 * them), and the trend and item figures go with exactly the query the screen built.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { usePlanMetricsStore, type MetricOptions } from './plan-metrics-store';

const server = withFakeApi();
const options: MetricOptions = {
  teams: [{ id: 't1', name: 'Assessment team 1' }],
  caseTypes: [],
  caseFlags: [],
  tools: [],
  rounds: [],
  themes: [],
  agencies: [],
  framework: { key: 'default', version: 1, overallGradeKey: 'overall.grade' },
  sections: [],
};

describe('metrics store', () => {
  it('asks for the filter options once and keeps them', async () => {
    server().answer('GET /api/metrics/options', options);
    const store = usePlanMetricsStore();
    await store.loadOptions();
    expect((await store.loadOptions()).teams).toEqual(options.teams);
    expect(server().routes()).toEqual(['GET /api/metrics/options']);
  });

  it('sends the trend’s and the item table’s query as the screen built it', async () => {
    server().refuse('GET /api/metrics/trend', 400, 'validation_failed', 'Choose a date range.');
    server().refuse('GET /api/metrics/items', 400, 'validation_failed', 'Choose a date range.');
    const store = usePlanMetricsStore();
    const range = { from: '2026-06-01', to: '2026-11-30' };
    await expect(
      store.trend({ item: 'overall.grade', pass: '0,1', bucket: 'month', ...range }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(store.items({ ...range, bucket: 'month' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(server().calls.map((c) => c.query)).toEqual([
      { item: 'overall.grade', pass: '0,1', bucket: 'month', ...range },
      { ...range, bucket: 'month' },
    ]);
  });
});
