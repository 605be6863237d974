/**
 * Post-audit compliance is a metric plan measures track like any other. On the demo,
 * a manager sees the demo plan's compliance measure on action A1, adds one from the measure form
 * ("Post-audit compliance (case actions done on time)"), and its months carry the compliance
 * screen's own figures.
 */
import { test, expect } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import type { ActionDetailView } from '../../shared/plans/plan-views';
import type { ComplianceReport } from '../../shared/case-actions/case-action-schemas';
import { signIn } from './support/auditor-steps';
import { openDemoPlanAction } from './support/plan-steps';

const server = useDemoServer('lantern-compliance-measure-');

test('a manager tracks post-audit compliance as a plan measure, with the compliance screen’s figures', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, 'farah.manager@demo.lantern.invalid', { timeout: 60_000 });
  await openDemoPlanAction(page, 'A1');
  const demo = page.locator('section.measure', {
    has: page.getByRole('heading', { name: 'Case actions from audits done on time' }),
  });
  await expect(demo.getByText(/Counted from the case actions of every team’s audits/)).toBeVisible();

  await page.getByText('Add a measure').click();
  await page.getByLabel('Name of the measure').fill('Actions followed through');
  await page.getByLabel('Post-audit compliance (case actions done on time)').check();
  await expect(page.getByLabel('What is counted')).toHaveCount(0);
  await page.getByLabel('Reported by').selectOption('month');
  await page.locator('#measure-baseline-date').fill('2026-01-31');
  await page.locator('#measure-baseline-value').fill('50');
  await page.locator('#measure-milestone-0-date').fill('2027-03-31');
  await page.locator('#measure-milestone-0-target').fill('90');
  await page.getByRole('button', { name: 'Add the measure' }).click();
  await expect(page.getByRole('status')).toHaveText('Measure added.');

  const [, , planId, , actionId] = new URL(page.url()).pathname.split('/');
  const detail = (await (
    await page.request.get(`${server.url}/api/plans/${planId}/actions/${actionId}`)
  ).json()) as ActionDetailView;
  const report = (await (
    await page.request.get(`${server.url}/api/case-actions/compliance`)
  ).json()) as ComplianceReport;
  const measure = detail.measures.find((m) => m.title === 'Actions followed through');
  expect(measure?.source).toBe('case_actions');
  const shown = (measure?.points ?? []).filter((p) => p.n !== null);
  expect(shown.length).toBeGreaterThan(0);
  for (const p of shown) {
    const month = report.byMonth.find((r) => r.key === p.periodId);
    expect([p.k, p.n]).toEqual([month?.onTime, month?.counted]);
  }
});
