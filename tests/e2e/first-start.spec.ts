/**
 * The README's promise: `npm start` on an empty data directory serves Lantern with the
 * labelled demo organisation, and the sign-in page lists the demo accounts.
 */
import { test, expect } from '@playwright/test';
import { axeViolations, describeViolations } from './support/axe-scan';
import { startServer, type ServerProcess } from '../support/server-process';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip' } });
});
test.afterAll(async () => {
  await server.stop();
});

test('a first start serves the app with the labelled demo organisation', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('demo-banner')).toContainText('Demo data');
  await expect(page.locator('.site-header')).toContainText("Northmoor Children's Services (demo)");
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  const accounts = page.getByTestId('demo-accounts');
  await expect(accounts).toContainText('lantern-demo');
  for (const role of ['Auditor', 'Moderator', 'QA lead', 'Manager', 'Admin']) {
    await expect(accounts.getByRole('cell', { name: role, exact: false }).first()).toBeVisible();
  }
});

test('the start and sign-in pages pass an accessibility scan', async ({ page }) => {
  for (const path of ['/', '/sign-in', '/no-such-page']) {
    await page.goto(server.url + path);
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    expect(describeViolations(await axeViolations(page)), path).toEqual([]);
  }
});

test('an empty start shows no demo label and no demo accounts', async ({ page }) => {
  const empty = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip', LANTERN_DEMO: '0' } });
  try {
    await page.goto(empty.url + '/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await expect(page.getByTestId('demo-accounts')).toHaveCount(0);
  } finally {
    await empty.stop();
  }
});
