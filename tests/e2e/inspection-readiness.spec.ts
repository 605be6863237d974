/**
 * Inspection readiness, in Chromium against the real server and the demo: Erin, a QA
 * lead, opens the list of her service's audited cases, downloads it as CSV and as XLSX (both
 * parsed: the same rows as the table), picks two cases, opens the deep-dive pack and finds every
 * section of each audit in it; the pages pass an axe scan.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';
import { INSPECTION_COLUMNS } from '../../shared/inspection/inspection-columns';

const ERIN = 'erin.qalead@demo.lantern.invalid';

const server = useDemoServer('lantern-inspection-');

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await file.path());
}

test('a QA lead lists the audited cases, downloads them, and opens a deep-dive pack of two', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, ERIN, { timeout: 60_000 });
  await page.goto(`${server.url}/qa`);
  await page.getByRole('link', { name: 'Inspection readiness' }).click();
  await expect(page.getByRole('heading', { name: 'Inspection readiness' })).toBeVisible();
  const covers = page.getByTestId('inspection-covers');
  await expect(covers).toContainText(
    /\d+ audits completed from \d+ \w+ \d{4} to \d+ \w+ \d{4}, both days included/,
  );
  const rows = page.getByTestId('inspection-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(10);
  const references = await rows.locator('th').allInnerTexts();
  await expectNoAxeViolations(page, 'inspection list');

  const csv = await download(page, 'inspection-csv');
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = parse(csv, { bom: true }) as string[][];
  expect(table[0]).toEqual(INSPECTION_COLUMNS.map((c) => c.header));
  expect(table.slice(1).map((r) => r[0])).toEqual(references);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(page, 'inspection-xlsx')) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Audited cases');
  expect(sheet?.getRow(1).getCell(1).value).toBe('Case reference');
  const xlsxReferences: string[] = [];
  sheet?.eachRow((row, n) => {
    if (n > 1) {
      xlsxReferences.push(String(row.getCell(1).value));
      expect(row.getCell(4).value).toBeInstanceOf(Date);
    }
  });
  expect(xlsxReferences).toEqual(references);

  // Two cases for the deep-dive.
  const picks = page.getByRole('checkbox', { name: /^Choose case / });
  await picks.nth(0).check();
  await picks.nth(1).check();
  await expect(page.getByText('2 of at most 20 cases chosen')).toBeVisible();
  await page.getByRole('button', { name: 'Open the deep-dive pack' }).click();

  await expect(page.getByRole('heading', { name: 'Inspection deep-dive pack', level: 1 })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('pack-made')).toContainText(/^Made \d+ \w+ \d{4}, \d\d:\d\d by Erin/);
  const cases = page.getByTestId('pack-case');
  await expect(cases).toHaveCount(2);
  // The section titles from the framework itself (its JSON: Playwright's loader reads no JSON import).
  const framework = JSON.parse(
    await readFile(new URL('../../shared/framework/default-v1.json', import.meta.url), 'utf8'),
  ) as { sections: { title: string }[] };
  const titles = framework.sections.map((s) => s.title);
  expect(titles.length).toBeGreaterThan(3);
  for (let i = 0; i < 2; i += 1) {
    const section = cases.nth(i);
    const audits = await section.getByRole('heading', { level: 3 }).count();
    expect(audits).toBeGreaterThan(0);
    const headings = await section.getByRole('heading', { level: 4 }).allInnerTexts();
    for (const title of ['Moderation', "Practitioner's response", 'Post-audit actions', 'History'])
      expect(
        headings.filter((h) => h === title),
        `${title} in case ${i + 1}`,
      ).toHaveLength(audits);
    for (const title of titles) expect(headings, `${title} in case ${i + 1}`).toContain(title);
  }
  await expectNoAxeViolations(page, 'deep-dive pack');
  await expect(page.getByTestId('pack-docx')).toHaveAttribute(
    'href',
    /\/api\/inspection\/pack\/docx\?cases=/,
  );
});
