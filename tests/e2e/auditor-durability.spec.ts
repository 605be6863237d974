/**
 * "Nothing typed is ever lost": a note typed and the page closed 300 ms after the last
 * keystroke; the browser process killed outright; a service-worker update taken mid-audit;
 * a session that expires while the auditor works offline. Every character survives each.
 */
import { test, expect, chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, type ServerProcess } from '../support/server-process';
import {
  AMARA,
  BEN,
  firstCase,
  grantPersistentStorage,
  openMyAuditsReadyForOffline,
  signIn,
} from './support/auditor-steps';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { CHROMIUM_ARGS } from '../support/chromium-args';

const NOTE =
  'Seen alone at school on 3 Nov; said "I like my foster carer\'s dog" — views recorded verbatim. ✓';

let server: ServerProcess;
let clientDir: string;
test.beforeAll(async () => {
  // A copy of the built client, so one test can publish a "new version" of the service worker.
  clientDir = await mkdtemp(join(tmpdir(), 'lantern-client-'));
  await cp(process.env.LANTERN_CLIENT_DIR ?? join(ROOT, 'dist'), clientDir, { recursive: true });
  // The demo is seeded at start: slow on a machine others share.
  test.setTimeout(300_000);
  server = await startServer({
    env: { LANTERN_CLIENT_BUILD: 'skip', LANTERN_CLIENT_DIR: clientDir },
    timeoutMs: 240_000,
  });
});
test.afterAll(async () => {
  await server?.stop();
  await rm(clientDir, { recursive: true, force: true });
});

async function openFirstCaseNotes(page: Page, reference?: string): Promise<string> {
  // The first time on this device, the download first: a case listed before its form has
  // arrived would open only once the form comes.
  if (reference) await page.goto(`${server.url}/audits`);
  else await openMyAuditsReadyForOffline(page, server.url);
  const ref = reference ?? (await firstCase(page));
  await page.getByRole('link', { name: ref, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${ref}`) })).toBeVisible();
  return ref;
}
const notes = (page: Page) => page.locator('textarea').first();

test('a note typed and the page closed 300 ms after the last keystroke is all there', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.url, AMARA);
  const reference = await openFirstCaseNotes(page);
  await notes(page).pressSequentially(NOTE, { delay: 15 });
  await page.waitForTimeout(300);
  await page.close();
  const again = await context.newPage();
  await openFirstCaseNotes(again, reference);
  await expect(notes(again)).toHaveValue(NOTE);
  await context.close();
});

test('a note survives the browser process being killed', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'lantern-profile-'));
  try {
    let context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    });
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, server.url, BEN);
    const reference = await openFirstCaseNotes(page);
    await notes(page).pressSequentially(NOTE, { delay: 15 });
    await page.waitForTimeout(300);
    // SIGKILL every process of this browser profile: no unload handlers, no graceful shutdown.
    execFileSync('pkill', ['-KILL', '-f', '--', `user-data-dir=${profile}`]);
    await context.close().catch(() => undefined);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await openFirstCaseNotes(page, reference);
    await expect(notes(page)).toHaveValue(NOTE);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a service-worker update waits for the auditor, saves the open audit first, and loses nothing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await grantPersistentStorage(page, server.url);
  await signIn(page, server.url, 'chloe.auditor@demo.lantern.invalid');
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await openFirstCaseNotes(page);
  await notes(page).pressSequentially('Before the update. ', { delay: 10 });
  // A new version is published: the worker script changes.
  await appendFile(join(clientDir, 'sw.js'), `\n// new version ${Date.now()}\n`);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  // The new worker installs (its precache checked file by file) before it waits: 17 s for the
  // whole test alone on a 2-core machine, and past 20 s for this step beside the suite.
  await expect(page.getByRole('region', { name: 'Update available' })).toBeVisible({ timeout: 45_000 });
  // Nothing reloads under the auditor's hands: they keep typing, then choose to update.
  await notes(page).pressSequentially('Typed while the update waited.', { delay: 10 });
  // Listening before the click: with a small precache the new worker can take over, and the
  // page reload, before a listener added after the click would exist.
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  await openFirstCaseNotes(page, reference);
  await expect(notes(page)).toHaveValue('Before the update. Typed while the update waited.');

  // Offline after the update: the new worker's precache holds the app shell and the
  // auditor's screens, and the readiness check still finds everything an auditor needs.
  await page.context().setOffline(true);
  await page.goto(`${server.url}/ready`);
  await expect(page.getByTestId('readiness')).toHaveText(/^Ready for offline: (\d+) of \1 cases\s*$/);
  await openFirstCaseNotes(page, reference);
  await expect(notes(page)).toHaveValue('Before the update. Typed while the update waited.');
  await page.context().setOffline(false);
});

test('a session that expires while offline loses nothing and syncs after signing in again', async ({
  page,
  context,
  request,
}) => {
  await signIn(page, server.url, 'dev.moderator@demo.lantern.invalid');
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await openFirstCaseNotes(page);
  await context.setOffline(true);
  // Meanwhile the session ends on the server (here: signed out everywhere from another device).
  const other = await request.post(`${server.url}/api/auth/sign-in`, {
    data: { email: 'dev.moderator@demo.lantern.invalid', password: DEMO_PASSWORD },
  });
  const { csrfToken } = (await other.json()) as { csrfToken: string };
  expect(
    (
      await request.post(`${server.url}/api/auth/sign-out-everywhere`, {
        headers: { 'x-csrf-token': csrfToken },
      })
    ).status(),
  ).toBe(200);

  await notes(page).pressSequentially('Written offline after the session ended.', { delay: 10 });
  await expect(page.getByTestId('save-state')).toContainText('Saved on this device');
  await page.reload();
  await expect(notes(page)).toHaveValue('Written offline after the session ended.');

  await context.setOffline(false);
  // Back online, the next sync meets the ended session: it stops and asks, touching nothing.
  await expect(page.getByRole('link', { name: 'Sign in to sync' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('waiting-count')).toHaveText('1 audit waiting to sync');
  await page.getByRole('link', { name: 'Sign in to sync' }).click();
  await expect(
    page.getByText('Your session has ended. Your work is still saved on this device'),
  ).toBeVisible();
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible();
  await page.goto(`${server.url}/audits`);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 20_000 });
  await openFirstCaseNotes(page, reference);
  await expect(notes(page)).toHaveValue('Written offline after the session ended.');
});

test('a full device says "not saved", keeps what was typed on screen, and saves it when space returns', async ({
  page,
}) => {
  await signIn(page, server.url, AMARA);
  const reference = await openFirstCaseNotes(page);
  // The device runs out of space: every IndexedDB write now fails as on a full disk. (Chromium's
  // quota override does not stop small writes into space it has already allocated.)
  await page.evaluate(() => {
    const w = window as unknown as { realPut?: typeof IDBObjectStore.prototype.put };
    w.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await notes(page).pressSequentially('Typed on a full device.', { delay: 10 });
  await expect(page.getByTestId('save-state')).toContainText('Not saved on this device');
  await expect(page.getByRole('alert')).toContainText('out of storage space');
  await expect(notes(page)).toHaveValue('Typed on a full device.');
  // Space is freed: the retry saves everything without the auditor doing anything.
  await page.evaluate(() => {
    const w = window as unknown as { realPut: typeof IDBObjectStore.prototype.put };
    IDBObjectStore.prototype.put = w.realPut;
  });
  await expect(page.getByTestId('save-state')).toContainText('Saved on this device', { timeout: 15_000 });
  await page.reload();
  await openFirstCaseNotes(page, reference);
  await expect(notes(page)).toHaveValue('Typed on a full device.');
});
