/**
 * A whole audit by keyboard alone: Tab to move, Space to choose, typing in text boxes, Enter
 * on buttons and links — no mouse at any point after signing in.
 */
import { test, expect } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { firstCase, openMyAuditsReadyForOffline, signIn } from './support/auditor-steps';
import { tabTo } from './support/keyboard-steps';

const server = useDemoServer('lantern-auditor-keyboard-');

test('a whole audit completed by keyboard alone', async ({ page }) => {
  // Some 150 controls, each a key and a read of the focus: 29 s alone on a 2-core machine, a
  // minute beside the rest of the suite.
  test.setTimeout(300_000);
  await signIn(page, server.url, 'chloe.auditor@demo.lantern.invalid');
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.goto(`${server.url}/audits`);

  await tabTo(page, (f) => f.tag === 'a' && f.text === reference);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${reference}`) })).toBeVisible();

  // The safeguarding question first: open the panel, answer "No" with the arrow keys.
  await tabTo(page, (f) => f.text.startsWith('Raise an immediate safeguarding concern'));
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.type === 'radio' && f.name === 'safeguarding.concern');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'No', exact: true }).first()).toBeChecked();
  await tabTo(page, (f) => f.text === 'Back to the audit');
  await page.keyboard.press('Enter');

  // Every section: answer each group, write each note, then "Next".
  for (let section = 0; section < 9; section++) {
    const f = await tabTo(
      page,
      (f) =>
        (f.tag === 'button' && (f.text.startsWith('Next:') || f.text === 'Review and submit')) ||
        (f.tag === 'a' && f.text === 'Review and submit' && !f.inNav),
    );
    await page.keyboard.press('Enter');
    if (!f.text.startsWith('Next:')) break;
    await expect(
      page.getByRole('heading', { level: 2, name: f.text.replace('Next: ', '') }).first(),
    ).toBeVisible();
    // The router moves focus to the page's heading a frame after the section is drawn: a Tab
    // pressed before that would start from where the "Next" button was.
    await expect(page.locator('main h1')).toBeFocused();
  }
  await expect(page.getByRole('heading', { name: /Review and submit/ })).toBeVisible();
  await tabTo(page, (f) => f.text === 'Submit the audit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My audits' })).toBeVisible();
  await expect(page.locator(`[data-case="${reference}"]`)).toContainText('Submitted');
});
