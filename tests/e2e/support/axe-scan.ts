/**
 * The accessibility check every end-to-end screen passes: no axe violation against WCAG 2.2 AA.
 *
 * axe-core is put into the document once (again after a document load) and run there with
 * `axe.run`. @axe-core/playwright's AxeBuilder injects it into every frame on every scan and
 * finishes each scan in a new blank page: measured on the demo, 9.4 s against 4.3 s for the
 * longest list (/qa/inspection, 3,670 elements) and 1.2 s against 0.1 s for a short page, the
 * same violations found. The app draws no frames (iframes), so nothing AxeBuilder does for them
 * is missed.
 */
import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A violation: its rule's id and the elements it names (each as a CSS selector). */
export interface AxeViolation {
  id: string;
  targets: string[];
}

/** axe on the page as it is now: every rule of AXE_TAGS, or only `rules` when given. */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  await settledFrame(page);
  const present = await page.evaluate(
    () => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function',
  );
  if (!present) await page.evaluate(axe.source);
  return page.evaluate(
    async ({ tags, only }) => {
      const engine = (window as unknown as { axe: typeof axe }).axe;
      const result = await engine.run(document, {
        runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
    },
    { tags: AXE_TAGS, only: rules ? [...rules] : null },
  );
}

/** Each violation as "rule: targets", for an assertion's message. */
export const describeViolations = (violations: AxeViolation[], prefix = ''): string[] =>
  violations.map((v) => `${prefix}${v.id} ${v.targets.join(', ')}`);

/** How long a scan that found violations keeps looking again before it fails. */
const LOOK_AGAIN_MS = 15_000;

/**
 * Fails with each violation's rule and targets, prefixed by `name` (which screen it was) when given.
 * A scan that finds any scans again, for up to 15 s after its first answer: a screen drawing what
 * has just arrived can be caught between two frames (on a loaded machine, a table's rows in and
 * the frame that makes its box a focusable region not yet run), a state no person sees. A
 * violation that stays fails as before, with the last scan's list. The scans themselves have no
 * limit but the test's: on a loaded machine one scan of the longest list (/qa/inspection) took
 * more than 15 s, and a limit counted from before it cut that scan off with nothing found.
 */
export async function expectNoAxeViolations(
  page: Page,
  name?: string,
  lookAgainMs = LOOK_AGAIN_MS,
): Promise<void> {
  const prefix = name ? `${name}: ` : '';
  const scan = async () => describeViolations(await axeViolations(page), prefix);
  let found = await scan();
  const until = Date.now() + lookAgainMs;
  for (let pause = 250; found.length > 0 && Date.now() < until; pause = Math.min(pause * 2, 1_000)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    found = await scan();
  }
  expect(found).toEqual([]);
}

/**
 * Two animation frames: what the page frame does once a frame (a table that has just started to
 * scroll sideways becomes a focusable region: client/components/page-frame.ts) is done before a
 * scan reads the page. Without it a scan that starts between the table's rows arriving and the
 * next frame finds the box not yet focusable, which no person could see. A page the browser
 * stops drawing gets no frames (once, in a sweep of two workers, a page waited five minutes for
 * one): the frames are waited for half a second at most, and the page asked for a frame again
 * after it is brought to the front.
 */
export async function settledFrame(page: Page): Promise<void> {
  const framed = () =>
    page.evaluate(
      () =>
        new Promise<boolean>((done) => {
          setTimeout(() => done(false), 500);
          requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
        }),
    );
  if (await framed()) return;
  await page.bringToFront();
  await framed();
}
