/** Signing in and out in the browser, by keyboard, with the demo accounts. */
import { test, expect } from '@playwright/test';
import { axeViolations, describeViolations } from './support/axe-scan';
import { useDemoServer } from './support/demo-server';

const server = useDemoServer('lantern-sign-in-');

test('a demo auditor signs in by keyboard alone, sees their home, and signs out', async ({ page }) => {
  await page.goto(server.url + '/sign-in');
  await page.getByRole('button', { name: 'Use Amara Osei (demo)' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#password')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Hello, Amara Osei (demo)' })).toBeVisible();
  await expect(page.getByText('You are signed in as Auditor')).toBeVisible();
  expect(describeViolations(await axeViolations(page))).toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello, Amara Osei (demo)' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto(server.url + '/');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is reported in an error summary', async ({ page }) => {
  await page.goto(server.url + '/sign-in');
  await page.getByLabel('E-mail address').fill('amara.auditor@demo.lantern.invalid');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The e-mail address or password is not right.');
  await expect(page.getByRole('alert')).toBeFocused();
  expect(describeViolations(await axeViolations(page))).toEqual([]);
});
