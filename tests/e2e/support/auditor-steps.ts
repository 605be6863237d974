/**
 * Steps an auditor takes in the browser, shared by the end-to-end tests: sign in, wait until
 * the device holds everything for offline work, open a case, answer a whole audit.
 */
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../../server/demo/demo-people';

export const AMARA = 'amara.auditor@demo.lantern.invalid';
export const BEN = 'ben.auditor@demo.lantern.invalid';

/** Signs in with the demo password; `timeout` for a first sign-in on a server still warming up. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  options: { timeout?: number } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible(options);
}

/**
 * Persistent storage granted to the page's origin, as a browser grants it to an installed app
 * (the readiness check asks for it).
 */
export async function grantPersistentStorage(page: Page, origin: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.grantPermissions', {
    permissions: ['durableStorage'],
    origin,
    browserContextId: targetInfo.browserContextId,
  });
}

/** My audits is showing, everything synced, and the service worker controls the page. */
export async function openMyAuditsReadyForOffline(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/audits`);
  // A fresh device's first download comes page by page: as long as any other sync's wait.
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  await expect(page.getByTestId('sync-bar')).toContainText('Last synced');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit is not yet controlled by the worker: a reload puts it in charge.
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    // The app starting again from the worker: on a busy machine that alone can take seconds.
    await expect(page.getByTestId('waiting-count')).toBeVisible({ timeout: 20_000 });
  }
}

/** The first allocated case in My audits that is not started yet: its reference. */
export async function firstCase(page: Page): Promise<string> {
  const row = page.getByTestId('audit-list').locator('li').filter({ hasText: 'Not started' }).first();
  return (await row.getByRole('link').first().textContent())?.trim() ?? '';
}

/** Answer every question and grade in every section, write a note, and answer the concern "No". */
export async function completeWholeAudit(page: Page): Promise<void> {
  const sections = page.getByRole('navigation', { name: 'Sections of the audit' }).getByRole('link');
  const count = await sections.count();
  for (let i = 0; i < count - 1; i++) {
    await sections.nth(i).click();
    const groups = page.locator('main section .item fieldset.choices');
    const n = await groups.count();
    for (let g = 0; g < n; g++) {
      const radios = groups.nth(g).getByRole('radio');
      if ((await radios.count()) > 0) await radios.nth(g % 2).check();
    }
  }
  await page.getByRole('link', { name: 'Overall judgement and actions' }).click();
  await page
    .getByRole('group', { name: 'Overall grade for the case' })
    .getByRole('radio', { name: 'Good', exact: true })
    .check();
  await page
    .getByLabel('Strengths')
    .fill('The child was seen alone and their views are recorded in their own words.');
  await page.getByLabel('Areas for development').fill('The plan needs a contingency.');
  await page.getByRole('button', { name: 'Raise an immediate safeguarding concern' }).click();
  await page
    .getByRole('group', { name: /immediate safeguarding concern on this case/ })
    .getByRole('radio', { name: 'No' })
    .check();
  await page.getByRole('button', { name: 'Back to the audit' }).click();
}
