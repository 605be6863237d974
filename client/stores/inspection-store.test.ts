/** The inspection store: the list's query, the files' addresses for the same choice, and the pack of chosen cases. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useInspectionStore } from './inspection-store';

const server = withFakeApi();
const TEAM = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
const CASES = ['3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a', '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a'];

describe('inspection store', () => {
  it('asks for the last N months, and a team only when one is chosen', async () => {
    server().refuse('GET /api/inspection/audits', 400, 'validation_failed', 'Choose a team of your service.');
    const store = useInspectionStore();
    await expect(store.list({ months: 6, teamId: null })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(store.list({ months: 12, teamId: TEAM })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(server().calls.map((c) => c.query)).toEqual([{ months: '6' }, { months: '12', team: TEAM }]);
  });

  it('gives the CSV and XLSX the same choice as the screen', () => {
    const store = useInspectionStore();
    expect(store.listFile({ months: 6, teamId: TEAM }, 'csv')).toBe(
      `/api/inspection/audits/csv?months=6&team=${TEAM}`,
    );
    expect(store.listFile({ months: 3, teamId: null }, 'xlsx')).toBe('/api/inspection/audits/xlsx?months=3');
  });

  it('asks for the pack of the chosen cases, in the order chosen, and gives its Word address', async () => {
    server().refuse('GET /api/inspection/pack', 400, 'validation_failed', 'Case 2 is not in your service.', [
      { path: 'cases.1', message: 'Case 2 is not in your service.' },
    ]);
    const store = useInspectionStore();
    await expect(store.pack(CASES)).rejects.toMatchObject({ fields: [{ path: 'cases.1' }] });
    expect(server().calls[0]?.query).toEqual({ cases: CASES.join(',') });
    expect(store.packDocx(CASES)).toBe(`/api/inspection/pack/docx?cases=${CASES.join(',')}`);
  });
});
