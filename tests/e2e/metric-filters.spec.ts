/**
 * Case flags and case age on the metric screens, in Chromium on the demo
 * organisation: a manager filters the audit trends dashboard by a case flag, and the figure
 * shown equals a count made straight from the stored audits and cases; a case age that is not a
 * number is refused at its field; a measure saved with a flag filter says which audits it
 * counts on the action's page and in the board report, and its latest figure equals the same
 * count for that period. The counts are made with Lantern stopped (the embedded database opens
 * in one process at a time).
 */
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process';
import { openDatabase } from '../../server/db/open-database';
import { londonDate } from '../../shared/metrics/london-date';
import type { ActionDetailView } from '../../shared/plans/plan-views';
import { signIn } from './support/auditor-steps';

const MANAGER = 'farah.manager@demo.lantern.invalid';
const FLAG = 'Child protection plan';
const MEASURE = 'Children on a protection plan: audits at least good';
const WORDS = `Counted from submitted audits of cases flagged ${FLAG}.`;

let dataDir = '';
let server: ServerProcess | undefined;
test.afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** "47% — 14 of 30 (95% CI …)" → { k: 14, n: 30 }. */
function countsIn(text: string): { k: number; n: number } {
  const match = /(\d[\d,]*) of (\d[\d,]*)/.exec(text);
  if (!match) throw new Error(`no "k of n" in: ${text}`);
  return { k: Number(match[1]?.replace(/,/g, '')), n: Number(match[2]?.replace(/,/g, '')) };
}

test('a manager filters the dashboard and a measure by a case flag, and each figure equals a count from the data', async ({
  page,
}) => {
  test.setTimeout(420_000);
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-metric-filters-'));
  server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: 240_000 });
  const running = server;

  await signIn(page, running.url, MANAGER, { timeout: 60_000 });

  // The dashboard, filtered by one flag.
  await page.goto(`${running.url}/plan/dashboard`);
  await expect(page.getByTestId('trend-which-audits')).toHaveText('Counted from every submitted audit.', {
    timeout: 60_000,
  });
  const flags = page.getByRole('group', { name: 'Only cases with any of these flags' });
  await flags.getByLabel(FLAG, { exact: true }).check();

  // A case age that is not a number is refused at its field, and nothing is shown for it.
  await page.getByLabel('Only cases open longer than … months').fill('six');
  await page.getByRole('button', { name: 'Show' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter a whole number of months.' })).toHaveAttribute(
    'href',
    '#trend-open-months',
  );
  await expect(page.getByLabel('Only cases open longer than … months')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await page.getByLabel('Only cases open longer than … months').fill('0');

  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('trend-which-audits')).toHaveText(WORDS, { timeout: 60_000 });
  const whole = page.locator('p', { hasText: 'Over the whole range:' });
  await expect(whole).toBeVisible();
  const dashboard = countsIn((await whole.textContent()) ?? '');
  const from = await page.locator('#trend-from').inputValue();
  const to = await page.locator('#trend-to').inputValue();
  await expectNoAxeViolations(page);

  // A measure counted from audits of cases carrying the same flag, quarter by quarter.
  await page.goto(`${running.url}/plan`);
  await page.getByRole('link', { name: /post-inspection improvement plan/ }).click();
  await page.getByRole('link', { name: 'A1', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Action A1' })).toBeVisible();
  await page.getByText('Add a measure').click();
  await page.getByLabel('Name of the measure').fill(MEASURE);
  await page.getByLabel('What is counted').selectOption('overall.grade');
  await page.getByLabel('Reported by').selectOption('quarter');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add the measure' }) });
  await form.getByRole('group', { name: 'Only cases with any of these flags' }).getByLabel(FLAG).check();
  const today = londonDate(new Date().toISOString());
  const year = Number(today.slice(0, 4));
  await page.locator('#measure-baseline-date').fill(`${year - 1}-01-31`);
  await page.locator('#measure-baseline-value').fill('40');
  await page.locator('#measure-milestone-0-date').fill(`${year + 1}-03-31`);
  await page.locator('#measure-milestone-0-target').fill('70');
  await page.getByRole('button', { name: 'Add the measure' }).click();
  await expect(page.getByRole('status')).toHaveText('Measure added.');
  const panel = page.locator('section.measure', { has: page.getByRole('heading', { name: MEASURE }) });
  await expect(panel.getByTestId('measure-which-audits')).toHaveText(WORDS);
  const latestText = (await panel.getByTestId('measure-latest').textContent()) ?? '';
  const measureCounts = countsIn(latestText);
  await expectNoAxeViolations(page);

  const [, , planId, , actionId] = new URL(page.url()).pathname.split('/');
  const detail = (await (
    await page.request.get(`${running.url}/api/plans/${planId}/actions/${actionId}`)
  ).json()) as ActionDetailView;
  const latest = detail.measures.find((m) => m.title === MEASURE)?.latest;
  if (!latest) throw new Error(`the measure has no judged period: ${latestText}`);

  // The board report says the same.
  await page.goto(`${running.url}/plan/${planId}/report`);
  const reported = page.locator('.report-measure', {
    has: page.getByRole('heading', { name: new RegExp(MEASURE) }),
  });
  await expect(reported.getByTestId('report-measure-which-audits')).toHaveText(WORDS, { timeout: 60_000 });

  // With Lantern stopped, the same figures counted straight from the tables: the manager's
  // service's submitted audits of cases carrying the flag, "at least good" by the grade that counts.
  await running.stop();
  server = undefined;
  const db = await openDatabase({ databaseUrl: undefined, dataDir });
  try {
    const count = async (first: string, last: string) => {
      const [row] = await db.query<{ k: number; n: number }>(
        `SELECT count(*) FILTER (WHERE a.overall_grade IN (0, 1))::int AS k, count(*)::int AS n
         FROM audits a JOIN cases c ON c.id = a.case_id
         WHERE a.status = 'submitted' AND NOT a.deleted AND a.overall_grade IS NOT NULL
           AND a.team_id IN (SELECT t.id FROM teams t JOIN people p ON p.service_id = t.service_id WHERE p.email = $1)
           AND (a.completed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
           AND c.flags && (SELECT array_agg(key) FROM case_flags WHERE label = $4)`,
        [MANAGER, first, last, FLAG],
      );
      return row;
    };
    const all = await count(from, to);
    expect(all?.n, 'the demo has audits of cases with the flag').toBeGreaterThan(0);
    expect(dashboard).toEqual(all);
    expect(measureCounts).toEqual(await count(latest.startDate, latest.endDate));
    expect(measureCounts).toEqual({ k: latest.k, n: latest.n });
  } finally {
    await db.close();
  }
});
