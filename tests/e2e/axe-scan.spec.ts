/**
 * The axe check itself (support/axe-scan.ts): it finds what it should, on a page with known
 * faults, both when run whole and when run for some rules only, and again after the page changes.
 */
import { test, expect } from '@playwright/test';
import { axeViolations } from './support/axe-scan';

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
