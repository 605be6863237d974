/**
 * The auditor's PWA in Chromium with 4× CPU throttling, each figure beside a floor measured
 * in the same run:
 * - keystroke to durable commit through the app's real code path (keydown in the note → the
 *   commit of its strict-durability transaction, reported by the 'lantern:saved' event),
 *   against the same keystroke into a bare page's textarea whose handler does a raw IndexedDB
 *   read-modify-write of the same audit record plus an outbox entry (goal: p95 within 1.5× of
 *   the floor); the same write back to back with no keystroke is printed for reference;
 * - navigation to an editable audit offline, against a minimal page served by a service
 *   worker (goal: p95 ≤ 0.8 s);
 * - the gzipped JavaScript the auditor's route loads (goal ≤ 100 KB).
 * Keystrokes are timed at 4× and at 6× throttling (goal p95 ≤ 1.25× the floor); the
 * offline navigation's p95 is printed as a ratio to the minimal page's (goal ≤ 1.3×).
 */
import { chromium, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ROOT, startServer } from '../support/server-process';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { median, ms, percentile } from './statistics';
import { firstCase, openMyAuditsReadyForOffline } from '../e2e/support/auditor-steps';
import { auditorRouteGzipKb } from './auditor-route-weight';
import { CHROMIUM_ARGS } from '../support/chromium-args';

const KEYSTROKES = 60;
/** Keystrokes in each alternating block of app and floor. */
const BLOCK = 10;
const NAVIGATIONS = 10;

const summary = (label: string, values: number[]): string =>
  `${label}: median ${ms(median(values))}, p95 ${ms(percentile(values, 0.95))}`;

async function throttle(page: Page, rate = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
/** The build measured: LANTERN_CLIENT_DIR when set (a build of one's own), else dist/. */
const CLIENT_DIR = process.env.LANTERN_CLIENT_DIR ?? join(ROOT, 'dist');

/**
 * Types `count` keys into the focused text box, one at a time at a brisk typist's pace, and
 * returns each key's time from keydown until `savedEvent` reports the change durable (the
 * event's `detail.at` is the `performance.now()` of the commit).
 */
async function typeAndTime(page: Page, count: number, savedEvent: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    // The listeners are in place before the key goes down; the result is read afterwards.
    await page.evaluate((eventName) => {
      const w = window as unknown as { benchLatency?: Promise<number> };
      w.benchLatency = new Promise<number>((resolve) => {
        let down = 0;
        window.addEventListener('keydown', () => (down = performance.now()), { once: true, capture: true });
        window.addEventListener(
          eventName,
          (e) => resolve((e as CustomEvent<{ at: number }>).detail.at - down),
          { once: true },
        );
      });
    }, savedEvent);
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    out.push(
      await page.evaluate(() => (window as unknown as { benchLatency: Promise<number> }).benchLatency),
    );
    // A brisk typist: about 8 keys a second (~100 words a minute), not a key every microtask.
    await page.waitForTimeout(120);
  }
  return out;
}

/** The audit open in the app, as the app stored it on the device: the floor writes the same document. */
async function storedAuditRecord(page: Page, auditId: string): Promise<unknown> {
  return page.evaluate(async (id) => {
    const name = (await indexedDB.databases())
      .map((d) => d.name)
      .find((n) => /^lantern-[0-9a-f-]{36}$/.test(n ?? ''));
    if (!name) throw new Error('the app has no database on this device');
    const open = indexedDB.open(name);
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = db.transaction('audits').objectStore('audits').get(id);
    const record: unknown = await new Promise((resolve) => (get.onsuccess = () => resolve(get.result)));
    db.close();
    return record;
  }, auditId);
}

/** The page's `benchWrite`: the floor's read-modify-write of the note, calling `done` at the commit. */
type BenchWindow = Window & { benchWrite: (note: string, done: () => void) => void };

/**
 * The floor, on a bare page: a plain textarea whose input handler does a raw IndexedDB
 * read-modify-write of the same audit record plus an outbox entry, strict durability, committed
 * as soon as both writes are issued (`tx.commit()`, as the app's save does since 2026-12-05: the
 * floor does what the app's write does, so that step gives the app no edge over it), and reports
 * the commit. Timed from the same keydown, so it pays what any keystroke pays (the browser's own
 * text editing and the frame that shows the character) and nothing else.
 */
async function prepareBareFloor(page: Page, record: unknown): Promise<void> {
  await page.evaluate(async (audit) => {
    const open = indexedDB.open(`bench-floor-${Date.now()}`, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('audits', { keyPath: 'id' });
      open.result.createObjectStore('outbox', { keyPath: 'mutationId' });
    };
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const doc = audit as { id: string; snapshot: { answers: Record<string, unknown> } };
    await new Promise<void>((resolve) => {
      const tx = db.transaction(['audits', 'outbox'], 'readwrite', { durability: 'strict' });
      tx.objectStore('audits').put(doc);
      tx.oncomplete = () => resolve();
    });
    // No named inner functions here: the bundler would wrap them in a helper the page lacks.
    const w = window as unknown as BenchWindow;
    w.benchWrite = (note, done) => {
      const tx = db.transaction(['audits', 'outbox'], 'readwrite', { durability: 'strict' });
      const get = tx.objectStore('audits').get(doc.id);
      get.onsuccess = () => {
        const current = get.result as typeof doc;
        const snapshot = {
          ...current.snapshot,
          answers: { ...current.snapshot.answers, note: { kind: 'text', value: note } },
        };
        tx.objectStore('audits').put({ ...current, snapshot });
        tx.objectStore('outbox').put({ mutationId: 'm', auditId: doc.id, snapshot, state: 'queued' });
        // As the app's save does (client/db/save-answers.ts): commit once both writes are issued.
        tx.commit();
      };
      tx.oncomplete = () => done();
    };
    const box = document.getElementById('t') as HTMLTextAreaElement;
    box.addEventListener('input', () =>
      w.benchWrite(box.value, () =>
        window.dispatchEvent(new CustomEvent('bare:saved', { detail: { at: performance.now() } })),
      ),
    );
    box.focus();
  }, record);
}

/** For reference: the floor's write back to back with the data in hand, no keystroke. */
async function tightLoopLatencies(page: Page, runs: number): Promise<number[]> {
  return page.evaluate(async (runs) => {
    const w = window as unknown as BenchWindow;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => w.benchWrite('x'.repeat(i), resolve));
      times.push(performance.now() - t0);
    }
    return times;
  }, runs);
}

/** A minimal page and service worker (the floor for starting offline), and a bare page for keystrokes. */
async function minimalServiceWorkerSite(): Promise<{ url: string; server: Server }> {
  const html =
    '<!doctype html><html lang="en"><title>min</title><textarea id="t"></textarea><script>navigator.serviceWorker.register("/sw.js")</script></html>';
  const sw = `self.addEventListener('install', (e) => e.waitUntil(caches.open('m').then((c) => c.addAll(['/'])).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request).then((r) => r || fetch(e.request))));`;
  const bare = '<!doctype html><html lang="en"><title>keys</title><textarea id="t"></textarea></html>';
  const server = createServer((req, res) => {
    if (req.url === '/sw.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(sw);
    else if (req.url === '/keys') res.writeHead(200, { 'content-type': 'text/html' }).end(bare);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`, server };
}

async function offlineNavigations(page: Page, url: string, ready: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    const t0 = performance.now();
    await page.goto(url);
    await ready();
    times.push(performance.now() - t0);
  }
  return times;
}

export async function run(): Promise<void> {
  const size = await auditorRouteGzipKb(CLIENT_DIR);
  console.log(
    `auditor route JavaScript: ${size.kb.toFixed(1)} KB gzipped in ${size.files} chunks (goal ≤ 100 KB); classic zod in: ${size.classicZod.join(', ') || 'none'}`,
  );

  const server = await startServer({
    env: { LANTERN_CLIENT_BUILD: 'skip', LANTERN_CLIENT_DIR: CLIENT_DIR },
    timeoutMs: 300_000,
  });
  const minimal = await minimalServiceWorkerSite();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail address').fill('amara.auditor@demo.lantern.invalid');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: /^Hello/ }).waitFor();
    await openMyAuditsReadyForOffline(page, server.url);
    await page.getByRole('link', { name: await firstCase(page), exact: true }).click();
    await page.locator('textarea').first().waitFor();
    // Read once the form is up: straight after the click the address may still be the list's.
    const auditUrl = page.url();
    await throttle(page);

    // A few keys first (not timed): the audit exists on the device and the code paths are warm.
    await page.locator('textarea').first().focus();
    await typeAndTime(page, 5, 'lantern:saved');
    // App and floor in alternating blocks, so both see the same machine at the same time.
    const record = await storedAuditRecord(page, auditUrl.split('/').at(-1)?.split('?')[0] ?? '');
    const floorPage = await context.newPage();
    await floorPage.goto(`${minimal.url}keys`);
    await throttle(floorPage);
    await prepareBareFloor(floorPage, record);
    await typeAndTime(floorPage, 5, 'bare:saved');
    // At 4× and at 6× (a cheaper tablet), each against its own floor.
    for (const rate of [4, 6]) {
      await throttle(page, rate);
      await throttle(floorPage, rate);
      const app: number[] = [];
      const floor: number[] = [];
      for (let block = 0; block < KEYSTROKES / BLOCK; block++) {
        await page.bringToFront();
        await page.locator('textarea').first().focus();
        app.push(...(await typeAndTime(page, BLOCK, 'lantern:saved')));
        await floorPage.bringToFront();
        await floorPage.locator('#t').focus();
        floor.push(...(await typeAndTime(floorPage, BLOCK, 'bare:saved')));
      }
      const loop = await tightLoopLatencies(floorPage, KEYSTROKES);
      console.log(
        `keystroke to durable commit (${rate}× CPU throttle, ${KEYSTROKES} keystrokes each, from keydown; load ${loadavg()[0]?.toFixed(1)}):`,
      );
      console.log(`  ${summary('app', app)}`);
      console.log(
        `  ${summary('floor (bare page: textarea → raw IndexedDB read-modify-write + outbox, strict)', floor)}`,
      );
      console.log(
        `  p95 ratio app/floor: ${(percentile(app, 0.95) / percentile(floor, 0.95)).toFixed(2)} (goal ≤ 1.25)`,
      );
      console.log(
        `  reference, the same write back to back with no keystroke: ${summary('', loop).slice(2)}`,
      );
    }
    await floorPage.close();
    await throttle(page, 4);

    await context.setOffline(true);
    const appNav = await offlineNavigations(page, auditUrl, () => page.locator('textarea').first().waitFor());
    const minimalPage = await context.newPage();
    await context.setOffline(false);
    await minimalPage.goto(minimal.url);
    await minimalPage.evaluate(() => navigator.serviceWorker.ready);
    await throttle(minimalPage);
    await context.setOffline(true);
    const floorNav = await offlineNavigations(minimalPage, minimal.url, () =>
      minimalPage.locator('#t').waitFor(),
    );
    console.log(`navigation to an editable audit, offline (4× CPU throttle, ${NAVIGATIONS} runs):`);
    console.log(`  ${summary('app', appNav)} (goal p95 ≤ 800 ms)`);
    console.log(`  ${summary('floor (minimal page from a service worker)', floorNav)}`);
    console.log(
      `  p95 ratio app/floor: ${(percentile(appNav, 0.95) / percentile(floorNav, 0.95)).toFixed(2)} (goal ≤ 1.3; load ${loadavg()[0]?.toFixed(1)})`,
    );
    await context.close();
  } finally {
    await browser.close();
    minimal.server.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
