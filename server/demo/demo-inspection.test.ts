/**
 * The demo's inspection list: in each service, the last six months hold moderated
 * audits, re-audited ones and ones with open post-audit actions, so the list shows a real mix.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_NOW } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import type { InspectionList } from '../../shared/inspection/inspection-schemas';

describe('the demo’s inspection list', () => {
  const t = useTestApp(ENGINES[0]!, {}, 300_000);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(TEST_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([QA_LEAD, 'hana.qalead@demo.lantern.invalid'])(
    "shows %s's service moderated, re-audited and open-action audits",
    async (email) => {
      const qa = await t.as(email);
      const list = (await (await qa.request('/api/inspection/audits')).json()) as InspectionList;
      expect(list.rows.length).toBeGreaterThan(20);
      expect(list.rows.filter((r) => r.moderatedGrade !== null).length).toBeGreaterThan(0);
      expect(list.rows.filter((r) => r.reauditGrade !== null).length).toBeGreaterThan(0);
      expect(list.rows.filter((r) => r.openActions > 0).length).toBeGreaterThan(0);
    },
  );
});
