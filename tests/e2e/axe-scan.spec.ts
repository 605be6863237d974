/**
 * The axe check itself (support/axe-scan.ts): it finds what it should, on a page with known
 * faults, both when run whole and when run for some rules only, and again after the page changes;
 * the assertion fails on a fault that stays, and passes once a passing fault is gone.
 */
import { test, expect } from '@playwright/test';
import { axeViolations, expectNoAxeViolations } from './support/axe-scan';

test('the axe check finds known faults, keeps to the rules asked for, and sees the page as it is now', async ({
  page,
}) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1>' +
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
      '<p style="color:#bbb;background:#fff">Faint words</p></main></body></html>',
  );
  const whole = (await axeViolations(page)).map((v) => v.id);
  expect(whole).toEqual(expect.arrayContaining(['image-alt', 'color-contrast']));
  expect((await axeViolations(page, ['color-contrast'])).map((v) => v.id)).toEqual(['color-contrast']);
  // The check is already in the page: a second scan sees the change, not the first scan's page.
  await page.evaluate(() => {
    document.querySelector('img')?.setAttribute('alt', 'A dot');
    document.querySelector('p')?.setAttribute('style', 'color:#000;background:#fff');
  });
  expect(await axeViolations(page)).toEqual([]);
});

test('the assertion fails on a fault that stays, naming it, and passes on a fault mended while it looks again', async ({
  page,
}) => {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Fault</title></head><body><main><h1>Fault</h1>' +
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
  );
  const failed = await expectNoAxeViolations(page, 'fault page', 1_000).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failed).toContain('fault page: image-alt img');
  // Mended a moment after the first scan: the scans after it find nothing.
  await page.evaluate(() =>
    setTimeout(() => document.querySelector('img')?.setAttribute('alt', 'A dot'), 300),
  );
  await expectNoAxeViolations(page, 'fault page', 10_000);
});
