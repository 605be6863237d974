/**
 * The demo's case actions: every state a screen shows is there for the first service's QA lead,
 * Assessment A's team manager (Amara) sees her team's, and the compliance figure has data.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_NOW } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { actionStanding } from '../../shared/case-actions/case-action-escalation';
import { londonToday } from '../../shared/metrics/london-date';
import { AMARA, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import type { CaseActionView, ComplianceReport } from '../../shared/case-actions/case-action-schemas';

describe('the demo’s case actions', () => {
  const t = useTestApp(ENGINES[0]!, {}, 300_000);

  it('has actions in every state, for the QA lead, the team manager and owners', async () => {
    const qa = await t.as(QA_LEAD);
    const all = (
      (await (await qa.request('/api/case-actions?view=all')).json()) as { actions: CaseActionView[] }
    ).actions;
    // Where each stands on the day the demo was made (the tests pin it; a live demo is made today).
    const today = londonToday(TEST_NOW.getTime());
    expect(new Set(all.map((a) => actionStanding(a, today)))).toEqual(
      new Set(['open', 'overdue', 'escalated', 'done_on_time', 'done_late', 'not_needed']),
    );
    const amara = await t.as(AMARA);
    const team = (
      (await (await amara.request('/api/case-actions?view=team')).json()) as { actions: CaseActionView[] }
    ).actions;
    expect(team.length).toBeGreaterThan(0);
    const mine = (
      (await (await amara.request('/api/case-actions?view=mine')).json()) as { actions: CaseActionView[] }
    ).actions;
    expect(mine.length).toBeGreaterThan(0);
    const report = (await (await qa.request('/api/case-actions/compliance')).json()) as ComplianceReport;
    expect(report.overall.counted).toBeGreaterThan(0);
    expect(report.overall.text).toMatch(/actions done on time — \d+% \(95% CI/);
  });
});
