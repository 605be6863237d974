/**
 * The admin's people import in Chromium: a staff file with a mistake is refused with the row
 * and column named and nobody added; the corrected 40-person XLSX is previewed (new people,
 * changes to someone already in Lantern) and imported; the set-password links are shown once;
 * one of the new people uses theirs, signs in and sees their area. Every state passes axe.
 */
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { useDemoServer } from './support/demo-server';
import { STAFF_HEADERS, staffRows, staffXlsx } from '../fixtures/people/staff-file';

const server = useDemoServer('lantern-people-import-', 200_000);

test('an admin imports 40 people from an XLSX, and one of them signs in with their link', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const rows = staffRows(40, 21, 'e2e');
  // Someone already in Lantern, with a new job title: updated, not added again.
  rows.push([
    'Amara Osei (demo)',
    'amara.auditor@demo.lantern.invalid',
    'Senior practitioner',
    'Assessment Team A',
    'Auditor',
    'Assessment Team A',
  ]);
  const broken = rows.map((r) => [...r]);
  broken[9]![4] = 'Auditor; Superuser';

  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('button', { name: 'Use Gus Fielding (demo)' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Gus Fielding (demo)' })).toBeVisible();
  await page.goto(`${server.url}/admin/people`);
  await page.getByRole('link', { name: 'Import people from a file' }).click();
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, 'people import, empty');

  await page.getByLabel('Staff file').setInputFiles({
    name: 'staff.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await staffXlsx(broken, STAFF_HEADERS),
  });
  const problems = page.getByTestId('people-import-problems');
  // The first file read starts the reader's worker: slow on a busy machine.
  await expect(problems).toContainText('E (Roles)', { timeout: 60_000 });
  await expect(problems).toContainText('"Superuser" is not a role in Lantern');
  await expect(problems.locator('tbody th').first()).toHaveText('11');
  await expect(page.getByTestId('people-import-ready')).toHaveCount(0);
  await expectNoAxeViolations(page, 'people import, a row problem');

  await page.getByLabel('Staff file').setInputFiles({
    name: 'staff.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await staffXlsx(rows, STAFF_HEADERS),
  });
  await expect(page.getByRole('heading', { name: 'New people (40)' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('people-import-updated')).toContainText(
    'Job title: Team manager, Assessment A → Senior practitioner',
  );
  await expectNoAxeViolations(page, 'people import, preview');
  await page.getByRole('button', { name: 'Import 41 people' }).click();

  await expect(page.getByTestId('people-import-result')).toContainText('40 added, 1 changed', {
    timeout: 60_000,
  });
  const links = page.getByTestId('people-import-links');
  await expect(links.locator('tbody tr')).toHaveCount(40);
  await expectNoAxeViolations(page, 'people import, links shown once');
  const link = await links.locator('tr', { hasText: rows[4]![1]! }).getByRole('textbox').inputValue();
  expect(link).toMatch(/\/set-password\?token=[\w-]{43}$/);

  // Shown once: after a reload, the links are gone; the import is in the history.
  await page.reload();
  await expect(page.getByTestId('people-import-links')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Imports so far' })).toBeVisible();

  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await them.goto(link);
  await expect(them.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await expect(them.getByText(rows[4]![1]!)).toBeVisible();
  await them.getByLabel('New password').fill('four words make strength');
  await them.getByLabel('Type the password again').fill('four words make strength');
  await them.getByRole('button', { name: 'Set password' }).click();
  await expect(them.getByRole('heading', { name: 'Your password is set' })).toBeFocused({ timeout: 30_000 });
  await them.getByRole('link', { name: 'Sign in' }).click();
  await them.getByLabel('E-mail address').fill(rows[4]![1]!);
  await them.getByLabel('Password').fill('four words make strength');
  await them.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(them.getByRole('heading', { name: `Hello, ${rows[4]![0]!}` })).toBeVisible();
  await expect(
    them.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My audits' }),
  ).toBeVisible();
  await theirs.close();
});
