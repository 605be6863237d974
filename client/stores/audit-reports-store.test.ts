/**
 * The audit reports store: every call goes to its described route with a body that route
 * parses; a published report's refusal (409) reaches the screen in the server's words.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useAuditReportsStore } from './audit-reports-store';

const server = withFakeApi();
const REPORT = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const ROUND = '0f8e9a52-1b3c-4c7d-8e9f-0a1b2c3d4e5f';
const PLAN = '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d';
const AREA = '6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f';
const RECOMMENDATION = '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a';
type Store = ReturnType<typeof useAuditReportsStore>;

describe('audit reports store', () => {
  it.each<[string, string, (store: Store) => Promise<unknown>]>([
    ['list', 'GET /api/reports', (s) => s.list()],
    ['load', 'GET /api/reports/:reportId', (s) => s.load(REPORT)],
    [
      'create',
      'POST /api/reports',
      (s) => s.create({ title: 'December practice week', scope: { kind: 'round', roundId: ROUND } }),
    ],
    [
      'edit',
      'PUT /api/reports/:reportId',
      (s) =>
        s.edit(REPORT, {
          title: 'December practice week',
          summary: 'Most audits were good.',
          recommendations: [{ text: 'Record the child’s words in every assessment.' }],
        }),
    ],
    ['remove', 'DELETE /api/reports/:reportId', (s) => s.remove(REPORT)],
    ['publish', 'POST /api/reports/:reportId/publish', (s) => s.publish(REPORT)],
    [
      'toPlan',
      'POST /api/reports/:reportId/recommendations/:recommendationId/plan',
      (s) =>
        s.toPlan(REPORT, RECOMMENDATION, {
          mode: 'new-action',
          planId: PLAN,
          areaId: AREA,
          number: 'A4',
          owner: '',
          targetDate: null,
        }),
    ],
    [
      'setDistribution',
      'PUT /api/reports/:reportId/distribution',
      (s) => s.setDistribution(REPORT, ['farah.manager@demo.lantern.invalid']),
    ],
    ['send', 'POST /api/reports/:reportId/send', (s) => s.send(REPORT)],
  ])('%s calls %s and passes a refusal on', async (_name, route, act) => {
    server().refuse(
      route,
      409,
      'conflict',
      'This report was published on 3 December 2026 and never changes.',
    );
    await expect(act(useAuditReportsStore())).rejects.toMatchObject({
      status: 409,
      message: 'This report was published on 3 December 2026 and never changes.',
    });
    expect(server().routes()).toEqual([route]);
  });
});
