/**
 * A tablet's first download of its practice week on a line that drops: the sync
 * bar counts the cases as they arrive ("4 of 12 cases ready"), the line is cut half-way, and
 * once it is back the download carries on from where it got to — nothing already stored is
 * asked for again — and ends at "Ready for offline: 12 of 12 cases".
 */
import { test, expect } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { grantPersistentStorage, signIn } from './support/auditor-steps';

const AUDITOR = 'ben.auditor@demo.lantern.invalid';

const server = useDemoServer('lantern-first-download-');

test('the first download shows its progress, survives a dropped line and resumes without starting again', async ({
  page,
}) => {
  const pulls: string[] = [];
  const forms: string[] = [];
  let cut = false;
  let served = 0;
  let refused = 0;
  // The line drops after the second page of cases has arrived: every later pull fails as a
  // lost connection does, until it is back.
  await page.route('**/api/sync/pull*', async (route) => {
    if (cut) {
      refused++;
      return route.abort('internetdisconnected');
    }
    pulls.push(new URL(route.request().url()).search);
    const response = await route.fetch();
    await route.fulfill({ response });
    if (++served === 2) cut = true;
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/frameworks/')) forms.push(request.url());
  });

  // The tablet keeps Lantern's data, as an installed app's is kept.
  await grantPersistentStorage(page, server.url);

  await signIn(page, server.url, AUDITOR);
  // Within the app: a page load would drop a pull in flight before it was stored.
  await page.getByRole('link', { name: 'My audits' }).first().click();
  const progress = page.getByTestId('download-progress');
  await expect(progress).toHaveText(/^Downloading your cases: \d+ of \d+ cases ready$/);
  await expect.poll(() => refused).toBeGreaterThan(0);
  const [, before, total] = /(\d+) of (\d+)/.exec((await progress.textContent()) ?? '') ?? [];
  expect(Number(before)).toBeGreaterThan(0);
  expect(Number(before)).toBeLessThan(Number(total));
  expect(pulls).toHaveLength(2);

  // The line is back; the auditor presses "Sync now" rather than wait for the next try.
  cut = false;
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(progress).toHaveText(`Downloaded: ${total} of ${total} cases ready`);
  // Only the first pull started from nothing; each later one from the checkpoint before it.
  expect(pulls.filter((search) => !search.includes('checkpoint='))).toHaveLength(1);
  expect(pulls.length).toBeGreaterThan(2);
  // No audit form was fetched twice.
  expect(new Set(forms).size).toBe(forms.length);

  // The line needs no more watching: a pull the next page starts goes straight to the server,
  // and none is left in the route handler when the test ends (Playwright fails a test for that).
  await page.unrouteAll({ behavior: 'wait' });
  await page.goto(`${server.url}/ready`);
  await expect(page.getByTestId('readiness-missing')).toHaveCount(0);
  await expect(page.getByTestId('readiness')).toHaveText(`Ready for offline: ${total} of ${total} cases`);
  expect(Number(total)).toBe(12);
});
