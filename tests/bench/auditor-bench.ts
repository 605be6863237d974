/**
 * The auditor's PWA in Chromium with 4× CPU throttling, each figure beside a floor measured
 * in the same run:
 * - keystroke to durable commit through the app's real code path (keydown in the note →
 *   the 'lantern:saved' event after the strict-durability transaction), against a bare
 *   IndexedDB read-modify-write of the same document plus an outbox entry (goal: p95 within
 *   1.5× of the floor);
 * - navigation to an editable audit offline, against a minimal page served by a service
 *   worker (goal: p95 ≤ 0.8 s);
 * - the gzipped JavaScript the auditor's route loads (goal ≤ 150 KB).
 */
import { chromium, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, startServer } from '../support/server-process';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { median, ms, percentile } from './statistics';
import { firstCase, openMyAuditsReadyForOffline } from '../e2e/support/auditor-steps';

const KEYSTROKES = 60;
const NAVIGATIONS = 10;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const summary = (label: string, values: number[]): string =>
  `${label}: median ${ms(median(values))}, p95 ${ms(percentile(values, 0.95))}`;

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Keydown in the note until the app reports the change durable, one keystroke at a time. */
async function keystrokeLatencies(page: Page): Promise<number[]> {
  const out: number[] = [];
  const note = page.locator('textarea').first();
  await note.focus();
  for (let i = 0; i < KEYSTROKES; i++) {
    // The listeners are in place before the key goes down; the result is read afterwards.
    await page.evaluate(() => {
      const w = window as unknown as { benchLatency?: Promise<number> };
      w.benchLatency = new Promise<number>((resolve) => {
        let down = 0;
        window.addEventListener('keydown', () => (down = performance.now()), { once: true, capture: true });
        window.addEventListener(
          'lantern:saved',
          (e) => resolve((e as CustomEvent<{ at: number }>).detail.at - down),
          { once: true },
        );
      });
    });
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    out.push(
      await page.evaluate(() => (window as unknown as { benchLatency: Promise<number> }).benchLatency),
    );
    // A brisk typist: about 8 keys a second (~100 words a minute), not a key every microtask.
    await page.waitForTimeout(120);
  }
  return out;
}

/** The floor: raw IndexedDB, strict durability, read-modify-write of one document + an outbox put. */
async function floorLatencies(page: Page): Promise<number[]> {
  // No named inner functions here: the bundler would wrap them in a helper the page lacks.
  return page.evaluate(async (runs) => {
    const open = indexedDB.open(`bench-floor-${Date.now()}`, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('audits', { keyPath: 'id' });
      open.result.createObjectStore('outbox', { keyPath: 'mutationId' });
    };
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const answers: Record<string, unknown> = {};
    for (let i = 0; i < 45; i++) answers[`item-${i}`] = { kind: 'question', value: 'yes' };
    const doc = { id: 'a', snapshot: { answers, status: 'draft' }, rev: 1 };
    await new Promise<void>((resolve) => {
      const tx = db.transaction(['audits', 'outbox'], 'readwrite', { durability: 'strict' });
      tx.objectStore('audits').put(doc);
      tx.oncomplete = () => resolve();
    });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const tx = db.transaction(['audits', 'outbox'], 'readwrite', { durability: 'strict' });
        const get = tx.objectStore('audits').get('a');
        get.onsuccess = () => {
          const current = get.result as typeof doc;
          const next = {
            ...current,
            snapshot: {
              ...current.snapshot,
              answers: { ...current.snapshot.answers, note: { kind: 'text', value: 'x'.repeat(i) } },
            },
          };
          tx.objectStore('audits').put(next);
          tx.objectStore('outbox').put({
            mutationId: 'm',
            auditId: 'a',
            snapshot: next.snapshot,
            state: 'queued',
          });
        };
        tx.oncomplete = () => resolve();
      });
      times.push(performance.now() - t0);
    }
    db.close();
    return times;
  }, KEYSTROKES);
}

/** A minimal page and service worker: the floor for starting offline. */
async function minimalServiceWorkerSite(): Promise<{ url: string; server: Server }> {
  const html =
    '<!doctype html><html lang="en"><title>min</title><textarea id="t"></textarea><script>navigator.serviceWorker.register("/sw.js")</script></html>';
  const sw = `self.addEventListener('install', (e) => e.waitUntil(caches.open('m').then((c) => c.addAll(['/'])).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request).then((r) => r || fetch(e.request))));`;
  const server = createServer((req, res) => {
    if (req.url === '/sw.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(sw);
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

/** Gzipped bytes of the entry chunk and every chunk the auditor's views import, from Vite's manifest. */
async function auditorRouteGzipKb(): Promise<{ kb: number; files: number }> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'dist/.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; imports?: string[]; isEntry?: boolean }
  >;
  const wanted = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || wanted.has(chunk.file)) return;
    wanted.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  for (const key of Object.keys(manifest))
    if (/views\/auditor\/(MyAuditsView|AuditFormView)\.vue$/.test(key)) visit(key);
  let bytes = 0;
  for (const file of wanted)
    if (file.endsWith('.js')) bytes += gzipSync(await readFile(join(ROOT, 'dist', file))).length;
  return { kb: bytes / 1024, files: wanted.size };
}

export async function run(): Promise<void> {
  const size = await auditorRouteGzipKb();
  console.log(
    `auditor route JavaScript: ${size.kb.toFixed(1)} KB gzipped in ${size.files} chunks (goal ≤ 150 KB)`,
  );

  const server = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip' } });
  const minimal = await minimalServiceWorkerSite();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
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
    const auditUrl = page.url();
    await page.locator('textarea').first().waitFor();
    await throttle(page);

    const app = await keystrokeLatencies(page);
    const floor = await floorLatencies(page);
    console.log(`keystroke to durable commit (4× CPU throttle, ${KEYSTROKES} keystrokes):`);
    console.log(`  ${summary('app', app)}`);
    console.log(`  ${summary('floor (bare IndexedDB read-modify-write + outbox, strict)', floor)}`);
    console.log(
      `  p95 ratio app/floor: ${(percentile(app, 0.95) / percentile(floor, 0.95)).toFixed(2)} (goal ≤ 1.5)`,
    );

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
    await context.close();
  } finally {
    await browser.close();
    minimal.server.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
