/**
 * Two thematic rounds of one audit tool compared, in Chromium on the demo
 * organisation: with Lantern stopped, the test writes two exploitation audits of the QA lead's
 * service with known grades — 9 of 15 at least good in the first, 4 of 14 in the second, five of
 * the first round's audits by a health colleague — then the QA lead compares them on
 * /qa/compare-rounds. The screen's two figures, the difference and the 95% interval of the
 * difference equal a hand calculation written here (Wilson score intervals, then Newcombe's
 * hybrid score interval, method 10), the split by agency shows each agency's own figure, and the
 * screen passes axe.
 */
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process';
import { openDatabase, releaseDataDir } from '../../server/db/open-database';
import { insertRows } from '../../server/db/insert-rows';
import { ROUND_ALLOCATION_COLUMNS } from '../../server/demo/demo-columns';
import { AUDIT_COLUMNS } from '../../server/demo/synthetic-audits';
import { signIn } from './support/auditor-steps';

/** The demo's case-file audit (Playwright's loader cannot import the framework's JSON). */
const DEFAULT_FRAMEWORK_REF = { key: 'lantern-default', version: 1 };

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const SOCIAL_CARE_AUDITOR = 'chloe.auditor@demo.lantern.invalid';
const HEALTH_AUDITOR = 'dev.moderator@demo.lantern.invalid';
// A theme of these two rounds only (the demo's own exploitation rounds have their own).
const THEME = 'Children at risk of exploitation (e2e)';
const FIRST = {
  name: 'Exploitation audit — spring (e2e)',
  start: '2026-03-02',
  end: '2026-03-27',
  good: 9,
  n: 15,
};
const SECOND = {
  name: 'Exploitation audit — autumn (e2e)',
  start: '2026-09-07',
  end: '2026-10-02',
  good: 4,
  n: 14,
};

let dataDir = '';
let server: ServerProcess | undefined;
test.afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// The hand calculation. z for 95%: the 0.975 quantile of the normal distribution.
const Z = 1.959963984540054;
/** Wilson (1927) score interval for k of n. */
function wilson(k: number, n: number): { lower: number; upper: number } {
  const p = k / n;
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z / denominator) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { lower: centre - half, upper: centre + half };
}
/** Newcombe (1998) method 10: the difference p₁ − p₂ and its interval from the two Wilson intervals. */
function newcombe(k1: number, n1: number, k2: number, n2: number) {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const w1 = wilson(k1, n1);
  const w2 = wilson(k2, n2);
  const difference = p1 - p2;
  return {
    difference,
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}
/** Percentage points to one decimal, signed as the screen shows them ("+31.4", "−4.2"). */
const points = (fraction: number): string => {
  const value = Math.round(fraction * 1000) / 10;
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}`;
};
/** "60% — 9 of 15 (95% CI 36–80%)", as the screen shows a figure. */
const figure = (k: number, n: number): string => {
  const w = wilson(k, n);
  return `${Math.round((100 * k) / n)}% — ${k} of ${n} (95% CI ${Math.round(w.lower * 100)}–${Math.round(w.upper * 100)}%)`;
};

/** Writes the two rounds and their audits into the stopped server's database. */
async function writeRounds(dir: string): Promise<void> {
  const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  try {
    const [qa] = await db.query<{ id: string; service_id: string }>(
      'SELECT id, service_id FROM people WHERE email = $1',
      [QA_LEAD],
    );
    const auditors = await db.query<{ id: string; email: string }>(
      'SELECT id, email FROM people WHERE email = ANY($1::text[])',
      [[SOCIAL_CARE_AUDITOR, HEALTH_AUDITOR]],
    );
    const idOf = (email: string) => auditors.find((a) => a.email === email)?.id ?? '';
    if (!qa || auditors.length !== 2) throw new Error('the demo people are missing');
    await db.query("UPDATE people SET agency = 'health' WHERE email = $1", [HEALTH_AUDITOR]);
    const cases = await db.query<{ id: string; team_id: string; case_type: string }>(
      `SELECT c.id, c.team_id, c.case_type FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.service_id = $1 ORDER BY c.reference LIMIT $2`,
      [qa.service_id, FIRST.n + SECOND.n],
    );
    if (cases.length < FIRST.n + SECOND.n) throw new Error('too few demo cases');
    let next = 0;
    for (const round of [FIRST, SECOND]) {
      const roundId = randomUUID();
      await db.query(
        `INSERT INTO rounds (id, name, kind, theme, start_date, end_date, due_date, framework_key, framework_version,
           moderation_share, created_by, service_id)
         VALUES ($1, $2, 'thematic', $3, $4, $5, $5, $6, $7, 0.1, $8, $9)`,
        [
          roundId,
          round.name,
          THEME,
          round.start,
          round.end,
          DEFAULT_FRAMEWORK_REF.key,
          DEFAULT_FRAMEWORK_REF.version,
          qa.id,
          qa.service_id,
        ],
      );
      const audits = Array.from({ length: round.n }, (_, i) => {
        const c = cases[next++];
        if (!c) throw new Error('no case');
        // The first round: audits 10 to 14 by the health colleague, who graded three of them Good.
        const health = round === FIRST && i >= 10;
        const good = round === FIRST ? (health ? i < 13 : i < 6) : i < round.good;
        const grade = good ? 1 : 2;
        const completed = `${round.start.slice(0, 8)}1${i % 9}T11:00:00Z`;
        return {
          id: randomUUID(),
          case_id: c.id,
          team_id: c.team_id,
          case_type: c.case_type,
          framework_key: DEFAULT_FRAMEWORK_REF.key,
          framework_version: DEFAULT_FRAMEWORK_REF.version,
          auditor_id: idOf(health ? HEALTH_AUDITOR : SOCIAL_CARE_AUDITOR),
          kind: 'thematic',
          status: 'submitted',
          answers: {
            'overall.grade': { kind: 'grade', value: grade },
            'safeguarding.concern': { kind: 'yes-no-note', value: 'no', note: '' },
          },
          overall_grade: grade,
          completed_at: completed,
          created_at: completed,
          updated_at: completed,
        };
      });
      await insertRows(db, 'audits', AUDIT_COLUMNS, audits);
      // Every audit's id is its allocation's: that is how an audit belongs to its round.
      await insertRows(
        db,
        'allocations',
        ROUND_ALLOCATION_COLUMNS,
        audits.map((a) => ({
          id: a.id,
          case_id: a.case_id,
          auditor_id: a.auditor_id,
          framework_key: a.framework_key,
          framework_version: a.framework_version,
          round_name: round.name,
          round_id: roundId,
          due_date: round.end,
          active: false,
          finished: true,
        })),
      );
    }
  } finally {
    await db.close();
    // The embedded database serves one process: let Lantern have it again.
    await releaseDataDir(dir);
  }
}

test('a QA lead compares two thematic rounds, and the figures, difference and interval equal a hand calculation', async ({
  page,
}) => {
  test.setTimeout(480_000);
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-round-comparison-'));
  const env = { LANTERN_CLIENT_BUILD: 'skip' };
  // The first start seeds the demo; with Lantern stopped, the two rounds are written beside it.
  const first = await startServer({ dataDir, env, timeoutMs: 240_000 });
  await first.stop();
  await writeRounds(dataDir);
  server = await startServer({ dataDir, env, timeoutMs: 240_000 });
  const running = server;

  await signIn(page, running.url, QA_LEAD, { timeout: 60_000 });

  await page.goto(`${running.url}/qa/compare-rounds`);
  await expect(page.getByRole('heading', { name: 'Compare two rounds' })).toBeVisible({ timeout: 60_000 });
  const firstLabel = `${FIRST.name} (Thematic audit: ${THEME})`;
  const secondLabel = `${SECOND.name} (Thematic audit: ${THEME})`;
  const firstSelect = page.getByLabel('First round');
  await expect(firstSelect.locator('option', { hasText: FIRST.name })).toHaveCount(1, { timeout: 60_000 });
  await firstSelect.selectOption({ label: firstLabel });
  await page.getByLabel('Second round').selectOption({ label: secondLabel });
  await page.getByRole('button', { name: 'Compare' }).click();

  const overall = page.getByTestId('compare-table').locator('tr[data-measure="overall.grade"]');
  await expect(overall).toBeVisible({ timeout: 60_000 });
  // By hand: 9/15 = 0.6, Wilson 0.357468 to 0.801755; 4/14 = 0.285714, Wilson 0.117214 to 0.546491.
  // d = 0.314286; L = d − √((0.6 − 0.357468)² + (0.546491 − 0.285714)²) = −0.041841;
  // U = d + √((0.801755 − 0.6)² + (0.285714 − 0.117214)²) = 0.577150: +31.4 points, −4.2 to +57.7,
  // and the interval holds 0, so the rise is within noise.
  const hand = newcombe(FIRST.good, FIRST.n, SECOND.good, SECOND.n);
  expect(hand.lower).toBeCloseTo(-0.041841, 5);
  expect(hand.upper).toBeCloseTo(0.57715, 5);
  await expect(overall.locator('[data-col="first"]')).toHaveText(figure(9, 15));
  await expect(overall.locator('[data-col="second"]')).toHaveText(figure(4, 14));
  await expect(overall.locator('[data-col="difference"]')).toHaveText(points(hand.difference));
  await expect(overall.locator('[data-col="interval"]')).toHaveText(
    `${points(hand.lower)} to ${points(hand.upper)}`,
  );
  await expect(overall.locator('[data-col="noise"]')).toHaveText('Within noise');
  expect(points(hand.difference)).toBe('+31.4');
  expect(`${points(hand.lower)} to ${points(hand.upper)}`).toBe('−4.2 to +57.7');

  // By agency: the overall grade counts under the auditor's agency. Social care 6 of 10 against
  // 4 of 14; health 3 of 5 in the first round only.
  const agencies = page.getByTestId('compare-agency-table');
  const socialCare = agencies.locator('tr[data-agency="social_care"]');
  const byHand = newcombe(6, 10, 4, 14);
  await expect(socialCare.locator('[data-col="first"]')).toHaveText(figure(6, 10));
  await expect(socialCare.locator('[data-col="second"]')).toHaveText(figure(4, 14));
  await expect(socialCare.locator('[data-col="interval"]')).toHaveText(
    `${points(byHand.lower)} to ${points(byHand.upper)}`,
  );
  const health = agencies.locator('tr[data-agency="health"]');
  await expect(health.locator('[data-col="first"]')).toHaveText(figure(3, 5));
  await expect(health.locator('[data-col="second"]')).toHaveText('no data');
  await expect(health.locator('[data-col="noise"]')).toHaveText('Not in both rounds');
  await expectNoAxeViolations(page);

  // The audit trends dashboard counts the same audits by their rounds' theme: 13 of 29.
  await page.goto(`${running.url}/plan/dashboard`);
  await expect(page.getByTestId('trend-which-audits')).toHaveText('Counted from every submitted audit.', {
    timeout: 60_000,
  });
  await page.locator('#trend-from').fill('2026-03-01');
  await page.locator('#trend-to').fill('2026-10-31');
  await page.getByRole('group', { name: 'Only rounds on these themes' }).getByLabel(THEME).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('trend-which-audits')).toHaveText(
    `Counted from submitted audits, of rounds on the theme “${THEME}”.`,
    { timeout: 60_000 },
  );
  await expect(page.locator('p', { hasText: 'Over the whole range:' })).toContainText(figure(13, 29));
  await expectNoAxeViolations(page);
});
