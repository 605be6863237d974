/**
 * The audit form on a 768×1024 portrait tablet, as a tired auditor uses it: the first
 * question of every section is on screen after "Next" with no scrolling; a choice near the bottom
 * of the screen stays in view once chosen; the review page lists every answer as "check your
 * answers" with "Change" links to the question, and its sync words follow the device's real state
 * (offline, then online); submitting shows the confirmation panel.
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process';
import {
  AMARA,
  BEN,
  completeWholeAudit,
  firstCase,
  openMyAuditsReadyForOffline,
  signIn,
} from './support/auditor-steps';
import { readFileSync } from 'node:fs';
import type { Framework } from '../../shared/framework/framework-schema';

const TABLET = { width: 768, height: 1024 };
const defaultFramework = JSON.parse(
  readFileSync(new URL('../../shared/framework/default-v1.json', import.meta.url), 'utf8'),
) as Pick<Framework, 'sections'>;
const FORM_SECTIONS = defaultFramework.sections.filter((s) => s.kind !== 'safeguarding');
let dataDir: string;
let server: ServerProcess;
let port: number;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-tablet-'));
  server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' } });
  port = server.port;
});
test.afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});
test.use({ viewport: TABLET });

/** Where the first control of the section's first item is, on the screen as it is now. */
async function firstQuestionBox(page: Page) {
  const control = page.locator('main section[aria-labelledby^="section-"] .item').first();
  await expect(control).toBeVisible();
  return page.evaluate(() => {
    const item = document.querySelector('main section[aria-labelledby^="section-"] .item');
    const first = item?.querySelector('label.choice, textarea, input, button') ?? item;
    const box = first?.getBoundingClientRect();
    return { top: box?.top ?? -1, bottom: box?.bottom ?? -1, scrollY: window.scrollY };
  });
}

test('after "Next", the first question of every section is on screen without scrolling', async ({ page }) => {
  await signIn(page, server.url, AMARA);
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.getByRole('link', { name: reference }).click();
  for (const [i, section] of FORM_SECTIONS.entries()) {
    if (i > 0) await page.getByRole('button', { name: `Next: ${section.title}` }).click();
    await expect(page.getByRole('heading', { level: 2, name: `${i + 1}. ${section.title}` })).toBeVisible();
    const box = await firstQuestionBox(page);
    expect(box.scrollY, section.title).toBe(0);
    expect(box.top, section.title).toBeGreaterThan(0);
    expect(box.bottom, `${section.title}: its first question ends at y=${box.bottom}`).toBeLessThanOrEqual(
      TABLET.height,
    );
  }
});

test('a choice near the bottom of the screen stays in view once chosen', async ({ page }) => {
  await signIn(page, server.url, AMARA);
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('button', { name: `Next: ${FORM_SECTIONS[1]!.title}` }).click();
  const groups = page.locator('main section .item fieldset.choices');
  await expect(groups.first()).toBeVisible();
  // Put each question's choices at the foot of the screen, then choose one there.
  const count = await groups.count();
  for (let g = 0; g < Math.min(count, 4); g++) {
    const choice = groups.nth(g).locator('label.choice').first();
    await choice.evaluate((el) => {
      const box = el.getBoundingClientRect();
      window.scrollBy(0, box.bottom - window.innerHeight + 8);
    });
    await choice.click();
    await expect(groups.nth(g).getByRole('radio').first()).toBeChecked();
    await expect(page.getByTestId('save-state')).toContainText('Saved on this device');
    // The sync that follows the change rewrites the sync line above: the choice must not move away.
    await expect(page.getByTestId('waiting-count')).toHaveText(/Everything is synced|Nothing waiting/, {
      timeout: 20_000,
    });
    await expect(groups.nth(g).getByRole('radio').first()).toBeFocused();
    await expect(choice).toBeInViewport({ ratio: 1 });
  }
});

test('review: check your answers with "Change" links, sync words that follow the device, and the confirmation', async ({
  page,
  context,
}) => {
  await signIn(page, server.url, BEN);
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.getByRole('link', { name: reference }).click();
  await completeWholeAudit(page);
  await page.getByRole('link', { name: FORM_SECTIONS[0]!.title }).click();
  const seenGroup = page.getByRole('group', { name: 'The child has been seen in line with the plan' });
  await seenGroup.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(page.getByTestId('save-state')).toContainText('Saved on this device');
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });

  await page.getByRole('link', { name: 'Review and submit' }).first().click();
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await expect(page.getByTestId('save-state')).toContainText('synced to Lantern');
  // Every section of the form is listed; an item that does not apply (the safeguarding procedure,
  // with no concern raised) is left out.
  await expect(page.getByTestId('check-answers-section')).toHaveCount(defaultFramework.sections.length);
  await expect(page.locator('[data-answer="safeguarding.acknowledged"]')).toHaveCount(0);
  await expect(page.locator('[data-answer="overall.grade"]')).toContainText('Good');
  const seen = page
    .locator('.summary-list-row')
    .filter({ hasText: 'The child has been seen in line with the plan' });
  await expect(seen.locator('dd').first()).toHaveText(/^\s*Yes\s*$/);

  // Offline: the words say it is waiting; back online, they say it has synced.
  await server.stop();
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Change The child has been seen in line with the plan' }).click();
  await expect(page).toHaveURL(/section=lived-experience/);
  const radio = page.locator('#item-lived-experience-seen');
  await expect(radio).toBeFocused();
  await expect(radio).toBeInViewport();
  await seenGroup.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('link', { name: 'Review and submit' }).first().click();
  await expect(seen.locator('dd').first()).toHaveText(/^\s*No\s*$/);
  await expect(page.getByTestId('save-state')).toContainText('waiting to sync');
  await expect(page.getByTestId('waiting-count')).toHaveText('1 audit waiting to sync');

  server = await startServer({ dataDir, port, env: { LANTERN_CLIENT_BUILD: 'skip' } });
  await context.setOffline(false);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  await expect(page.getByTestId('save-state')).toContainText('synced to Lantern');

  await page.getByTestId('submit-audit').click();
  const panel = page.getByTestId('submitted-panel');
  await expect(panel.getByRole('heading', { name: 'Audit submitted' })).toBeVisible();
  await expect(panel).toContainText(reference);
  await expect(panel.getByTestId('submitted-sync')).toContainText('It has reached Lantern', {
    timeout: 20_000,
  });
});
