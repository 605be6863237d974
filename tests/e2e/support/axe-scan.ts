/**
 * The accessibility check every end-to-end screen passes: no axe violation against WCAG 2.2 AA.
 */
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with each violation's rule and targets, prefixed by `name` (which screen it was) when given. */
export async function expectNoAxeViolations(page: Page, name?: string): Promise<void> {
  await settledFrame(page);
  const scan = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const prefix = name ? `${name}: ` : '';
  expect(
    scan.violations.map((v) => `${prefix}${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * Two animation frames: what the page frame does once a frame (a table that has just started to
 * scroll sideways becomes a focusable region: client/components/page-frame.ts) is done before a
 * scan reads the page. Without it a scan that starts between the table's rows arriving and the
 * next frame finds the box not yet focusable, which no person could see.
 */
export async function settledFrame(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}
