/**
 * The plan as councils keep it, end to end on the demo organisation: the manager
 * revises an action's target date (the original shown beside the revision), carries the
 * completed action of last year's plan forward (the incomplete one went already), and adds a
 * partner owner from health who owns one action; the partner sets a password with their link,
 * signs in, sees only that action, and adds a progress note and a RAG with its reason, which the
 * manager then sees. Screens are scanned by axe.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { useDemoServer } from './support/demo-server';

const server = useDemoServer('lantern-plan-as-kept-');

const MANAGER = 'farah.manager@demo.lantern.invalid';
const PASSWORD = 'lantern-demo';
const PLAN = 'Improving practice: post-inspection improvement plan (demo)';
const OLD_PLAN = 'Focused visit action plan, previous year (demo)';
const PARTNER = {
  name: 'Grace Health Visitor',
  email: 'grace.hv@demo.lantern.invalid',
  organisation: 'Northshire Community NHS Trust (demo)',
  password: 'amber kettle lighthouse 42',
};

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible();
}

test('a manager revises a date, carries an action forward and adds a partner owner, who updates only their action', async ({
  page,
  browser,
}) => {
  await signIn(page, MANAGER, PASSWORD);
  await page.goto(`${server.url}/plan`);
  await page.getByRole('link', { name: PLAN }).click();
  await expect(page.getByRole('heading', { name: PLAN, level: 1 })).toBeVisible();
  const planUrl = page.url();
  // The demo as kept: outcome statements, the revised B1, C1 also answering F.
  await expect(
    page.getByRole('heading', { name: 'What will be different for children' }).first(),
  ).toBeVisible();
  await expect(
    page
      .getByTestId('action-dates')
      .filter({ hasText: /Original: .* — Revised: / })
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId('also-answers').filter({ hasText: 'Also answers F' }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Revise E1's target date.
  await page.getByRole('link', { name: 'E1', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Action E1' })).toBeVisible();
  const before = (await page.getByTestId('action-target').innerText()).replace('Target date: ', '').trim();
  await page.getByText('Revise the target date').click();
  await page.getByLabel('New target date').fill('2099-06-30');
  await page.getByLabel('Why it is changing').fill('The new service starts later than planned.');
  await page.getByRole('button', { name: 'Revise the date' }).click();
  await expect(page.getByTestId('action-target')).toHaveText(`Original: ${before} — Revised: 30 June 2099`);
  await expect(page.getByText('The new service starts later than planned.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Carry last year's completed action forward (it is offered, not chosen by default).
  await page.goto(planUrl);
  await page.getByLabel('From the plan').selectOption({ label: OLD_PLAN });
  const offered = page.getByRole('checkbox', { name: /^1\.4 / });
  await expect(offered).not.toBeChecked();
  await offered.check();
  await page.getByLabel('Under', { exact: true }).last().selectOption({ index: 2 });
  await page.getByRole('button', { name: 'Carry forward' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 action carried forward.' })).toBeVisible();
  await expect(page.getByText(`Carried forward from ${OLD_PLAN} (1.4)`)).toBeVisible();

  // Add a partner owner from health who owns E1.
  await page.getByLabel('Full name').fill(PARTNER.name);
  await page.getByLabel('E-mail', { exact: true }).fill(PARTNER.email);
  await page.getByLabel('Organisation').fill(PARTNER.organisation);
  await page.getByLabel('Agency').selectOption('health');
  await page.getByLabel('Last day').fill('2099-12-31');
  await page.getByRole('group', { name: 'Actions they own' }).getByRole('checkbox', { name: /^E1 / }).check();
  await page.getByRole('button', { name: 'Add the partner owner' }).click();
  const link = page.getByTestId('partner-link').locator('code');
  await expect(link).toContainText('/set-password?token=');
  const setPasswordUrl = await link.innerText();
  await expectNoAxeViolations(page);

  // The partner sets a password, signs in, and sees only E1.
  const partnerContext = await browser.newContext();
  const partner = await partnerContext.newPage();
  await partner.goto(setPasswordUrl);
  await partner.getByLabel('New password').fill(PARTNER.password);
  await partner.getByLabel('Type the password again').fill(PARTNER.password);
  await partner.getByRole('button', { name: 'Set password' }).click();
  await expect(partner.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  await signIn(partner, PARTNER.email, PARTNER.password);
  const mine = partner.getByTestId('partner-action');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(`${PLAN}: action E1`);
  await expect(mine).toContainText('Original:');
  await mine
    .getByLabel('New progress note')
    .fill('Health visitors now offer the interview at every missing episode.');
  await mine.getByRole('button', { name: 'Add the note' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'Progress note added.' })).toBeVisible();
  await mine.getByLabel('RAG').selectOption('amber');
  await mine.getByLabel('Why').fill('Take-up is rising but below target.');
  await mine.getByRole('button', { name: 'Save the RAG' }).click();
  await expect(partner.getByRole('status').filter({ hasText: 'RAG saved.' })).toBeVisible();
  await expect(mine).toContainText('Health visitors now offer the interview at every missing episode.');
  await expectNoAxeViolations(partner);
  // Nothing else of the plan: the plan API refuses them.
  const refused = await partner.request.get(`${server.url}/api/plans`);
  expect(refused.status()).toBe(403);
  await partnerContext.close();

  // The manager sees the partner's note and RAG on E1.
  await page.goto(planUrl);
  await page.getByRole('link', { name: 'E1', exact: true }).click();
  await expect(page.getByText('Take-up is rising but below target.').first()).toBeVisible();
  await expect(
    page.getByText('Health visitors now offer the interview at every missing episode.').first(),
  ).toBeVisible();
});
