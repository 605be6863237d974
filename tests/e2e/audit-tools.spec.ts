/**
 * Several audit tools, in Chromium against the real server: the QA lead starts a new tool as a
 * copy of the case-file audit (it opens as a draft with the same items), publishes it, and sets
 * up a round that uses both tools and asks for self-audits first; the round names both tools.
 * The demo's exploitation thematic round shows its self-audits against the independent audits,
 * with the kappa the shared code computes from the grades on the screen. Each screen passes an
 * axe scan.
 */
import { test, expect } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';

const ERIN = 'erin.qalead@demo.lantern.invalid';

const server = useDemoServer('lantern-tools-');

test('the QA lead makes a tool from a copy and a round that uses two tools', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, ERIN);
  await page.goto(`${server.url}/qa/frameworks`);
  await expect(page.getByRole('heading', { name: 'Audit tools and their versions' })).toBeVisible();
  const tools = page.getByTestId('audit-tools');
  await expect(tools).toContainText('Children at risk of exploitation');
  await expectNoAxeViolations(page, 'audit tools');

  // A name already taken is refused at the field.
  await page.getByLabel('Name of the new tool').fill('Children at risk of exploitation');
  await page.getByRole('button', { name: 'Create the tool' }).click();
  await expect(page.locator('.error-message').first()).toContainText(
    'Give the new tool a name no other tool has',
  );

  await page.getByLabel('Name of the new tool').fill('Practice observation: home visits');
  await page.getByLabel('Purpose').selectOption('practice_observation');
  await page.getByRole('button', { name: 'Create the tool' }).click();
  await expect(page).toHaveURL(/\/qa\/frameworks\/practice-observation-home-visits\/1\/edit$/);

  await page.goto(`${server.url}/qa/frameworks`);
  await expect(tools).toContainText('Practice observation: home visits');
  await page.getByRole('button', { name: 'Publish version 1' }).first().click();
  await expect(page.getByRole('status')).toContainText('Version 1 is published');

  await page.goto(`${server.url}/qa/rounds/new`);
  await page.getByLabel('Name', { exact: true }).fill('Home visits and case files — E2E');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('First day').fill(today);
  await page.getByLabel('Last day').fill(today);
  await page.getByLabel('Audit framework version').selectOption({ label: 'Case file audit — version 1' });
  await page.getByRole('checkbox', { name: /Practice observation: home visits/ }).check();
  await page.getByRole('checkbox', { name: /first self-audited by its own team/ }).check();
  await page.getByRole('button', { name: 'Set up the round' }).click();
  await expect(page.getByRole('heading', { name: 'Home visits and case files — E2E' })).toBeVisible();
  await expect(
    page.getByText('Audit tools: Case file audit, version 1; Practice observation: home visits, version 1.'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Self-audits and their agreement' })).toBeVisible();
});

test("the demo's thematic round compares each self-audit with its independent audit", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, server.url, ERIN);
  await page.goto(`${server.url}/qa`);
  await page
    .getByRole('link', { name: 'Exploitation thematic audit (self-audit, then independent)' })
    .first()
    .click();
  await expect(page.getByText(/Children at risk of exploitation, version 1/)).toBeVisible();
  await page.getByRole('link', { name: 'Self-audits and their agreement' }).click();
  const report = page.getByTestId('self-audit-agreement');
  await expect(report).toContainText('8 of 8 self-audited cases have both audits submitted.');
  await expect(page.getByTestId('self-agreement-words')).toContainText('gave the same grade in');
  await expect(page.getByTestId('self-kappa')).toHaveText(/^-?\d\.\d\d$/);
  await expectNoAxeViolations(page, 'self-audits');
});
