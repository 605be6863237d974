/** The findings store: the QA lead's coding calls, each to its described route with a body it parses. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useFindingsStore } from './findings-store';
import type { CodedFindingView } from '../../shared/findings/finding-schemas';

const server = withFakeApi();
const AUDIT = '9f8a7b6c-5d4e-4f3a-8b1c-2d3e4f5a6b7c';
const THEME = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const finding = { auditId: AUDIT, itemKey: 'plan.areas-for-development' } as CodedFindingView;
type Store = ReturnType<typeof useFindingsStore>;

describe('findings store', () => {
  it.each<[string, string, (store: Store) => Promise<unknown>]>([
    [
      'findings',
      'GET /api/learning/findings',
      (s) => s.findings({ coded: 'no', from: '2026-09', to: '2026-11' }),
    ],
    ['themes', 'GET /api/learning/themes', (s) => s.themes()],
    ['createTheme', 'POST /api/learning/themes', (s) => s.createTheme('Voice of the child')],
    [
      'suggestions',
      'GET /api/learning/audits/:auditId/findings/:itemKey/suggestions',
      (s) => s.suggestions(finding),
    ],
    [
      'code',
      'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId',
      (s) => s.code(finding, THEME),
    ],
    [
      'uncode',
      'DELETE /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId',
      (s) => s.uncode(finding, THEME),
    ],
    [
      'chooseQuote',
      'PUT /api/learning/audits/:auditId/findings/:itemKey/themes/:themeId/quote',
      (s) => s.chooseQuote(finding, THEME, true),
    ],
    [
      'markGoodPractice',
      'PUT /api/learning/audits/:auditId/good-practice',
      (s) => s.markGoodPractice(AUDIT, 'The child’s words lead the plan.'),
    ],
    [
      'unmarkGoodPractice',
      'DELETE /api/learning/audits/:auditId/good-practice',
      (s) => s.unmarkGoodPractice(AUDIT),
    ],
  ])('%s calls %s and passes a refusal on', async (_name, route, act) => {
    server().refuse(route, 404, 'not_found', 'There is no such finding in your service.');
    await expect(act(useFindingsStore())).rejects.toMatchObject({ code: 'not_found' });
    expect(server().routes()).toEqual([route]);
  });

  it('gives the anonymised example’s address for the audit', () => {
    expect(useFindingsStore().exampleUrl(AUDIT)).toBe(`/api/learning/audits/${AUDIT}/good-practice.docx`);
  });
});
