/**
 * Learning from audits, in Chromium against the real server and the demo: Erin, a QA
 * lead, opens Findings, shows the findings not coded yet, codes the first with a theme suggested
 * from past coding and with a new theme she makes there, chooses it as a quote, marks its audit as
 * good practice and downloads the anonymised Word example (parsed: it says it is anonymised and
 * holds neither the case reference nor the worker's name). The page passes an axe scan.
 */
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';
import { DEMO_PEOPLE } from '../../server/demo/demo-people';

const ERIN = 'erin.qalead@demo.lantern.invalid';

const server = useDemoServer('lantern-findings-');

test('a QA lead codes a finding with a suggested and a new theme, quotes it and exports good practice', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, ERIN, { timeout: 60_000 });
  await page.goto(`${server.url}/qa`);
  await page.getByRole('link', { name: 'Findings' }).click();
  await expect(page.getByRole('heading', { name: 'Findings', level: 1 })).toBeVisible();

  // Not coded yet is where the list starts.
  await expect(page.getByLabel('Coded', { exact: true })).toHaveValue('no');
  await expect(page.getByTestId('findings-count')).toContainText(/(\d+) findings?, \1 not coded yet/);
  const finding = page.locator('li.finding').first();
  const reference = (await finding.getByRole('heading').getByRole('link').textContent())?.trim() ?? '';
  expect(reference).not.toBe('');

  // A suggested theme, from the demo's past coding of the same sentences.
  await finding.getByRole('button', { name: 'Add a theme' }).click();
  const suggested = finding.getByRole('button', { name: /^Add “/ }).first();
  await expect(suggested).toBeVisible();
  const suggestedName = ((await suggested.textContent()) ?? '').replace(/^Add “|”$/g, '');
  await suggested.click();
  await expect(finding.getByRole('button', { name: `Remove theme ${suggestedName}` })).toBeVisible();

  // A new theme, made there.
  await finding.getByLabel('New theme').fill('Practice week learning');
  await finding.getByRole('button', { name: 'Create and add' }).click();
  await expect(finding.getByRole('button', { name: 'Remove theme Practice week learning' })).toBeVisible();
  await finding.getByRole('button', { name: 'Done' }).click();

  // Chosen as a quote for the suggested theme.
  const quote = finding.getByLabel(`Use as quote for ${suggestedName}`);
  await quote.check();
  await expect(quote).toBeChecked();
  await page.reload();
  await expect(page.getByTestId('findings')).toHaveAttribute('aria-busy', 'false');
  await page.getByLabel('Coded', { exact: true }).selectOption('');
  await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Practice week learning' });
  await page.getByRole('button', { name: 'Show findings' }).click();
  await expect(page.getByTestId('findings-count')).toHaveText('1 finding, 0 not coded yet.');
  const coded = page.locator('li.finding').first();
  await expect(coded.getByLabel(`Use as quote for ${suggestedName}`)).toBeChecked();
  await expect(page.getByTestId('themes-table')).toContainText('Practice week learning');

  // Good practice, and its anonymised Word example.
  await coded.getByRole('button', { name: 'Mark the audit as good practice' }).click();
  await coded.getByLabel('Why is this audit good practice?').fill('The child’s own words lead the plan.');
  await coded.getByRole('button', { name: 'Mark as good practice' }).click();
  await expect(coded.getByText('The child’s own words lead the plan.')).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    coded.getByRole('link', { name: 'Download the anonymised example (Word)' }).click(),
  ]);
  const zip = await JSZip.loadAsync(await readFile(await file.path()));
  const text = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, ' ');
  expect(text).toContain('anonymised');
  expect(text).toContain('The child’s own words lead the plan.');
  expect(text).not.toContain(reference);
  for (const person of DEMO_PEOPLE) expect(text).not.toContain(person.name.replace(' (demo)', ''));

  await expectNoAxeViolations(page, 'findings coded');
});
