/**
 * Setting up the organisation in Chromium: an empty organisation's sign-in page says how to
 * make the first admin; an admin adds, renames and retires a case flag and a case type, names a
 * team's managers and a service's head of service by keyboard alone, sees the set-up problems,
 * and every screen passes an axe scan (empty, with errors, with results) and fits 320 px.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { startServer, type ServerProcess } from '../support/server-process';
import { FIRST_ADMIN_COMMAND } from '../../shared/organisation/first-admin';

let server: ServerProcess;
// Starting Lantern with the demo (or an empty database) can take a while on a busy machine.
const START_MS = 240_000;
test.beforeAll(async () => {
  test.setTimeout(START_MS + 10_000);
  server = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: START_MS });
});
test.afterAll(async () => {
  await server.stop();
});

/** Nothing wider than the window: no sideways scrolling at 320 px. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, where).toBeLessThanOrEqual(0);
}

/** Presses Tab until `target` has focus: proves it is reachable by keyboard, in order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function signInAsAdmin(page: Page): Promise<void> {
  // Axe scans and page loads are slow on a busy machine; the steps themselves are short.
  test.setTimeout(300_000);
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('button', { name: 'Use Gus Fielding (demo)' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible();
}

test('an empty organisation’s sign-in page says how to make the first admin', async ({ page }) => {
  test.setTimeout(START_MS + 60_000);
  const empty = await startServer({
    env: { LANTERN_CLIENT_BUILD: 'skip', LANTERN_DEMO: '0' },
    timeoutMs: START_MS,
  });
  try {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${empty.url}/sign-in`);
    const box = page.getByTestId('first-admin');
    await expect(box).toContainText('Nobody can sign in yet');
    await expect(box).toContainText(FIRST_ADMIN_COMMAND);
    await expect(box).toContainText('Stop Lantern');
    await expectNoAxeViolations(page, 'sign-in, empty organisation');
    await expectNoSidewaysScroll(page, 'sign-in, empty organisation, 320 px');
  } finally {
    await empty.stop();
  }
});

test('an admin keeps the case flags and case types by keyboard: add, a clear error, rename, retire', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto(`${server.url}/admin`);
  await page.getByRole('link', { name: 'Case flags', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Case flags', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, 'case flags, empty');

  const input = page.getByLabel('Name of a new case flag');
  await tabTo(page, input);
  await page.keyboard.type('Young carer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Added Young carer.');
  const row = page.getByRole('row', { name: /Young carer/ });
  await expect(row).toContainText('In use');

  // The same name again: the error is tied to the field and the summary links to it.
  await input.fill('young CARER');
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('There is already a case flag called');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'case flags, with an error');
  await summary.getByRole('link').click();
  await expect(input).toBeFocused();

  await tabTo(page, row.getByRole('button', { name: 'Rename Young carer' }));
  await page.keyboard.press('Enter');
  const rename = page.getByLabel('New name for Young carer');
  await expect(rename).toBeFocused();
  await rename.fill('Young carer (YC)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Renamed Young carer to Young carer (YC).');
  const renamed = page.getByRole('row', { name: /Young carer \(YC\)/ });
  await tabTo(page, renamed.getByRole('button', { name: /^Retire/ }));
  await page.keyboard.press('Enter');
  await expect(renamed).toContainText('Retired');
  await expect(renamed.getByRole('button', { name: /^Bring back/ })).toBeVisible();
  await expectNoAxeViolations(page, 'case flags, with results');
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await expect(renamed).toContainText('Retired');
  await expectNoSidewaysScroll(page, 'case flags at 320 px');
  const target = await renamed.getByRole('button', { name: /^Bring back/ }).boundingBox();
  expect(target?.height ?? 0).toBeGreaterThanOrEqual(44);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/admin/case-types`);
  await page.getByLabel('Name of a new case type').fill('Private fostering');
  await page.getByRole('button', { name: 'Add case type' }).click();
  await expect(page.getByRole('row', { name: /Private fostering/ })).toContainText('In use');
  await expectNoAxeViolations(page, 'case types, with results');
});

test('an admin names a team’s managers and a service’s head of service by keyboard; set-up problems show until then', async ({
  page,
}) => {
  await signInAsAdmin(page);
  // A new service and team: both start as set-up problems.
  await page.goto(`${server.url}/admin/services/new`);
  await page.getByLabel('Service name').fill('Early Help (e2e)');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByRole('heading', { name: 'Teams and services' })).toBeVisible();
  await page.goto(`${server.url}/admin/teams/new`);
  await page.getByLabel('Team name').fill('Early Help North (e2e)');
  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Early Help (e2e)' });
  await page.getByRole('button', { name: 'Add team' }).click();
  await expect(page.getByRole('row', { name: /Early Help North \(e2e\)/ })).toContainText('None named');

  await page.goto(`${server.url}/admin`);
  const problems = page.getByTestId('set-up-problems');
  await expect(problems).toContainText('Early Help North (e2e) (Early Help (e2e)) has no team manager');
  await expect(problems).toContainText('Early Help (e2e) has no head of service');
  await expectNoAxeViolations(page, 'admin home with set-up problems');

  // Put the team right from its problem, by keyboard.
  await tabTo(page, problems.getByRole('link', { name: /Name its team managers.*Early Help North \(e2e\)/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Change Early Help North (e2e)' })).toBeVisible();
  await expectNoAxeViolations(page, 'team, before managers');
  const find = page.getByLabel('Find a person');
  await tabTo(page, find);
  await page.keyboard.type('Amara');
  const amara = page.getByRole('checkbox', { name: /Amara Osei \(demo\)/ });
  await tabTo(page, amara);
  await page.keyboard.press('Space');
  await expect(amara).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Early Help North \(e2e\)/ })).toContainText(
    'Amara Osei (demo)',
  );

  await page.getByRole('link', { name: 'Early Help (e2e)' }).click();
  // The form is filled from the server once loaded: choose after that.
  await expect(page.getByRole('heading', { name: 'Change Early Help (e2e)' })).toBeVisible();
  await page.getByLabel('Head of service').selectOption({ label: 'Farah Khan (demo) — Head of service' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('row', { name: /Early Help \(e2e\)/ }).last()).toContainText(
    'Farah Khan (demo)',
  );

  await page.goto(`${server.url}/admin`);
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByText('Early Help North (e2e) (Early Help (e2e)) has no team manager')).toHaveCount(
    0,
  );
  await expect(page.getByText('Early Help (e2e) has no head of service')).toHaveCount(0);

  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ['/admin', '/admin/teams']) {
    await page.goto(server.url + path);
    await expect(page.locator('h1')).toBeVisible();
    await expectNoAxeViolations(page, `${path} at 320 px`);
  }
});
