/**
 * The QA lead's practice week end to end, in Chromium against the real server: import a
 * 500-row case list with three bad rows (each shown by row, nothing imported), fix it and
 * import it; set up a round, draw its sample, allocate in bulk; two auditors submit — one on a
 * tablet with no network first (the server process is stopped), one online; the QA lead draws
 * the moderation sample; a moderator grades blind, then sees the auditor's grades and re-grades
 * one audit down, by keyboard; the agreement dashboard shows the kappa computed by hand on the
 * blind grades, and the trend counts
 * the moderated grade. A safeguarding alert is acknowledged by keyboard. Every QA screen then
 * passes an axe scan, keeps its targets at 44 px and can be walked by Tab.
 */
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { apiSession } from './support/api-session';
import { completeAnswers } from './support/complete-answers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process';
import { completeWholeAudit, openMyAuditsReadyForOffline, signIn } from './support/auditor-steps';
import { caseListRows, toCsv, withThreeBadRows } from '../fixtures/case-lists/case-list';
import type { Framework } from '../../shared/framework/framework-schema';
import { moderationAgreement, formatKappa } from '../../shared/metrics/agreement';
import { GRADES } from '../../shared/metrics/grade-scale';

const ERIN = 'erin.qalead@demo.lantern.invalid';
const DEV = 'dev.moderator@demo.lantern.invalid';
const AMARA = 'amara.auditor@demo.lantern.invalid';
const BEN = 'ben.auditor@demo.lantern.invalid';

let dataDir: string;
let server: ServerProcess;

test.beforeAll(async () => {
  // A busy machine can take minutes to build the demo on first start.
  test.setTimeout(300_000);
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-qa-'));
  server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: 240_000 });
});
test.afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const londonMonth = (): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
};
const countOf = (text: string): number => Number(/— (\d+) of/.exec(text)?.[1] ?? 'NaN');

test('a practice week: import, sample, allocate, audit offline and online, moderate, agreement', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const erinContext = await browser.newContext();
  const erin = await erinContext.newPage();
  await signIn(erin, server.url, ERIN);

  // Import: three bad rows are each reported by row; nothing is imported. Then the fixed file.
  await erin.goto(`${server.url}/qa/import`);
  const rows = caseListRows(500, 21, 'E2E');
  await erin.getByLabel('Case list file').setInputFiles({
    name: 'northmoor-cases.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(toCsv(withThreeBadRows(rows))),
  });
  await expect(erin.getByTestId('error-summary')).toBeFocused();
  const problems = erin.getByTestId('import-problems');
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody th')).toHaveText(['432']);
  // The misspelt team and the case type Lantern does not have wait for a choice, each once.
  const team = erin.getByTestId('import-name-team');
  await expect(team).toContainText('Team “Assesment Team Z”');
  await expect(team).toContainText('first on row 13, column B (Team)');
  await expect(erin.getByTestId('import-name-case_type')).toContainText('Case type “Early help”');
  await expect(erin.getByTestId('import-ready')).toHaveCount(0);
  await expectNoAxeViolations(erin, 'import with problems');
  // Mapped in the preview: "Assesment Team Z" is Assessment Team A; checked again, it is no longer unknown.
  const waiting = erin.getByTestId('import-names-waiting');
  const waitingBefore = Number(((await waiting.textContent()) ?? '').trim().split(' ')[0]);
  await team.getByLabel('Map it to an existing team').check();
  const target = team.getByLabel('The team “Assesment Team Z” stands for');
  const teamA = await target.locator('option', { hasText: 'Assessment Team A (' }).getAttribute('value');
  await target.selectOption(teamA ?? '');
  await erin.getByTestId('import-names-check').click();
  await expect(waiting).toContainText(
    `${waitingBefore - 1} ${waitingBefore - 1 === 1 ? 'name needs' : 'names need'} a choice`,
  );
  await expect(team.locator('.error-message')).toHaveCount(0);
  await expectNoAxeViolations(erin, 'import with a name to decide');
  await erin
    .getByLabel('Case list file')
    .setInputFiles({ name: 'northmoor-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(rows)) });
  // The corrected file's preview: the misspelt team is gone, and it is ready or asks about names.
  await expect(team).toHaveCount(0);
  await expect(erin.getByTestId('import-ready').or(erin.getByTestId('import-names-waiting'))).toBeVisible({
    timeout: 30_000,
  });
  // Flags the council does not keep yet (if any) are created in the preview.
  const flags = erin.getByTestId('import-name-flag');
  for (let i = 0; i < (await flags.count()); i++) await flags.nth(i).getByLabel('Create a new flag').check();
  if ((await flags.count()) > 0) await erin.getByTestId('import-names-check').click();
  await expect(erin.getByTestId('import-ready')).toContainText('500 new', { timeout: 30_000 });
  await erin.getByRole('button', { name: 'Import 500 cases' }).click();
  await expect(erin.getByTestId('import-result')).toContainText('500 new, 0 changed');

  // A round: set up, sample shown then used, allocated in bulk to Amara and Ben.
  await erin.goto(`${server.url}/qa/rounds/new`);
  await erin.getByLabel('Name', { exact: true }).fill('Practice week — E2E');
  const today = new Date().toISOString().slice(0, 10);
  await erin.getByLabel('First day').fill(today);
  await erin.getByLabel('Last day').fill(today);
  await erin.getByRole('button', { name: 'Set up the round' }).click();
  await expect(erin.getByRole('heading', { name: 'Practice week — E2E' })).toBeVisible();
  const roundId = erin.url().split('/').at(-1) ?? '';
  await erin.getByRole('link', { name: 'Draw the case sample' }).click();
  await erin.getByLabel('A number of cases').check();
  await erin.getByLabel('Number of cases', { exact: true }).fill('6');
  await erin.getByLabel('Seed').fill('2026');
  await erin.getByRole('button', { name: 'Show the sample' }).click();
  await expect(erin.getByTestId('sample-preview')).toContainText('The sample: 6 of');
  await erin.getByRole('button', { name: 'Use this sample' }).click();
  await erin.getByRole('link', { name: 'Allocate cases in bulk' }).click();
  await erin.getByLabel('Amara Osei (demo)').check();
  await erin.getByLabel('Ben Hartley (demo)').check();
  await erin.getByRole('button', { name: 'Show the allocation' }).click();
  await expect(erin.getByTestId('allocation-plan')).toContainText('6 cases to allocate');
  await erin.getByRole('button', { name: 'Allocate these cases' }).click();
  await expect(erin.getByTestId('progress-auditor')).toContainText('Amara Osei (demo)');

  const cases = (await (await erin.request.get(`${server.url}/api/rounds/${roundId}/cases`)).json()) as {
    cases: { caseId: string; reference: string; allocation: { id: string; auditorName: string } | null }[];
  };
  const held = (name: string) => cases.cases.filter((c) => c.allocation?.auditorName === name);
  const benCase = held('Ben Hartley (demo)')[0];
  const amaraCase = held('Amara Osei (demo)')[0];
  if (!benCase?.allocation || !amaraCase?.allocation)
    throw new Error('both auditors hold a case of the round');

  // Ben audits his case on a tablet with no network: the server is stopped meanwhile.
  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await signIn(ben, server.url, BEN);
  await openMyAuditsReadyForOffline(ben, server.url);
  const port = server.port;
  await server.stop();
  await benContext.setOffline(true);
  await ben.reload();
  await ben.getByRole('link', { name: benCase.reference, exact: true }).click();
  await completeWholeAudit(ben);
  await ben.getByRole('link', { name: 'Review and submit' }).first().click();
  await ben.getByTestId('submit-audit').click();
  await expect(ben.locator(`[data-case="${benCase.reference}"]`)).toContainText('Waiting to sync');
  server = await startServer({ dataDir, port, env: { LANTERN_CLIENT_BUILD: 'skip' } });
  await benContext.setOffline(false);
  await ben.goto(`${server.url}/audits`);
  await expect(ben.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 30_000 });

  // Amara submits hers online (Outstanding), and raises a safeguarding concern on another case.
  const amara = await apiSession(server.url, AMARA);
  const framework = (await (await amara.api.get('/api/frameworks/lantern-default/1')).json()) as Framework;
  const pushed = await amara.api.post('/api/sync/push', {
    headers: { 'x-csrf-token': amara.csrf },
    data: {
      protocol: 1,
      deviceId: crypto.randomUUID(),
      mutations: [
        {
          mutationId: crypto.randomUUID(),
          type: 'audit.put',
          baseRev: 0,
          snapshot: {
            id: amaraCase.allocation.id,
            caseId: amaraCase.caseId,
            frameworkKey: 'lantern-default',
            frameworkVersion: 1,
            status: 'submitted',
            answers: completeAnswers(framework, 0),
            completedAt: new Date().toISOString(),
          },
        },
        {
          mutationId: crypto.randomUUID(),
          type: 'audit.put',
          baseRev: 0,
          snapshot: {
            id: held('Amara Osei (demo)')[1]?.allocation?.id,
            caseId: held('Amara Osei (demo)')[1]?.caseId,
            frameworkKey: 'lantern-default',
            frameworkVersion: 1,
            status: 'draft',
            answers: {
              'safeguarding.concern': {
                kind: 'yes-no-note',
                value: 'yes',
                note: 'Bruising seen on a home visit, not followed up.',
              },
            },
            completedAt: null,
          },
        },
      ],
    },
  });
  const results = ((await pushed.json()) as { results: { status: string }[] }).results;
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);

  // The QA lead sees it live, and draws the moderation sample for Dev: one audit of each auditor.
  await erin.goto(`${server.url}/qa/rounds/${roundId}`);
  await expect(erin.getByTestId('progress-auditor').locator('tfoot')).toContainText('2');
  await erin.getByRole('link', { name: 'Draw the moderation sample' }).click();
  await erin.getByLabel('Dev Raman (demo)').check();
  await erin.getByLabel('Seed').fill('7');
  await erin.getByRole('button', { name: 'Show the sample' }).click();
  await expect(erin.getByTestId('moderation-preview')).toContainText('2 more of 2 submitted audits');
  await erin.getByRole('button', { name: 'Use this sample' }).click();
  await expect(erin.getByRole('status')).toContainText('2 audits sent for moderation');

  const trendRow = () => erin.locator(`[data-testid="trend"] tr[data-period="${londonMonth()}"] td`);
  await erin.goto(`${server.url}/qa/agreement`);
  await expect(trendRow().first()).toContainText(' of ');
  const before = await trendRow().allTextContents();

  // Dev moderates blind: first his own grades, with no auditor's grade on the page (nor in what
  // the server sent); only then the auditor's beside them. Blind, he grades Amara's Outstanding
  // audit Good and Ben's Good one Requires improvement; then he agrees with Amara on every
  // grade, and keeps Ben's overall grade down a grade with a reason, by keyboard.
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await signIn(dev, server.url, DEV);
  for (const [reference, auditor, blindOverall, down] of [
    [amaraCase.reference, 0, 'Good', false],
    [benCase.reference, 1, 'Requires improvement to be good', true],
  ] as const) {
    await dev.goto(`${server.url}/qa/moderation`);
    const sent = dev.waitForResponse((r) => /\/api\/moderation\/[0-9a-f-]{36}$/.test(r.url()));
    await dev.locator(`[data-case="${reference}"]`).getByRole('link').click();
    const detail = (await (await sent).json()) as { audit: { answers: Record<string, { kind: string }> } };
    expect(Object.values(detail.audit.answers).filter((a) => a.kind === 'grade')).toEqual([]);
    await expect(dev.getByRole('heading', { name: `Moderate the audit of case ${reference}` })).toBeVisible();
    await expect(dev.getByTestId('blind-step')).toBeVisible();
    await expect(dev.getByTestId('auditor-grade')).toHaveCount(0);
    await expect(dev.locator('main')).not.toContainText("The auditor's grade");
    const groups = dev.locator('form fieldset.choices');
    for (let g = 0; g < (await groups.count()); g++)
      await groups.nth(g).getByRole('radio', { name: 'Good', exact: true }).check();
    const overall = dev.getByRole('group', { name: 'Your grade: Overall grade for the case' });
    await overall.getByRole('radio', { name: blindOverall, exact: true }).check();
    await dev.getByRole('button', { name: 'Save my grades' }).focus();
    await dev.keyboard.press('Enter');
    await expect(dev.getByTestId('decide-step')).toBeVisible();
    await expect(overall.getByTestId('auditor-grade')).toHaveText(
      `The auditor's grade: ${GRADES[auditor]?.label}`,
    );
    await expect(overall.getByTestId('blind-grade')).toHaveText(`Your blind grade: ${blindOverall}`);
    // Every section: agree with the auditor (the radio says so to a screen reader).
    for (let g = 0; g < (await groups.count()); g++)
      await groups
        .nth(g)
        .getByRole('radio', { name: /agrees with the auditor/ })
        .check();
    if (down) {
      await overall.getByRole('radio', { checked: true }).focus();
      await dev.keyboard.press('ArrowRight');
      await dev.keyboard.press('Tab');
      await expect(dev.getByLabel('Why you changed this grade')).toBeFocused();
      await dev.keyboard.type('The plan has no contingency, so it cannot be good.');
    }
    await dev.getByRole('button', { name: 'Save moderation' }).focus();
    await dev.keyboard.press('Enter');
    await expect(dev.getByTestId('moderation-status')).toHaveText(down ? 'Re-graded' : 'Agreed');
  }

  // Agreement for the round is on the blind grades: (auditor, blind) = (Outstanding 0, Good 1)
  // and (Good 1, Requires improvement 2). By hand, with weights (i − j)²: observed disagreement
  // (1 + 1) / 2 = 1; expected from the margins (auditor ½·0, ½·1; moderator ½·1, ½·2)
  // = ¼·1 + ¼·4 + ¼·0 + ¼·1 = 1.5; κ = 1 − 1 / 1.5 = 1/3.
  await erin.goto(`${server.url}/qa/agreement`);
  await erin.getByLabel('Round').selectOption({ label: 'Practice week — E2E' });
  await expect(erin.getByTestId('agreement-blind')).toContainText('blind grade');
  await expect(erin.getByTestId('kappa')).toHaveText(formatKappa(1 / 3));
  expect(
    moderationAgreement([
      { auditor: 0, moderator: 1 },
      { auditor: 1, moderator: 2 },
    ]).kappa,
  ).toBeCloseTo(1 / 3, 12);
  await expect(erin.getByTestId('agreement-overall')).toContainText('Exact agreement 0% — 0 of 2');
  await expect(erin.getByTestId('agreement-overall')).toContainText('moved down 100% — 2 of 2');
  await expectNoAxeViolations(erin, 'agreement');
  // The trend counts the moderated grade: Ben's Good became Requires improvement.
  const after = await trendRow().allTextContents();
  expect(countOf(after[0] ?? '')).toBe(countOf(before[0] ?? '') - 1);
  expect(countOf(after[1] ?? '')).toBe(countOf(before[1] ?? ''));

  // The safeguarding alert, acknowledged by keyboard; the time it took shows.
  await erin.goto(`${server.url}/qa/alerts`);
  const alert = erin.locator(`[data-alert="${held('Amara Osei (demo)')[1]?.reference}"]`);
  await expect(alert).toContainText('Bruising seen on a home visit');
  await alert.getByLabel('What you have done or will do').focus();
  await erin.keyboard.type('Called the team manager; a strategy discussion is booked.');
  await erin.keyboard.press('Tab');
  await erin.keyboard.press('Enter');
  await expect(alert).toContainText('First acknowledged');
  await expect(alert.getByRole('heading')).toContainText('Acknowledged');
  await expectNoAxeViolations(erin, 'alerts');

  await amara.api.dispose();
  await Promise.all([erinContext.close(), benContext.close(), devContext.close()]);
});

test('every QA screen passes axe, keeps 44 px targets and can be walked by keyboard', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, server.url, ERIN);
  // The demo's rounds, newest first: the past practice week (the newest named by its Monday; an
  // earlier one, unmoderated, follows it) has a moderation sample.
  const rounds = (
    (await (await page.request.get(`${server.url}/api/rounds`)).json()) as {
      rounds: { id: string; name: string }[];
    }
  ).rounds;
  const roundId = rounds.find((r) => /^Practice week — \d/.test(r.name))?.id ?? '';
  const versions = (
    (await (await page.request.get(`${server.url}/api/frameworks`)).json()) as {
      versions: { key: string; version: number; status: string }[];
    }
  ).versions;
  const [version] = versions;
  const published = versions.find((v) => v.status === 'published');
  const moderation = (
    (await (await page.request.get(`${server.url}/api/moderation`)).json()) as {
      moderations: { id: string }[];
    }
  ).moderations[0];
  const screens: [string, () => Promise<unknown>][] = [
    ['/qa', () => page.goto(`${server.url}/qa`)],
    ['/qa/import', () => page.goto(`${server.url}/qa/import`)],
    ['/qa/rounds/new', () => page.goto(`${server.url}/qa/rounds/new`)],
    ['round', () => page.goto(`${server.url}/qa/rounds/${roundId}`)],
    ['round edit', () => page.goto(`${server.url}/qa/rounds/${roundId}/edit`)],
    ['sample', () => page.goto(`${server.url}/qa/rounds/${roundId}/sample`)],
    ['allocate', () => page.goto(`${server.url}/qa/rounds/${roundId}/allocate`)],
    ['moderation sample', () => page.goto(`${server.url}/qa/rounds/${roundId}/moderation`)],
    ['moderation queue', () => page.goto(`${server.url}/qa/moderation`)],
    ['moderate', () => page.goto(`${server.url}/qa/moderation/${moderation?.id}`)],
    ['agreement', () => page.goto(`${server.url}/qa/agreement`)],
    ['re-audits', () => page.goto(`${server.url}/qa/reaudits`)],
    ['frameworks', () => page.goto(`${server.url}/qa/frameworks`)],
    [
      'framework preview',
      () => page.goto(`${server.url}/qa/frameworks/${version?.key}/${version?.version}/preview`),
    ],
    [
      'a published version opened for editing',
      async () => {
        // It says it never changes and offers a draft, instead of an editor that fails on save.
        await page.goto(`${server.url}/qa/frameworks/${published?.key}/${published?.version}/edit`);
        await expect(page.getByRole('heading', { name: /is published$/ })).toBeVisible();
        await expect(page.getByLabel('Title')).toHaveCount(0);
        await expect(page.getByRole('button', { name: /draft/ })).toBeVisible();
      },
    ],
    [
      'framework draft',
      async () => {
        await page.goto(`${server.url}/qa/frameworks`);
        await page
          .getByRole('button', { name: /^Draft a new version/ })
          .first()
          .click();
        await expect(page.getByRole('heading', { name: /^Edit the draft/ })).toBeVisible();
      },
    ],
    ['alerts', () => page.goto(`${server.url}/qa/alerts`)],
  ];
  for (const [name, go] of screens) {
    await go();
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, name);
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          'main button, main input[type=radio], main input[type=checkbox], main select, main input[type=text], main input[type=date]',
        ),
      ]
        .map((el) => {
          const box = (el.closest('label') ?? el).getBoundingClientRect();
          return {
            what: (el.textContent || el.getAttribute('name') || el.id || '').trim().slice(0, 40),
            w: box.width,
            h: box.height,
          };
        })
        .filter((b) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small, name).toEqual([]);
    // Keyboard: Tab visits every tab stop in the page in turn (a radio group is one stop).
    const stops = await page.evaluate(() => {
      const seen = new Set<string>();
      let count = 0;
      for (const el of document.querySelectorAll<HTMLElement>(
        'main :is(a[href], button, input, select, textarea, summary, [tabindex="0"])',
      )) {
        if (el.matches(':disabled') || el.getClientRects().length === 0) continue;
        if (el instanceof HTMLInputElement && el.type === 'radio') {
          if (seen.has(el.name)) continue;
          seen.add(el.name);
        }
        count++;
      }
      return count;
    });
    const limit = Math.min(stops, 40);
    await page.locator('main').focus();
    const visited = new Set<string>();
    // A date field takes three presses (day, month, year), so allow a few per stop.
    for (let i = 0; i < limit * 3 && visited.size - (visited.has('outside') ? 1 : 0) < limit; i++) {
      await page.keyboard.press('Tab');
      visited.add(
        await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || !el.closest('main')) return 'outside';
          const all = [...document.querySelectorAll('main *')];
          return String(all.indexOf(el));
        }),
      );
    }
    visited.delete('outside');
    expect(visited.size, `${name}: Tab should reach ${limit} controls in turn`).toBe(limit);
  }
});
