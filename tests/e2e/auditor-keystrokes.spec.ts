/**
 * "No keystroke lost at any moment": a note typed fast (8 ms a key) survives the
 * page being reloaded at once, 20 times, and the browser process being killed, 10 times, the
 * moment the device's storage holds the last keystroke. Each trial appends a line to the same note and the next trial first checks that
 * everything typed so far is there, so a single lost character fails the test with the trial
 * that lost it. Nothing here waits for time: every wait is for a condition.
 */
import { test, expect, chromium, type BrowserContext, type Page } from '@playwright/test';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useDemoServer } from './support/demo-server';
import { AMARA, BEN, firstCase, openMyAuditsReadyForOffline, signIn } from './support/auditor-steps';
import { CHROMIUM_ARGS } from '../support/chromium-args';

const EXECUTABLE = process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium';
const KEY_DELAY_MS = 8;

/** What trial `i` types: ordinary words, punctuation and a quote, as a note is written. */
const line = (i: number): string => `Visit ${i}: seen alone, said "it's ok".\n`;

const server = useDemoServer('lantern-auditor-keystrokes-');

const notes = (page: Page) => page.locator('textarea').first();

/** Open the audit from the device (the service worker serves the page) and wait until it shows `expected`. */
async function openAudit(page: Page, auditUrl: string, expected: string): Promise<void> {
  await page.goto(auditUrl);
  await expect(notes(page)).toHaveValue(expected);
}

/** Put the caret at the end of the note and type `text` at `KEY_DELAY_MS` a key. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await notes(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: KEY_DELAY_MS });
}

/** The browser process of a persistent profile (not its renderers, GPU or zygote helpers). */
async function browserPid(profile: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const parts = args.split('\0');
    if (parts.includes(`--user-data-dir=${profile}`) && !parts.some((p) => p.startsWith('--type=')))
      return Number(entry);
  }
  throw new Error(`No browser process runs the profile ${profile}`);
}

/** Every process of the profile (the browser, its renderers, its storage and network services). */
interface ProcessId {
  pid: number;
  /** Its start time (clock ticks after boot): a later process given the same pid is another one. */
  start: string;
}

/** State and start time from /proc/<pid>/stat (fields 3 and 22), or null once the process has gone. */
async function procStat(pid: number): Promise<{ state: string; start: string } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

async function profileProcesses(profile: string): Promise<ProcessId[]> {
  const found: ProcessId[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!args.includes(`--user-data-dir=${profile}`)) continue;
    const stat = await procStat(Number(entry));
    if (stat) found.push({ pid: Number(entry), start: stat.start });
  }
  return found;
}

/**
 * A process has finished exiting: gone, or a zombie. Its command line alone cannot tell: it reads
 * empty while the process is still exiting and still holds its files (the databases' locks) open.
 */
async function exited({ pid, start }: ProcessId): Promise<boolean> {
  const stat = await procStat(pid);
  return stat === null || stat.start !== start || stat.state === 'Z' || stat.state === 'X';
}

/** Every process of the profile has gone and released its files (the renderers die with the browser). */
async function profileProcessesGone(profile: string, known: ProcessId[]): Promise<boolean> {
  if ((await profileProcesses(profile)).length > 0) return false;
  for (const each of known) if (!(await exited(each))) return false;
  return true;
}

/** Whether the person's database on the device holds `text` in an audit or a typing-journal record. */
const deviceHolds = (page: Page, text: string): Promise<boolean> =>
  page.evaluate(async (wanted) => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => /^lantern-[0-9a-f-]{36}$/.test(n));
    if (!name) return false;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await Promise.all(
      ['audits', 'typing'].map(
        (store) =>
          new Promise<unknown[]>((resolve) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
          }),
      ),
    );
    db.close();
    return JSON.stringify(rows).includes(JSON.stringify(wanted).slice(1, -1));
  }, text);

const launch = (profile: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profile, { executablePath: EXECUTABLE, args: [...CHROMIUM_ARGS] });

/** Sign in, download everything for offline work and open the first new case: the audit's address. */
async function openNewCase(page: Page, email: string): Promise<string> {
  await signIn(page, server.url, email);
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${reference}`) })).toBeVisible();
  return page.url();
}

test('typed at 8 ms a key and the page reloaded at once, 20 times: every character is kept', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const auditUrl = await openNewCase(page, AMARA);
  let typed = '';
  for (let i = 1; i <= 20; i++) {
    await typeAtEnd(page, line(i));
    typed += line(i);
    const reloaded = page.reload(); // at once: nothing awaited between the last key and the reload
    await reloaded;
    await expect(notes(page), `after reload ${i}`).toHaveValue(typed);
  }
  // And the device has it, not only the screen: a fresh visit reads it back.
  await openAudit(page, auditUrl, typed);
});

test('typed at 8 ms a key and the browser process killed as soon as the device holds it, 10 times: every character is kept', async () => {
  // Ten cold starts of a browser: 15-25 s each at a load average of 30 (measured), so generous.
  test.setTimeout(480_000);
  const profile = await mkdtemp(join(tmpdir(), 'lantern-keystrokes-'));
  let context: BrowserContext | null = null;
  try {
    context = await launch(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    const auditUrl = await openNewCase(page, BEN);
    // A tablet set up for the week, then restarted: Chromium writes its session cookie and
    // service-worker registration to disk on its own schedule (the cookie store every 30 s), so
    // a kill seconds after the first sign-in can lose them — the browser's state, not anything
    // typed. One clean restart first; the kills below then test only what Lantern keeps.
    await context.close();
    context = await launch(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await openAudit(page, auditUrl, '');
    let typed = '';
    for (let i = 1; i <= 10; i++) {
      const pid = await browserPid(profile);
      const processes = await profileProcesses(profile);
      await typeAtEnd(page, line(i));
      typed += line(i);
      // Killed the moment the device holds the last keystroke (in its audit or its typing journal):
      // a browser killed before its storage has even received a write keeps nothing of that write,
      // whatever the page does (a reload at 0 ms, which a page can survive, is the test above).
      await expect.poll(() => deviceHolds(page, typed), { timeout: 10_000 }).toBe(true);
      process.kill(pid, 'SIGKILL'); // at once: no unload handler, no graceful shutdown
      await context.close().catch(() => undefined);
      context = null;
      // The next start must find the device's storage free, as a tablet restarted after a crash does.
      await expect.poll(() => profileProcessesGone(profile, processes), { timeout: 30_000 }).toBe(true);
      context = await launch(profile);
      page = context.pages()[0] ?? (await context.newPage());
      await openAudit(page, auditUrl, typed);
    }
  } finally {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
});
