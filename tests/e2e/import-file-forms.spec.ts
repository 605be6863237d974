/**
 * The import screens ask what the file reader cannot tell alone, in Chromium against the real
 * server: a case-list workbook with several sheets asks which sheet and imports the one
 * chosen, its ’ £ – stored as typed; a CSV whose character set cannot be told apart shows how
 * each candidate reads the line that differs; the manager's plan import asks for the sheet
 * too. Each question passes an axe scan.
 */
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';
import { csvText, windows1252, xlsxBytes } from '../fixtures/tables/same-rows';

/** The first file a server reads starts its reader worker (tsx, exceljs): slow on a loaded machine. */
const READ = { timeout: 120_000 };
const ERIN = 'erin.qalead@demo.lantern.invalid';
const FARAH = 'farah.manager@demo.lantern.invalid';

const server = useDemoServer('lantern-forms-');

test.describe.configure({ timeout: 600_000 });

test('the case-list import asks which sheet and which character set, and imports with the answers', async ({
  page,
}) => {
  await signIn(page, server.url, ERIN);
  await page.goto(`${server.url}/qa/import`);

  const rows = [
    ['FORM-1', 'Assessment Team B', 'CIN', 'Siobhán O’Neill', 'Pathway plan (£250 grant) – “review”'],
    ['FORM-2', 'Assessment Team A', 'CIN', 'Zoë Brontë', 'CIN plan'],
  ];
  await page.getByLabel('Case list file').setInputFiles({
    name: 'cases.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await xlsxBytes(rows),
  });
  const ask = page.getByTestId('import-ask');
  await expect(ask.getByRole('heading', { name: 'Which sheet holds the table?' })).toBeVisible(READ);
  await expect(ask.getByRole('radio')).toHaveCount(2);
  await expectNoAxeViolations(page, 'which sheet');
  await ask.getByLabel(/^Cases/).check();
  await ask.getByRole('button', { name: 'Read the file this way' }).click();
  await expect(page.getByText('cases.xlsx, sheet “Cases”: 2 rows.')).toBeVisible(READ);
  await expect(page.getByTestId('import-ready')).toContainText('2 new');
  await page.getByRole('button', { name: 'Import 2 cases' }).click();
  await expect(page.getByTestId('import-result')).toContainText('2 new', READ);

  // UTF-8 with one line pasted from a Windows-1252 file: the reader shows both readings.
  const mixed = Buffer.concat([
    Buffer.from(
      csvText(
        [
          ['Case reference', 'Team', 'Case type', 'Allocated worker'],
          ['FORM-3', 'Assessment Team A', 'CIN', 'Zoë Brontë'],
        ],
        ',',
      ),
    ),
    windows1252('FORM-4,Assessment Team A,CIN,Ann O’Hara\r\n'),
  ]);
  await page
    .getByLabel('Case list file')
    .setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: mixed });
  await expect(ask.getByRole('heading', { name: 'How was the file saved?' })).toBeVisible(READ);
  await expect(ask).toContainText('UTF-8 — reads as “FORM-3,Assessment Team A,CIN,Zoë Brontë”');
  await expect(ask).toContainText('Windows-1252) — reads as “FORM-3,Assessment Team A,CIN,ZoÃ« BrontÃ«”');
  await expectNoAxeViolations(page, 'which character set');
  // Read as UTF-8, the pasted line's ’ is lost: the cell is named and nothing is imported.
  await ask.getByLabel(/^UTF-8/).check();
  await ask.getByRole('button', { name: 'Read the file this way' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('Row 3, column D (Allocated worker)', READ);
  await expectNoAxeViolations(page, 'garbled cell');
});

test('the plan import asks which sheet of a workbook holds the plan', async ({ page }) => {
  await signIn(page, server.url, FARAH);
  await page.goto(`${server.url}/plan`);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Cover').addRow(['Improvement plan, 2026']);
  workbook.addWorksheet('Plan').addRows([
    ['Ref', 'Area for improvement', 'Timescale', 'Action no.', 'Action', 'Lead'],
    [
      '1',
      'Children’s plans – “SMART” (£)',
      'Immediately',
      '1.1',
      'Relaunch planning training',
      'Head of Service',
    ],
  ]);
  await page.getByLabel('Title', { exact: true }).last().fill('From a workbook');
  await page.locator('#import-file').setInputFiles({
    name: 'plan.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole('button', { name: 'Import the plan' }).click();
  const ask = page.getByTestId('plan-import-ask');
  await expect(ask.getByRole('heading', { name: 'Which sheet holds the table?' })).toBeVisible(READ);
  await expectNoAxeViolations(page, 'plan: which sheet');
  await ask.getByLabel(/^Plan/).check();
  await ask.getByRole('button', { name: 'Read the file this way' }).click();
  await expect(page.getByRole('heading', { name: '1. Children’s plans – “SMART” (£)' })).toBeVisible(READ);
});
