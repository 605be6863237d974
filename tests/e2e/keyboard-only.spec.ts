/**
 * Keyboard only, from signing in to a submitted audit with an action for the case and an
 * immediate safeguarding concern: Tab, Shift+Tab, Space, Enter, the arrow keys and
 * typing — no mouse and no `fill` or `click` at any point.
 *
 * Focus on load: a fresh load leaves focus at the document start, so the first Tab on every page
 * reaches the skip link ("Skip to main content") before the header; an in-app navigation moves
 * focus to the new page's `<h1>` (client/router.ts says why).
 */
import { test, expect, type Page } from '@playwright/test';
import { tabTo } from './support/keyboard-steps';
import { useDemoServer } from './support/demo-server';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';

const AMARA = 'amara.auditor@demo.lantern.invalid';

const server = useDemoServer('lantern-keyboard-only-');
// A council worker in England: dates and numbers as en-GB writes them.
test.use({ locale: 'en-GB' });

/** After a fresh load, the first Tab focuses the skip link. */
async function firstTabIsSkipLink(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('link', { name: 'Skip to main content' }),
    `first Tab on ${path}`,
  ).toBeFocused();
}

test('on every page the first Tab from a fresh load reaches the skip link, which leads to the content', async ({
  page,
}) => {
  for (const path of ['/sign-in', '/set-password', '/no-such-page']) await firstTabIsSkipLink(page, path);
  await signInByKeyboard(page);
  for (const path of ['/', '/audits', '/ready', '/inbox', '/case-actions', '/qa/alerts', '/audit-records'])
    await firstTabIsSkipLink(page, path);
  // The skip link by Enter: focus moves to the page's content, and Tab goes on from there (once
  // the page's list has come, so that there is something in it to Tab to).
  await expect(page.locator('main').locator('a, button, input, select, textarea').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
});

async function signInByKeyboard(page: Page): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in' }).first()).toBeVisible();
  await tabTo(page, (f) => f.label === 'E-mail address');
  await page.keyboard.type(AMARA);
  await tabTo(page, (f) => f.label === 'Password');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible();
}

test('an audit with an action for the case and a safeguarding concern, completed by keyboard alone', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInByKeyboard(page);
  // In-app navigation: "My audits" from the header, by keyboard; focus lands on its heading.
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'My audits');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My audits', level: 1 })).toBeFocused();
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 }); // the first download
  const row = page.getByTestId('audit-list').locator('li').filter({ hasText: 'Not started' }).first();
  const reference = ((await row.getByRole('link').first().textContent()) ?? '').trim();
  expect(reference).not.toBe('');

  await tabTo(page, (f) => f.tag === 'a' && f.text === reference);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${reference}`) })).toBeVisible();

  // The safeguarding concern: raise it (Yes), say what was seen, confirm the procedure is followed.
  await tabTo(page, (f) => f.text.startsWith('Raise an immediate safeguarding concern'));
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.type === 'radio' && f.name === 'safeguarding.concern');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Yes', exact: true }).first()).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type(
    'Bruising seen on a home visit and not explained; the team manager was told by phone.',
  );
  await tabTo(page, (f) => f.text === 'Back to the audit');
  await page.keyboard.press('Enter');

  // Every section: answer each group, write each note, add an action for the case where asked,
  // then "Next".
  let actionAdded = false;
  for (let section = 0; section < 12; section++) {
    const f = await tabTo(
      page,
      (g) =>
        (g.tag === 'button' && (g.text.startsWith('Next:') || g.text === 'Review and submit')) ||
        (g.tag === 'a' && g.text === 'Review and submit' && !g.inNav) ||
        (!actionAdded && g.tag === 'button' && g.text === 'Add an action'),
    );
    if (f.text === 'Add an action') {
      await page.keyboard.press('Enter');
      // The new action's first field takes focus: the next Tab does not leave it behind.
      await expect(page.getByLabel('Action 1: what needs to happen')).toBeFocused();
      await page.keyboard.type('Arrange a strategy discussion with the police and health');
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('Who').first()).toBeFocused();
      await page.keyboard.type('Team manager');
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('By when').first()).toBeFocused();
      // Headless Chromium lays out a date field month first whatever the page's locale, where a
      // council's en-GB browser puts the day first: 12 December reads the same either way.
      await page.keyboard.type('12122026');
      actionAdded = true;
      section--;
      continue;
    }
    await page.keyboard.press('Enter');
    if (!f.text.startsWith('Next:')) break;
    await expect(
      page.getByRole('heading', { level: 2, name: f.text.replace('Next: ', '') }).first(),
    ).toBeVisible();
    // The router moves focus to the page's heading a frame after the section is drawn: a Tab
    // pressed before that would start from where the "Next" button was.
    await expect(page.locator('main h1')).toBeFocused();
  }
  expect(actionAdded, 'the audit asked for actions for the case').toBe(true);
  await expect(page.getByRole('heading', { name: /Review and submit/ })).toBeVisible();
  await tabTo(page, (f) => f.text === 'Submit the audit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My audits' })).toBeVisible();
  await expect(page.locator(`[data-case="${reference}"]`)).toContainText('Submitted');
  // The confirmation says the concern goes to the QA lead and the team's managers.
  await expect(page.getByTestId('submitted-panel')).toContainText('You raised a safeguarding concern');

  // What was submitted holds the action and the concern, as the server has it.
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  const pulled = (await (await page.request.get(`${server.url}/api/sync/pull`)).json()) as {
    audits: { status: string; answers: Record<string, { value: unknown; note?: string }> }[];
  };
  const submitted = pulled.audits.filter(
    (a) =>
      a.status === 'submitted' &&
      JSON.stringify(a.answers['overall.case-actions']?.value ?? '').includes('strategy discussion'),
  );
  expect(submitted).toHaveLength(1);
  expect(submitted[0]?.answers['overall.case-actions']?.value).toEqual([
    expect.objectContaining({
      what: 'Arrange a strategy discussion with the police and health',
      who: 'Team manager',
      byWhen: '2026-12-12',
    }),
  ]);
  expect(submitted[0]?.answers['safeguarding.concern']).toMatchObject({ value: 'yes' });
});
