/**
 * The audit report, in Chromium against the real server and the demo: Erin, a QA lead,
 * codes a finding of a practice week into a new theme and chooses it as a quote (through the
 * findings API), starts that round's report on /reports, writes its summary and a recommendation,
 * publishes it after confirming, and downloads the DOCX and the XLSX. Both are parsed (the DOCX's
 * word/document.xml, the XLSX with exceljs) and hold the same figures as the tables on the screen.
 * Then a change is refused (409) and the screen offers none. The page passes an axe scan.
 */
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';

const ERIN = 'erin.qalead@demo.lantern.invalid';
const THEME = 'Report e2e: plans without contingency';
const TITLE = 'Practice week report (e2e)';
const DEMO_PLAN = 'Improving practice: post-inspection improvement plan (demo)';

const server = useDemoServer('lantern-report-');

/** The text of a parsed DOCX: every run's text, entities decoded, joined with '|'. */
async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const entities: Record<string, string> = { amp: '&', apos: "'", quot: '"', lt: '<', gt: '>' };
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => (m[1] ?? '').replace(/&(amp|apos|quot|lt|gt);/g, (_, name: string) => entities[name] ?? ''))
    .join('|');
}

test('a QA lead publishes a round’s report whose DOCX and XLSX hold the screen’s figures, then it refuses changes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, server.url, ERIN, { timeout: 60_000 });
  const { csrfToken } = (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as {
    csrfToken: string;
  };
  const headers = { 'x-csrf-token': csrfToken };

  // A practice week of the service with findings, one of them coded into a new theme and quoted.
  const rounds = (await (await page.request.get(`${server.url}/api/rounds`)).json()) as {
    rounds: { id: string; name: string; kind: string }[];
  };
  let round: { id: string; name: string } | undefined;
  let finding: { auditId: string; itemKey: string } | undefined;
  for (const r of rounds.rounds.filter((x) => x.kind === 'practice_week')) {
    const answer = await page.request.get(`${server.url}/api/learning/findings?roundId=${r.id}`);
    const { findings } = (await answer.json()) as { findings: { auditId: string; itemKey: string }[] };
    if (findings.length > 0) {
      round = r;
      finding = findings[0];
      break;
    }
  }
  if (!round || !finding) throw new Error('no practice week with findings in the demo');
  const created = await page.request.post(`${server.url}/api/learning/themes`, {
    headers,
    data: { name: THEME, description: '' },
  });
  expect(created.status()).toBe(201);
  const { theme } = (await created.json()) as { theme: { id: string } };
  const findingPath = `${server.url}/api/learning/audits/${finding.auditId}/findings/${encodeURIComponent(finding.itemKey)}/themes/${theme.id}`;
  expect((await page.request.put(findingPath, { headers, data: {} })).status()).toBe(200);
  expect((await page.request.put(`${findingPath}/quote`, { headers, data: { chosen: true } })).status()).toBe(
    200,
  );

  // The report: started from the list, a draft drawn live.
  await page.goto(`${server.url}/qa`);
  await page.getByRole('link', { name: 'Audit reports' }).click();
  await expect(page.getByRole('heading', { name: 'Audit reports', level: 1 })).toBeVisible();
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Round', { exact: true }).selectOption({ value: round.id });
  await page.getByRole('button', { name: 'Start the draft' }).click();
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
  await expect(page.getByTestId('report-status')).toContainText('Draft');
  await expect(
    page.getByRole('heading', { name: new RegExp(`^${THEME}: 1 findings? in 1 audit`) }),
  ).toBeVisible();

  await page.getByRole('textbox', { name: 'Summary' }).fill('Plans too often lack a contingency.');
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await page
    .getByLabel('Recommendation 1', { exact: true })
    .fill('Every plan names its contingency, checked at review.');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByTestId('report-notice')).toHaveText('The draft is saved.');

  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('button', { name: 'Yes, publish the report' }).click();
  await expect(page.getByTestId('report-status')).toContainText(/^Published \d+ [A-Z][a-z]+ \d{4}/);
  await expect(page.getByRole('button', { name: 'Save the draft' })).toHaveCount(0);

  // The figures on the screen.
  const screenRows = async (key: string): Promise<string[][]> =>
    page
      .getByTestId(`report-table-${key}`)
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
      );
  const keys = ['headline', 'grades', 'sections', 'teams', 'agencies', 'agreement', 'themes'];
  const screen = new Map<string, string[][]>();
  for (const key of keys) screen.set(key, await screenRows(key));
  const headline = screen.get('headline')?.[0] ?? [];
  expect(Number(headline[2])).toBeGreaterThan(0);

  // The DOCX, parsed: the same rows in the same order, the publication date and the demo council.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
  const text = await docxText(await readFile((await docx.path()) ?? ''));
  expect(text).toMatch(/Published \d+ [A-Z][a-z]+ \d{4}/);
  expect(text).toContain('(demo)');
  expect(text).toContain(THEME);
  for (const key of keys)
    for (const row of screen.get(key) ?? [])
      expect(text, `${key}: ${row.join(', ')}`).toContain(row.join('|'));

  // The XLSX, parsed: one sheet per table, numbers as numbers, blank for no data.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsx.path()) ?? '');
  for (const key of keys) {
    const sheet = workbook.getWorksheet(key);
    (screen.get(key) ?? []).forEach((row, r) => {
      const cells = row.map((_, c) => {
        const value = sheet?.getRow(r + 3).getCell(c + 1).value;
        return value === null || value === undefined ? 'no data' : String(value);
      });
      expect(cells, `${key} row ${r}`).toEqual(row);
    });
  }
  expect(typeof workbook.getWorksheet('headline')?.getRow(3).getCell(3).value).toBe('number');

  // A published report refuses every change.
  const reportId = page.url().split('/').at(-1) ?? '';
  const refused = await page.request.put(`${server.url}/api/reports/${reportId}`, {
    headers,
    data: { title: 'Changed', summary: 'Changed', recommendations: [] },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { message: string }).message).toMatch(/never changes/);
  await page.reload();
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
  await expect(page.getByText('Plans too often lack a contingency.')).toBeVisible();

  await expectNoAxeViolations(page, 'published report');

  // The distribution list names a wrong entry with its line, and keeps the corrected list.
  const list = page.getByLabel(/^E-mail addresses/);
  await list.fill('farah.manager@demo.lantern.invalid\nthe board');
  await page.getByRole('button', { name: 'Save the list' }).click();
  await expect(page.locator('#report-emails-error')).toContainText(
    'These are not e-mail addresses (line 2: “the”; line 2: “board”)',
  );
  await list.fill('farah.manager@demo.lantern.invalid\nboard.members@demo.lantern.invalid');
  await page.getByRole('button', { name: 'Save the list' }).click();
  await expect(page.getByTestId('report-notice')).toHaveText('The distribution list is saved.');
  await page.reload();
  await expect(list).toHaveValue('board.members@demo.lantern.invalid\nfarah.manager@demo.lantern.invalid');

  // Its recommendation goes straight into the service's improvement plan as a new action.
  const recommendations = page.getByTestId('report-recommendations');
  await recommendations.getByRole('button', { name: 'Add to the plan' }).click();
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: DEMO_PLAN });
  await expect(page.getByLabel('Area', { exact: true }).locator('option')).not.toHaveCount(1);
  await page.getByLabel('Area', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Action number').fill('R9.1');
  await expectNoAxeViolations(page, 'a recommendation into the plan');
  await page.getByRole('button', { name: 'Add as a new action' }).click();
  await expect(recommendations).toContainText('In the plan as action R9.1');
  await page.goto(`${server.url}/plan`);
  await page.getByRole('link', { name: DEMO_PLAN }).click();
  await expect(page.getByRole('row', { name: /^R9\.1 Every plan names its contingency/ })).toBeVisible();
});
