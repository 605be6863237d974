/**
 * The auditor's tablet on a poor line: 400 kbit/s down, 150 kbit/s up, 400 ms round
 * trip, and 6× CPU throttling (CDP `Emulation.setCPUThrottlingRate`). Each figure is the median
 * of 3 fresh devices, before (the build before the auditor-only precache: every route precached, nothing
 * compressed) and after (this build), in the same run:
 * - a first visit, from the sign-in page to "Ready for offline: 12 of 12 cases" (seconds);
 * - the bytes that crossed the line for it (both ways);
 * - syncing a day's work: 12 audits of the default framework, every item answered, notes of a
 *   few hundred words, from the moment the line is back until the outbox is empty and every one
 *   of the 12 holds the server's revision (the bytes of the sync are printed beside it).
 *
 * The line is shaped by a proxy in this process, not by CDP `Network.emulateNetworkConditions`:
 * that applies to the page's own requests only, and the service worker's precache downloads
 * (most of a first visit's bytes) would go past it. The proxy shares one bandwidth budget per
 * direction between all the browser's connections, delays each chunk by half the round trip,
 * and counts every byte; for "before" it also asks the server for no compression
 * (`Accept-Encoding: identity`), as the server was before compression came.
 *
 * `LANTERN_CLIENT_DIR` is the build to measure (default dist/); the "before" build is made
 * into a temporary folder (LANTERN_BUILD_FULL_PRECACHE=1) unless `LANTERN_BENCH_BEFORE_DIR`
 * names one; `LANTERN_BENCH_ONLY=after` (or `before`) measures one side. `LANTERN_BENCH_TRACE=1` prints every chunk the proxy forwards (request lines,
 * status lines, encodings), e.g. to see the service worker's precache requests cross the line.
 * A benchmark, not a test: it asserts nothing.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, type ServerProcess } from '../support/server-process';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { median } from './statistics';
import { syntheticAnswers } from '../../server/demo/synthetic-answers';
import { seededRandom } from '../../shared/random/seeded-random';
import type { Answers } from '../../shared/framework/answer-schema';
import { CHROMIUM_ARGS } from '../support/chromium-args';

const RUNS = Number(process.env.LANTERN_BENCH_RUNS ?? 3);
const TRACE = process.env.LANTERN_BENCH_TRACE === '1';
const AUDITOR = 'ben.auditor@demo.lantern.invalid';
const CASES = 12;
/** Bytes per millisecond: 400 kbit/s down, 150 kbit/s up. */
const DOWN = 400_000 / 8 / 1000;
const UP = 150_000 / 8 / 1000;
const ROUND_TRIP_MS = 400;
const CPU_RATE = 6;
/**
 * Notes as an auditor writes them, for what they cost on the line: each one different, of words
 * drawn with English-like frequencies (Zipf's law over 12,000 made-up words). Text like this
 * gzips about 3.4×, near English prose (the GPL's text gzips 2.9×); one sentence repeated would
 * gzip tens of times over and flatter a compressed push.
 */
const SYLLABLES =
  'ba re mo ti ca len sor pli ven dra tho gan mi ster pro ful ness ing ed al con ment ly ate ous ther an per vis ic'.split(
    ' ',
  );
const VOCABULARY = ((random) =>
  Array.from({ length: 12_000 }, () =>
    Array.from(
      { length: 1 + Math.floor(random() * 3.2) },
      () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
    ).join(''),
  ))(seededRandom(7));
const WORD_AT = ((weights) => {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})(VOCABULARY.map((_, i) => 1 / (i + 1) ** 0.9));
function note(seed: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: 300 }, (_, i) => {
    const x = random();
    let lo = 0;
    let hi = WORD_AT.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((WORD_AT[mid] ?? 1) < x) lo = mid + 1;
      else hi = mid;
    }
    const word = VOCABULARY[lo] ?? 'the';
    return `${i % 14 === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word}${i % 14 === 13 ? '.' : ''}`;
  }).join(' ');
}

interface Line {
  url: string;
  bytes(): number;
  /** The bytes each way so far: `up` from the browser, `down` to it. */
  split(): { up: number; down: number };
  /** No signal: what either side sends waits in the proxy (not lost) until `restore`. */
  cut(): void;
  /** The signal is back: what waited goes on, shaped from now. */
  restore(): void;
  close(): void;
}

/** A shaped line to `port`: shared bandwidth per direction, half the round trip each way, bytes counted. */
async function shapedLine(port: number, identity: boolean): Promise<Line> {
  let bytes = 0;
  const each = { down: 0, up: 0 };
  const free = { down: 0, up: 0 };
  const sockets = new Set<Socket>();
  /** While the line is cut, the sends waiting for it, in order. */
  let waiting: (() => void)[] | null = null;
  const whenUp = (send: () => void): void => {
    if (waiting) waiting.push(send);
    else send();
  };
  const forward = (from: Socket, to: Socket, direction: 'down' | 'up'): void => {
    from.on('data', (chunk: Buffer) => {
      let data = chunk;
      if (direction === 'up' && identity)
        data = Buffer.from(
          chunk.toString('latin1').replace(/\r\naccept-encoding:[^\r]*/gi, '\r\nAccept-Encoding: identity'),
          'latin1',
        );
      bytes += data.length;
      each[direction] += data.length;
      if (TRACE) {
        const text = data.subarray(0, 400).toString('latin1');
        const head = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD) \S+|^HTTP\/1\.1 \d+/.exec(text)?.[0];
        const enc = /\r\n(?:content-encoding|accept-encoding):[^\r]*/i.exec(text)?.[0]?.trim();
        console.log(
          `    ${(performance.now() / 1000).toFixed(1)} ${direction} ${data.length}${head ? ` ${head}` : ''}${enc ? ` [${enc}]` : ''}`,
        );
      }
      whenUp(() => {
        const now = performance.now();
        const start = Math.max(now, free[direction]);
        free[direction] = start + data.length / (direction === 'down' ? DOWN : UP);
        setTimeout(() => to.destroyed || to.write(data), free[direction] + ROUND_TRIP_MS / 2 - now);
      });
    });
    from.on('close', () =>
      whenUp(() =>
        setTimeout(() => to.destroy(), Math.max(0, free[direction] + ROUND_TRIP_MS / 2 - performance.now())),
      ),
    );
    from.on('error', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    forward(client, upstream, 'up');
    forward(upstream, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    bytes: () => bytes,
    split: () => ({ ...each }),
    cut: () => {
      waiting ??= [];
    },
    restore: () => {
      const queued = waiting ?? [];
      waiting = null;
      for (const send of queued) send();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

async function slowDevice(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Persistent storage granted, as to an installed app (the readiness check asks for it).
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.grantPermissions', {
    permissions: ['durableStorage'],
    origin: url,
    browserContextId: targetInfo.browserContextId,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return page;
}

/** From the sign-in page of a fresh device to "Ready for offline: 12 of 12 cases": seconds and bytes. */
async function firstVisit(page: Page, line: Line): Promise<{ seconds: number; kb: number }> {
  const bytes0 = line.bytes();
  const t0 = performance.now();
  await page.goto(`${line.url}/sign-in`);
  await page.getByLabel('E-mail address').fill(AUDITOR);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: /^Hello/ }).waitFor({ timeout: 300_000 });
  await page.getByRole('link', { name: 'My audits' }).first().click();
  await page.getByRole('link', { name: 'Check this device is ready for offline work' }).click();
  // Anchored and case-sensitive: a string `hasText` is a case-insensitive substring, which
  // "Not ready for offline: 12 of 12 cases" (cases and forms stored, the worker still
  // precaching) contains too.
  await page
    .getByTestId('readiness')
    .filter({ hasText: new RegExp(`^\\s*Ready for offline: ${CASES} of\\s+${CASES} cases`) })
    .waitFor({ timeout: 600_000 });
  return { seconds: (performance.now() - t0) / 1000, kb: (line.bytes() - bytes0) / 1024 };
}

/** A complete audit of the default framework, as a careful auditor leaves it, every note a few hundred words. */
function fullAnswers(audit: number): Answers {
  const answers = syntheticAnswers(2, seededRandom(20));
  for (const [i, [key, answer]] of Object.entries(answers).entries()) {
    const words = note(audit * 1_000 + i);
    if (answer.kind === 'text') answers[key] = { ...answer, value: words };
    if (answer.kind === 'yes-no-note') answers[key] = { ...answer, note: words };
  }
  return answers;
}

/**
 * A day's work on the device, offline: every case not yet started gets a complete audit with
 * long notes, written into the device's database as the form saves it (an audit record and its
 * queued outbox entry); then the line is back, and the time until the server has answered
 * every one of them is taken.
 */
async function syncADay(
  context: BrowserContext,
  page: Page,
  line: Line,
): Promise<{ seconds: number; audits: number; kb: number; heldKb: number; upKb: number; downKb: number }> {
  const cdp = await context.newCDPSession(page);
  await page.goto(`${line.url}/audits`);
  await page
    .getByTestId('waiting-count')
    .filter({ hasText: 'Everything is synced' })
    .waitFor({ timeout: 300_000 });
  // Offline twice over: the page is told so (no sync runs, and 'online' fires when it is
  // back), and the line itself holds whatever is sent meanwhile, because Playwright's offline
  // mode does not reach requests that pass through a service worker
  // (github.com/microsoft/playwright/issues/2311): a sync begun through the worker while
  // "offline" would otherwise cross the line before the clock starts.
  const bytes0 = line.bytes();
  line.cut();
  await context.setOffline(true);
  const written = await page.evaluate(
    async (answerSets) => {
      // The person's database (lantern-<uuid>), not the device's own (lantern-device).
      const name = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .find((n) => /^lantern-[0-9a-f-]{36}$/.test(n));
      if (!name) throw new Error('the app has no database for the person on this device');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name ?? '');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // No named inner functions: the bundler would wrap them in a helper the page lacks.
      const [stored, allocations] = (await Promise.all(
        ['audits', 'allocations'].map(
          (store) =>
            new Promise<unknown[]>((resolve) => {
              const request = db.transaction(store).objectStore(store).getAll();
              request.onsuccess = () => resolve(request.result as unknown[]);
            }),
        ),
      )) as [
        { id: string }[],
        { id: string; caseId: string; frameworkKey: string; frameworkVersion: number }[],
      ];
      const started = new Set(stored.map((a) => a.id));
      const tx = db.transaction(['audits', 'outbox'], 'readwrite');
      const ids: string[] = [];
      for (const allocation of allocations.filter((a) => !started.has(a.id))) {
        const mutationId = crypto.randomUUID();
        const snapshot = {
          id: allocation.id,
          caseId: allocation.caseId,
          frameworkKey: allocation.frameworkKey,
          frameworkVersion: allocation.frameworkVersion,
          status: 'draft',
          answers: answerSets[ids.length % answerSets.length],
          completedAt: null,
        };
        tx.objectStore('audits').put({
          id: allocation.id,
          caseId: allocation.caseId,
          snapshot,
          base: null,
          rev: 0,
          queuedMutationId: mutationId,
          localUpdatedAt: new Date().toISOString(),
          rejection: null,
          returnedNote: null,
        });
        tx.objectStore('outbox').put({
          mutationId,
          auditId: allocation.id,
          createdAt: Date.now(),
          state: 'queued',
          baseRev: null,
          snapshot,
        });
        ids.push(allocation.id);
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return ids;
    },
    Array.from({ length: CASES }, (_, audit) => fullAnswers(audit)),
  );
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  const heldKb = (line.bytes() - bytes0) / 1024;
  const split0 = line.split();
  // The sync runner writes its last-synced time once a run's push and pull are both done.
  const since = await page.evaluate(() => new Date().toISOString());
  const t0 = performance.now();
  // The line is back: the sync runner pushes on 'online', then pulls. Done when the outbox is
  // empty, every audit written holds a revision from the server (rev ≥ 1: the server's answer
  // to each has crossed the line and been applied, so an empty outbox alone cannot end it
  // early), and a sync run begun after the line came back has finished its pull too (its
  // last-synced time is written after the pull).
  line.restore();
  await context.setOffline(false);
  // Polled from here with page.evaluate, which waits for the check's promise: waitForFunction
  // does not, and an async check (a promise is truthy) ends it at once
  // (github.com/microsoft/playwright/issues/29132), which is how the sync once took 0.6 s.
  const allAnswered = async ([ids, since]: [string[], string]): Promise<boolean> => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => /^lantern-[0-9a-f-]{36}$/.test(n));
    if (!name) return false;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['outbox', 'audits', 'meta']);
    const [waiting, audits, syncedAt] = await Promise.all([
      new Promise<number>((resolve) => {
        const request = tx.objectStore('outbox').count();
        request.onsuccess = () => resolve(request.result);
      }),
      new Promise<{ id: string; rev: number }[]>((resolve) => {
        const request = tx.objectStore('audits').getAll();
        request.onsuccess = () => resolve(request.result as { id: string; rev: number }[]);
      }),
      new Promise<string>((resolve) => {
        const request = tx.objectStore('meta').get('last-synced-at');
        request.onsuccess = () => resolve((request.result as { value?: string } | undefined)?.value ?? '');
      }),
    ]);
    db.close();
    const synced = new Set(audits.filter((a) => a.rev >= 1).map((a) => a.id));
    return waiting === 0 && ids.every((id) => synced.has(id)) && syncedAt >= since;
  };
  const deadline = performance.now() + 300_000;
  while (!(await page.evaluate(allAnswered, [written, since] as [string[], string]))) {
    if (performance.now() > deadline) throw new Error("the day's work was not synced within 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    seconds: (performance.now() - t0) / 1000,
    audits: written.length,
    kb: (line.bytes() - bytes0) / 1024,
    heldKb,
    upKb: (line.split().up - split0.up) / 1024,
    downKb: (line.split().down - split0.down) / 1024,
  };
}

async function measure(
  label: string,
  clientDir: string,
  identity: boolean,
): Promise<{ visit: number[]; kb: number[]; sync: number[] }> {
  const out = { visit: [] as number[], kb: [] as number[], sync: [] as number[] };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  let server: ServerProcess | null = null;
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh server each run: the day's work of the run before is not there to re-sync.
      server = await startServer({
        env: { LANTERN_CLIENT_BUILD: 'skip', LANTERN_CLIENT_DIR: clientDir },
        timeoutMs: 900_000,
      });
      const line = await shapedLine(server.port, identity);
      const context = await browser.newContext();
      try {
        const page = await slowDevice(context, line.url);
        const visit = await firstVisit(page, line);
        out.visit.push(visit.seconds);
        out.kb.push(visit.kb);
        const day = await syncADay(context, page, line);
        out.sync.push(day.seconds);
        console.log(
          `  ${label} run ${run + 1}: first visit ${visit.seconds.toFixed(1)} s, ${visit.kb.toFixed(0)} KB; a day's sync (${day.audits} audits, ${day.kb.toFixed(0)} KB over the line, ${day.heldKb.toFixed(0)} KB of it sent while offline and held; after the line came back ${day.upKb.toFixed(0)} KB up, ${day.downKb.toFixed(0)} KB down) ${day.seconds.toFixed(1)} s (load ${loadavg()[0]?.toFixed(1)})`,
        );
      } finally {
        await context.close();
        line.close();
        await server.stop();
        server = null;
      }
    }
  } finally {
    await browser.close();
    await server?.stop();
  }
  return out;
}

export async function run(): Promise<void> {
  const after = process.env.LANTERN_CLIENT_DIR ?? join(ROOT, 'dist');
  let before = process.env.LANTERN_BENCH_BEFORE_DIR;
  let madeBefore: string | null = null;
  if (!before && process.env.LANTERN_BENCH_ONLY !== 'after') {
    madeBefore = await mkdtemp(join(tmpdir(), 'lantern-before-issue-20-'));
    execFileSync('npx', ['vite', 'build', '--outDir', madeBefore, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      env: { ...process.env, LANTERN_BUILD_FULL_PRECACHE: '1' },
      stdio: 'inherit',
    });
    before = madeBefore;
  }
  before ??= '';
  try {
    console.log(
      `slow line (400 kbit/s down, 150 up, ${ROUND_TRIP_MS} ms round trip) and ${CPU_RATE}× CPU throttle, median of ${RUNS}; load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    // LANTERN_BENCH_ONLY=after (or before) measures one side: each run's line is printed.
    const only = process.env.LANTERN_BENCH_ONLY;
    const b = only === 'after' ? null : await measure('before', before, true);
    const a = only === 'before' ? null : await measure('after', after, false);
    if (!a || !b) return;
    const row = (name: string, x: number[], y: number[], unit: string, goal: string): void =>
      console.log(
        `  ${name}: before ${median(x).toFixed(1)} ${unit}, after ${median(y).toFixed(1)} ${unit} (${(median(x) / median(y)).toFixed(1)}× less; ${goal})`,
      );
    row('first visit to "Ready for offline: 12 of 12"', b.visit, a.visit, 's', 'goal after ≤ 15 s');
    row('bytes over the line for it', b.kb, a.kb, 'KB', 'goal ≥ 3× fewer');
    row("syncing a day's work (12 full audits, long notes)", b.sync, a.sync, 's', 'goal after ≤ 8 s');
    console.log(
      `  load after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    if (madeBefore) await rm(madeBefore, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
