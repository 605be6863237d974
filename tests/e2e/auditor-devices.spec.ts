/**
 * Several devices and tabs: two devices editing one audit offline merge answer by answer and
 * offer the overlapping answer as a choice; only one tab of a device pushes, and closing it
 * hands the role on; a shared tablet refuses sign-out while work is unsynced (an answer waiting
 * for a choice included) and keeps each person's data apart; a version the server refused can be
 * restored from the history.
 */
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { AMARA, BEN, firstCase, openMyAuditsReadyForOffline, signIn } from './support/auditor-steps';

const server = useDemoServer('lantern-auditor-devices-');

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${server.url}/audits`);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${reference}`) })).toBeVisible();
}
const group = (page: Page, name: string | RegExp) => page.getByRole('group', { name });
const syncAndWait = async (page: Page) => {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
};

/**
 * One person's audit open on two devices of theirs (two browser contexts): the tablet answers a
 * question and syncs, then the laptop signs in and opens the same audit with that answer.
 */
async function oneAuditOnTwoDevices(browser: Browser, email: string) {
  const devices: BrowserContext[] = [await browser.newContext(), await browser.newContext()];
  const [tablet, laptop] = await Promise.all(devices.map((d) => d.newPage()));
  if (!tablet || !laptop) throw new Error('two pages');
  await signIn(tablet, server.url, email);
  await openMyAuditsReadyForOffline(tablet, server.url);
  const reference = await firstCase(tablet);
  await openCase(tablet, reference);
  await group(tablet, /seen in line with the plan/)
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
  await syncAndWait(tablet);
  await signIn(laptop, server.url, email);
  await openMyAuditsReadyForOffline(laptop, server.url);
  await openCase(laptop, reference);
  return { devices, tablet, laptop, reference };
}

test('two devices edit one audit offline: different answers merge, the same answer is a choice, no word lost', async ({
  browser,
}) => {
  const { devices, tablet, laptop } = await oneAuditOnTwoDevices(browser, AMARA);
  await expect(
    group(laptop, /seen in line with the plan/).getByRole('radio', { name: 'Yes', exact: true }),
  ).toBeChecked();

  await Promise.all(devices.map((d) => d.setOffline(true)));
  await tablet.getByRole('link', { name: /^Plan \d/ }).click();
  await group(tablet, /specific and measurable/)
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
  await tablet.getByRole('link', { name: /lived experience/ }).click();
  await tablet.getByLabel('Evidence and notes').fill('Tablet: seen at school, views recorded.');
  await laptop.getByRole('link', { name: /^Assessment \d/ }).click();
  await group(laptop, /completed within timescale/)
    .getByRole('radio', { name: 'No', exact: true })
    .check();
  await laptop.getByRole('link', { name: /lived experience/ }).click();
  await laptop.getByLabel('Evidence and notes').fill('Laptop: home visit notes, child not seen alone.');

  await devices[0]?.setOffline(false);
  await syncAndWait(tablet);
  await devices[1]?.setOffline(false);
  await laptop.getByRole('button', { name: 'Sync now' }).click();
  const conflicts = laptop.getByTestId('conflicts');
  await expect(conflicts).toContainText('Evidence and notes', { timeout: 20_000 });
  await expect(conflicts).toContainText('Laptop: home visit notes, child not seen alone.');
  await expect(conflicts).toContainText('Tablet: seen at school, views recorded.');
  await expect(conflicts).toContainText('Amara Osei (demo)');
  // The different answers merged by themselves.
  await laptop.getByRole('link', { name: /^Plan \d/ }).click();
  await expect(
    group(laptop, /specific and measurable/).getByRole('radio', { name: 'Yes', exact: true }),
  ).toBeChecked();
  await laptop.getByRole('link', { name: /^Assessment \d/ }).click();
  await expect(
    group(laptop, /completed within timescale/).getByRole('radio', { name: 'No', exact: true }),
  ).toBeChecked();
  // The person chooses; nothing is discarded before that.
  await conflicts.getByRole('button', { name: /Keep this device's/ }).click();
  await expect(conflicts).toHaveCount(0);
  await syncAndWait(laptop);
  await tablet.reload();
  await syncAndWait(tablet);
  await tablet.getByRole('link', { name: /lived experience/ }).click();
  await expect(tablet.getByLabel('Evidence and notes')).toHaveValue(
    'Laptop: home visit notes, child not seen alone.',
  );
  await tablet.getByRole('link', { name: /^Assessment \d/ }).click();
  await expect(
    group(tablet, /completed within timescale/).getByRole('radio', { name: 'No', exact: true }),
  ).toBeChecked();
  await Promise.all(devices.map((d) => d.close()));
});

test('only one tab pushes; closing it hands the role to another tab', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, server.url, BEN);
  await openMyAuditsReadyForOffline(first, server.url);
  const reference = await firstCase(first);
  const second = await context.newPage();
  const pushes = new Map<Page, number>([
    [first, 0],
    [second, 0],
  ]);
  for (const page of [first, second]) {
    page.on('request', (request) => {
      if (request.url().endsWith('/api/sync/push')) pushes.set(page, (pushes.get(page) ?? 0) + 1);
    });
  }
  await openCase(second, reference);
  await group(second, /seen in line with the plan/)
    .getByRole('radio', { name: 'Partly', exact: true })
    .check();
  await syncAndWait(second);
  expect(pushes.get(first)).toBeGreaterThan(0);
  expect(pushes.get(second)).toBe(0);

  await first.close();
  await group(second, /seen alone/)
    .getByRole('radio', { name: 'No', exact: true })
    .check();
  await syncAndWait(second);
  expect(pushes.get(second)).toBeGreaterThan(0);
  await context.close();
});

test('two tabs on one audit: what is typed in one shows in the other, and both count it as waiting', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, server.url, AMARA);
  await openMyAuditsReadyForOffline(first, server.url);
  const reference = await firstCase(first);
  const second = await context.newPage();
  await openCase(first, reference);
  await openCase(second, reference);
  await context.setOffline(true); // what is waiting stays waiting

  await first.locator('textarea').first().pressSequentially('Typed in the first tab.');
  await group(first, /seen alone/)
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
  await expect(second.locator('textarea').first()).toHaveValue('Typed in the first tab.');
  await expect(group(second, /seen alone/).getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
  for (const page of [first, second]) {
    await expect(page.getByTestId('save-state')).toContainText('waiting to sync');
    await expect(page.getByTestId('waiting-count')).toHaveText('1 audit waiting to sync');
  }

  // And back the other way, on the same note: the first tab's words are kept, not overwritten.
  await second.locator('textarea').first().press('End');
  await second.locator('textarea').first().pressSequentially(' And in the second.');
  await expect(first.locator('textarea').first()).toHaveValue('Typed in the first tab. And in the second.');
  await context.close();
});

test('a shared tablet refuses sign-out with unsynced work, then keeps each person apart', async ({
  page,
  context,
}) => {
  await signIn(page, server.url, 'chloe.auditor@demo.lantern.invalid');
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await context.setOffline(true);
  await openCase(page, reference);
  await group(page, /seen in line with the plan/)
    .getByRole('radio', { name: 'No', exact: true })
    .check();
  await expect(page.getByTestId('save-state')).toContainText('Saved on this device');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Chloe/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('sign-out-blocked')).toContainText('1 audit is waiting to sync');
  await context.setOffline(false);
  // Back online, the device may sync by itself before the click lands: the button then leaves
  // the page (nothing waits any more), so a click that finds it gone is not a failure. Either way
  // the list below must come to say everything is synced.
  const syncNow = page.getByTestId('sign-out-blocked').getByRole('button', { name: 'Sync now' });
  await syncNow.click({ timeout: 5_000 }).catch(async (error: unknown) => {
    if ((await syncNow.count()) > 0) throw error;
  });
  await page.goto(`${server.url}/audits`);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names.filter((n) => n?.startsWith('lantern-') && n !== 'lantern-device')).toEqual([]);

  await signIn(page, server.url, BEN);
  await page.goto(`${server.url}/audits`);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  await expect(page.getByTestId('audit-list')).not.toContainText(reference);
});

test('an answer waiting for a choice is unsynced work: the bar says so, sign-out is refused, and the losing text can be restored from the history', async ({
  browser,
}) => {
  test.setTimeout(300_000); // two devices, four syncs and a restore
  const { devices, tablet, laptop, reference } = await oneAuditOnTwoDevices(
    browser,
    'chloe.auditor@demo.lantern.invalid',
  );

  // Both write the same note offline; the tablet syncs first, so the laptop's is refused.
  await Promise.all(devices.map((d) => d.setOffline(true)));
  await tablet.getByLabel('Evidence and notes').fill('Tablet: the plan was read to the family.');
  await laptop
    .getByLabel('Evidence and notes')
    .fill('Laptop: father not yet assessed; chase health visitor.');
  await devices[0]?.setOffline(false);
  await syncAndWait(tablet);
  await devices[1]?.setOffline(false);
  await laptop.getByRole('button', { name: 'Sync now' }).click();
  const conflicts = laptop.getByTestId('conflicts');
  await expect(conflicts).toContainText('Laptop: father not yet assessed', { timeout: 20_000 });

  // Until the person chooses, one version lives only on this device: not "Everything is synced".
  await expect(laptop.getByTestId('waiting-count')).toHaveText('Not everything is synced');
  await expect(laptop.getByTestId('choices-waiting')).toContainText(
    '1 answer was changed on another device: choose which to keep',
  );
  await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Chloe/ }).click();
  await laptop.getByRole('button', { name: 'Sign out', exact: true }).click();
  const blocked = laptop.getByTestId('sign-out-blocked');
  await expect(blocked).toContainText('1 answer was changed on another device');
  const names = await laptop.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names.some((n) => n?.startsWith('lantern-') && n !== 'lantern-device')).toBe(true);

  // They keep the tablet's words; the laptop's, refused by the server, are in the history.
  await blocked.getByRole('link', { name: `Audit of case ${reference}` }).click();
  await laptop
    .getByTestId('conflicts')
    .getByRole('button', { name: /Keep the other/ })
    .click();
  await expect(laptop.getByTestId('conflicts')).toHaveCount(0);
  await syncAndWait(laptop);
  await laptop.getByRole('link', { name: 'Revision history' }).click();
  const refused = laptop.getByTestId('versions').locator('[data-version="refused"]').first();
  await refused.getByText(/answers? changed/).click();
  await expect(refused).toContainText('Laptop: father not yet assessed; chase health visitor.');
  await refused
    .getByRole('button', { name: /Restore this version of Evidence and notes/ })
    .first()
    .click();
  await expect(laptop.getByTestId('restored')).toContainText('is back as it was');
  await laptop.getByRole('link', { name: 'Back to the audit' }).click();
  await expect(laptop.getByLabel('Evidence and notes')).toHaveValue(
    'Laptop: father not yet assessed; chase health visitor.',
  );
  await syncAndWait(laptop);
  await tablet.getByRole('button', { name: 'Sync now' }).click();
  await expect(tablet.getByLabel('Evidence and notes')).toHaveValue(
    'Laptop: father not yet assessed; chase health visitor.',
    { timeout: 20_000 },
  );
  await Promise.all(devices.map((d) => d.close()));
});
