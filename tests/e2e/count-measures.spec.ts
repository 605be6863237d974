/**
 * Measures that are not a share of audits. A manager adds a lower-is-better count to a
 * plan action, imports the council's monthly performance extract — a CSV saved by Excel on
 * Windows (Windows-1252, with a £ in a header) — sees a bad row named by row and column with
 * nothing imported, then the corrected file previewed and imported, and the figures with their
 * unit, trajectory and RAG with the rule that decided it.
 */
import { test, expect } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { signIn } from './support/auditor-steps';
import { openDemoPlanAction } from './support/plan-steps';
import { MONTH_NAMES } from '../../shared/metrics/month-names';

const server = useDemoServer('lantern-count-measures-');

/**
 * The month `back` months before this one as the period's label ("September 2026"), or with
 * `short` as the extract writes it ("Sep 2026").
 */
function monthBack(back: number, form: 'label' | 'short' = 'label'): string {
  const now = new Date();
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - back;
  const name = MONTH_NAMES[index % 12] ?? '';
  return `${form === 'short' ? name.slice(0, 3) : name} ${Math.floor(index / 12)}`;
}
/** The last day of the month `offset` months from this one, YYYY-MM-DD. */
function monthEnd(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0))
    .toISOString()
    .slice(0, 10);
}
/** A CSV as Excel on Windows saves it: Windows-1252 (£ is one byte, 0xA3), CRLF line ends. */
const extract = (rows: string[]) =>
  Buffer.from(['Reporting month,Children waiting (£ cost centre 4410)', ...rows].join('\r\n'), 'latin1');

test('a manager adds a lower-is-better count and imports a monthly extract', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, 'farah.manager@demo.lantern.invalid', { timeout: 60_000 });
  await openDemoPlanAction(page, 'A1');

  const title = 'Children waiting more than 20 working days for an assessment';
  await page.getByText('Add a measure').click();
  await page.getByLabel('Name of the measure').fill(title);
  await page.getByLabel('Entered by hand each period').check();
  await page.getByLabel('a count per period').check();
  await page.getByLabel('Unit', { exact: true }).fill('children');
  await page.getByLabel('lower is better').check();
  await page.getByLabel('Reported by').selectOption('month');
  await page.locator('#measure-baseline-date').fill(monthEnd(-7));
  await page.locator('#measure-baseline-value').fill('30');
  await page.locator('#measure-milestone-0-date').fill(monthEnd(5));
  await page.locator('#measure-milestone-0-target').fill('10');
  await page.getByLabel(/^Tolerance/).fill('3');
  await page.getByRole('button', { name: 'Add the measure' }).click();
  await expect(page.getByRole('status')).toHaveText('Measure added.');

  const measure = page.locator('section.measure', { has: page.getByRole('heading', { name: title }) });
  await expect(measure.getByTestId('measure-rule')).toContainText('Lower is better.');
  await expect(measure.getByText('Baseline 30 children')).toBeVisible();

  // A bad row: named by its row and column, and nothing imported.
  const file = measure.getByLabel('Extract file');
  await file.setInputFiles({
    name: 'waiting-extract.csv',
    mimeType: 'text/csv',
    buffer: extract([
      `${monthBack(3, 'short')},24`,
      `${monthBack(2, 'short')},twelve`,
      `${monthBack(1, 'short')},19`,
    ]),
  });
  const problems = measure.getByRole('alert');
  await expect(problems).toContainText(
    'Row 3, column “Children waiting (£ cost centre 4410)”: “twelve” is not a number',
  );
  await expect(measure.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expect(measure.getByTestId('measure-latest')).toHaveText('No period has enough data to judge yet.');

  // The corrected file: previewed row by row, then imported.
  await file.setInputFiles({
    name: 'waiting-extract.csv',
    mimeType: 'text/csv',
    buffer: extract([
      `${monthBack(3, 'short')},24`,
      `${monthBack(2, 'short')},"1,204"`,
      `${monthBack(1, 'short')},19`,
    ]),
  });
  const preview = measure.getByRole('table', { name: 'What will be imported' });
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(preview).toContainText('1,204 children');
  await measure.getByRole('button', { name: 'Import 3 periods' }).click();
  await expect(measure.getByRole('status')).toHaveText('Imported 3 periods from waiting-extract.csv.');

  const figures = measure.getByRole('table', {
    name: new RegExp(`${title} by period \\(lower is better\\)`),
  });
  await expect(figures.getByRole('row')).toHaveCount(4);
  const last = figures.getByRole('row', { name: new RegExp(monthBack(1)) });
  await expect(last.getByRole('cell').nth(0)).toHaveText('19 children');
  await expect(last.getByRole('cell').nth(2)).toHaveText(/^(Green|Amber|Red|Blue)$/);
  // 1,204 children waiting is far above the line: Red, by the rule that says so.
  const bad = figures.getByRole('row', { name: new RegExp(monthBack(2)) });
  await expect(bad.getByRole('cell').nth(2)).toHaveText('Red');
  await expect(bad.getByRole('cell').nth(3)).toHaveText(
    /missed by more than the tolerance|short of the trajectory by more than the tolerance/,
  );
  await expect(measure.getByTestId('measure-latest')).toContainText('19 children against a target of');
});
