/**
 * The manager's improvement plan in the browser, end to end on the demo organisation: the
 * Haringey target entered as a measure (baseline 35% Jan 2019, 60% by Sept 2019, 85% by Dec
 * 2019), the trend with its band, trajectory and the RAG the shared rules give; one more audit
 * synced by a demo auditor changing the figure on the next load; the RAG set by keyboard; the
 * board report on A4 with its XLSX; the dashboard; an import refused row by row. Every screen is
 * scanned by axe.
 */
import { randomUUID } from 'node:crypto';
import { test, expect, request, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { useDemoServer } from './support/demo-server';
import { trajectoryRag } from '../../shared/metrics/trajectory-rag';
import { AT_LEAST_GOOD_TRAJECTORY } from '../../shared/metrics/council-plan-trajectories';
import { RAG_WORDS } from '../../shared/plans/rag-words';
import { londonDate } from '../../shared/metrics/london-date';
import { periodOf } from '../../shared/metrics/periods';
import { isToDate } from '../../shared/metrics/statistic-words';
import type { ActionDetailView, PlanListItem } from '../../shared/plans/plan-views';

const server = useDemoServer('lantern-plan-improvement-');

const MANAGER = 'farah.manager@demo.lantern.invalid';
const AUDITOR = 'amara.auditor@demo.lantern.invalid';
const PASSWORD = 'lantern-demo';

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('E-mail address').fill(MANAGER);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signing in ends in a full load of the home page; wait for it, or the next goto races it.
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible();
}

/** A demo auditor syncs one more submitted audit, graded Good, completed now. */
async function syncOneMoreAudit(): Promise<void> {
  const auditor = await request.newContext({ baseURL: server.url });
  const signedIn = await auditor.post('/api/auth/sign-in', { data: { email: AUDITOR, password: PASSWORD } });
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const pulled = (await (await auditor.get('/api/sync/pull?limit=200')).json()) as {
    allocations: { caseId: string; active: boolean }[];
  };
  const allocation = pulled.allocations.find((a) => a.active);
  const pushed = await auditor.post('/api/sync/push', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      protocol: 1,
      deviceId: randomUUID(),
      mutations: [
        {
          mutationId: randomUUID(),
          type: 'audit.put',
          baseRev: 0,
          snapshot: {
            id: randomUUID(),
            caseId: allocation?.caseId,
            frameworkKey: 'lantern-default',
            frameworkVersion: 1,
            status: 'submitted',
            answers: {
              'safeguarding.concern': { kind: 'yes-no-note', value: 'no', note: '' },
              'overall.grade': { kind: 'grade', value: 1 },
            },
            completedAt: new Date().toISOString(),
          },
        },
      ],
    },
  });
  expect(await pushed.text()).toContain('"applied"');
  await auditor.dispose();
}

test('a manager enters the Haringey target as a measure, sees its trend and RAG, and a synced audit changes the figure', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Improvement plan' })
    .click();
  await expect(page.getByRole('heading', { name: 'Improvement plans' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /post-inspection improvement plan/ }).click();
  await expect(page.getByTestId('plan-headline')).toHaveText(
    '6 areas for improvement made up of 10 actions (3 actions complete)',
  );
  await expect(page.getByTestId('plan-rag-sentence')).toContainText('Of the 6 areas for improvement,');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'A1', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Action A1' })).toBeVisible();
  await expect(page.getByTestId('trend-chart').first().locator('canvas')).toBeVisible();
  await expectNoAxeViolations(page);

  // The manager's RAG, by keyboard alone.
  await page.getByRole('radio', { name: /^Green:/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Why')).toBeFocused();
  await page.keyboard.type('Audits show steady improvement.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('RAG saved.');

  // The Haringey target as a new measure.
  await page.getByText('Add a measure').click();
  await page.getByLabel('Name of the measure').fill('Haringey: audits at least good');
  await page.getByLabel('What is counted').selectOption('overall.grade');
  await page.getByLabel('Reported by').selectOption('month');
  await page.locator('#measure-baseline-date').fill('2019-01-31');
  await page.locator('#measure-baseline-value').fill('35');
  await page.locator('#measure-milestone-0-date').fill('2019-09-30');
  await page.locator('#measure-milestone-0-target').fill('60');
  await page.locator('#measure-milestone-1-date').fill('2019-12-31');
  await page.locator('#measure-milestone-1-target').fill('85');
  await page.getByRole('button', { name: 'Add the measure' }).click();
  await expect(page.getByRole('status')).toHaveText('Measure added.');
  const panel = page.locator('section.measure', {
    has: page.getByRole('heading', { name: 'Haringey: audits at least good' }),
  });
  await expect(panel.locator('canvas').first()).toBeVisible();

  // The RAG shown is the one the shared trajectory rules give for the latest judged period.
  const url = new URL(page.url());
  const [, , planId, , actionId] = url.pathname.split('/');
  const detail = (await (
    await page.request.get(`${server.url}/api/plans/${planId}/actions/${actionId}`)
  ).json()) as ActionDetailView;
  const measure = detail.measures.find((m) => m.title === 'Haringey: audits at least good');
  const latest = measure?.latest;
  if (!latest || latest.k === null || latest.n === null) throw new Error('no judged period');
  const today = londonDate(new Date().toISOString());
  const expected = trajectoryRag({
    trajectory: AT_LEAST_GOOD_TRAJECTORY,
    observed: { k: latest.k, n: latest.n },
    periodEnd: latest.endDate,
    evaluationDate: today,
  });
  // The demo's audits are dated back from now: early in a month, the running month can already
  // hold enough of them to be judged, and its RAG is then "to date".
  const prefix = isToDate(latest, today) ? 'Measure’s RAG to date' : 'Measure’s RAG';
  await expect(panel.getByText(`${prefix}: ${RAG_WORDS[expected.colour]}`)).toBeVisible();
  await expect(panel.getByText('The measure and the manager’s RAG differ.')).toBeVisible();
  await expectNoAxeViolations(page);

  // One more audit synced now: the current month's figure changes on the next load.
  const month = periodOf(new Date().toISOString(), 'month')?.label ?? '';
  const row = () => panel.getByRole('row', { name: new RegExp(`^${month}`) });
  await panel.getByText('Figures as a table').click();
  const before = (await row().textContent()) ?? '';
  await syncOneMoreAudit();
  await page.reload();
  await panel.getByText('Figures as a table').click();
  await expect(row()).not.toHaveText(before);
  const counts = (text: string) => /(\d+) of (\d+)/.exec(text)?.slice(1).map(Number) ?? [0, 0];
  const [k0, n0] = counts(before);
  expect(counts((await row().textContent()) ?? '')).toEqual([(k0 ?? 0) + 1, (n0 ?? 0) + 1]);
});

test('the board report prints on A4 with its charts, exports XLSX, and the dashboard and import are accessible', async ({
  page,
}) => {
  await signIn(page);
  const { plans } = (await (await page.request.get(`${server.url}/api/plans`)).json()) as {
    plans: PlanListItem[];
  };
  const plan = plans[0];
  await page.goto(`${server.url}/plan/${plan?.id}/report?asOf=2026-09-30`);
  await expect(page.getByRole('heading', { name: plan?.title })).toBeVisible();
  await expect(page.getByText('Progress report as of 30 September 2026')).toBeVisible();
  await expect(page.locator('.board-report canvas').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.locator('.board-report canvas').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(20_000);
  await page.emulateMedia({ media: 'screen' });
  const xlsx = await page.request.get(`${server.url}/api/plans/${plan?.id}/export?asOf=2026-09-30`);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  await page.goto(`${server.url}/plan/dashboard`);
  await expect(page.getByRole('heading', { name: /Overall grade/ })).toBeVisible();
  await expect(page.getByTestId('trend-chart').locator('canvas')).toBeVisible();
  await page.getByLabel('One line per').selectOption('team');
  await page.getByRole('button', { name: 'Show' }).click();
  // One line per team of the manager's own service (six of the demo's eight teams; the other two are
  // another service's and never shown to this manager).
  await expect(page.locator('.trend-legend li')).toHaveCount(6);
  await expectNoAxeViolations(page);

  await page.goto(`${server.url}/plan`);
  await page.getByLabel('Title', { exact: true }).last().fill('Imported from a broken file');
  await page.locator('#import-file').setInputFiles({
    name: 'plan.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Ref,Area for improvement,Timescale,Action no.,Action\nA,Plans,Soon,A1,Audit plans\n',
    ),
  });
  await page.getByRole('button', { name: 'Import the plan' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Row 2, column “Timescale”');
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
});
