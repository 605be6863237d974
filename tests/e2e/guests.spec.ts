/**
 * Outside people, end to end in Chromium against the real server: the QA lead adds a
 * guest moderator from a neighbouring council to a round on the guests screen and samples the
 * round's five submitted audits to them on the moderation sample screen; the guest sets their
 * password with the one-time link, signs in and sees exactly those five audits in their
 * moderation queue — and nothing of any other case on any other screen or API they try; every
 * request they made is in the audit log; and the day after the round's end they are signed out
 * and refused sign-in with a message saying why. The guests screen passes axe.
 */
import { test, expect, type Page } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { signIn } from './support/auditor-steps';
import { completeAnswers } from './support/complete-answers';
import { apiSession } from './support/api-session';
import { ACCESS_RULES } from '../../server/auth/access-rules';
import type { Framework } from '../../shared/framework/framework-schema';

const ERIN = 'erin.qalead@demo.lantern.invalid';
const AMARA = 'amara.auditor@demo.lantern.invalid';
const BEN = 'ben.auditor@demo.lantern.invalid';
const GUEST = {
  name: 'Noor Haddad',
  email: 'noor.haddad@westshire.invalid',
  organisation: 'Westshire County Council',
  password: 'a-long-guest-passphrase-2026',
};

const server = useDemoServer('lantern-guests-');

/** No axe violation, and every control in the page's main part at least 44 px each way. */
async function axe(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main button, main input[type=checkbox], main select, main input[type=text], main input[type=email], main input[type=date]',
      ),
    ]
      .map((el) => {
        const box = (el.closest('label') ?? el).getBoundingClientRect();
        return { what: (el.textContent || el.id || '').trim().slice(0, 40), w: box.width, h: box.height };
      })
      .filter((b) => b.w > 0 && (b.h < 44 || b.w < 44)),
  );
  expect(small, name).toEqual([]);
}

/** London's date `days` from today, as YYYY-MM-DD. */
function londonDay(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}

interface RoundCaseRow {
  caseId: string;
  reference: string;
  allocation: { id: string; auditorId: string; auditorName: string } | null;
}

test('a guest moderator sees exactly the five audits sampled to them, and is refused the day after the round', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const erin = await apiSession(server.url, ERIN);
  const asErin = { 'x-csrf-token': erin.csrf };

  // A practice week running from three days ago to a week from now, with five cases, each
  // audited and submitted by Amara or Ben.
  const roundBody = {
    name: 'Joint practice week with Westshire',
    kind: 'practice_week',
    startDate: londonDay(-3),
    endDate: londonDay(7),
    dueDate: londonDay(7),
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    moderationShare: 0.2,
  };
  const created = await erin.api.post('/api/rounds', { headers: asErin, data: roundBody });
  expect(created.status(), await created.text()).toBe(201);
  const roundId = ((await created.json()) as { round: { id: string } }).round.id;
  const sampled = await erin.api.post(`/api/rounds/${roundId}/sample`, {
    headers: asErin,
    data: { method: 'random', quota: { kind: 'count', value: 5 }, seed: 15, excludeAuditedWithinMonths: 0 },
  });
  expect(sampled.status(), await sampled.text()).toBe(200);
  const people = (await (await erin.api.get('/api/allocations/people')).json()) as {
    auditors: { id: string; name: string }[];
  };
  const auditorIds = people.auditors.filter((a) => /^(Amara|Ben) /.test(a.name)).map((a) => a.id);
  expect(auditorIds).toHaveLength(2);
  const allocated = await erin.api.post('/api/allocations/bulk', {
    headers: asErin,
    data: { roundId, auditorIds, seed: 3, preview: false },
  });
  expect(allocated.status(), await allocated.text()).toBe(200);
  const cases = (
    (await (await erin.api.get(`/api/rounds/${roundId}/cases`)).json()) as { cases: RoundCaseRow[] }
  ).cases;
  expect(cases.filter((c) => c.allocation)).toHaveLength(5);
  const five = cases.map((c) => c.reference).sort();

  // On the round's case list the QA lead makes one case a joint audit and takes it back, by keyboard.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, server.url, ERIN);
  await lead.goto(`${server.url}/qa/rounds/${roundId}`);
  const first = five[0] ?? '';
  const caseRow = lead.locator(`[data-case="${first}"]`);
  const chloe = people.auditors.find((a) => a.name.startsWith('Chloe Nwosu'));
  await caseRow.getByLabel(`Second auditor for case ${first}`).selectOption(chloe?.id ?? '');
  await caseRow.getByRole('button', { name: `Add joint auditor to case ${first}` }).focus();
  await lead.keyboard.press('Enter');
  await expect(
    lead.getByRole('status').filter({ hasText: `now audits case ${first} jointly` }),
  ).toBeVisible();
  await expect(caseRow.getByRole('list', { name: `Also auditing case ${first}` })).toContainText(
    'With Chloe Nwosu (demo) (Social care)',
  );
  await axe(lead, 'round with a joint audit');
  await caseRow.getByRole('button', { name: `Remove Chloe Nwosu (demo) from case ${first}` }).focus();
  await lead.keyboard.press('Enter');
  await expect(lead.getByRole('status').filter({ hasText: `no longer audits case ${first}` })).toBeVisible();
  await expect(caseRow.getByRole('list', { name: `Also auditing case ${first}` })).toHaveCount(0);

  for (const email of [AMARA, BEN]) {
    const auditor = await apiSession(server.url, email);
    const framework = (await (
      await auditor.api.get('/api/frameworks/lantern-default/1')
    ).json()) as Framework;
    const [me] = people.auditors.filter((a) => a.name.startsWith(email === AMARA ? 'Amara' : 'Ben'));
    const mine = cases.filter((c) => c.allocation?.auditorId === me?.id);
    const pushed = await auditor.api.post('/api/sync/push', {
      headers: { 'x-csrf-token': auditor.csrf },
      data: {
        protocol: 1,
        deviceId: crypto.randomUUID(),
        mutations: mine.map((c, i) => ({
          mutationId: crypto.randomUUID(),
          type: 'audit.put',
          baseRev: 0,
          snapshot: {
            id: c.allocation?.id,
            caseId: c.caseId,
            frameworkKey: 'lantern-default',
            frameworkVersion: 1,
            status: 'submitted',
            answers: completeAnswers(framework, 1 + (i % 2)),
            completedAt: new Date().toISOString(),
          },
        })),
      },
    });
    const results = ((await pushed.json()) as { results: { status: string }[] }).results;
    expect(results.map((r) => r.status)).toEqual(mine.map(() => 'applied'));
    await auditor.api.dispose();
  }

  // The QA lead adds the guest on the round's guests screen: first with a missing organisation.
  await lead.goto(`${server.url}/qa/rounds/${roundId}`);
  await lead.getByRole('link', { name: 'Guests from outside the council' }).click();
  await expect(lead.getByRole('heading', { name: /^Guests from outside the council/ })).toBeVisible();
  await lead.getByLabel('Full name').fill(GUEST.name);
  await lead.getByLabel('E-mail address').fill(GUEST.email);
  await lead.getByRole('checkbox', { name: 'Moderator' }).check();
  await lead.getByRole('button', { name: 'Add the guest' }).click();
  const summary = lead.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /organisation they come from/ })).toBeVisible();
  await axe(lead, 'guests screen with an error');
  await summary.getByRole('link', { name: /organisation they come from/ }).click();
  await expect(lead.getByLabel('Organisation')).toBeFocused();
  await lead.getByLabel('Organisation').fill(GUEST.organisation);
  await lead.getByRole('button', { name: 'Add the guest' }).click();
  const link = lead.getByRole('textbox', { name: 'Link' });
  await expect(link).toHaveValue(/\/set-password\?token=/);
  const firstUrl = await link.inputValue();
  const row = lead.locator(`[data-guest="${GUEST.email}"]`);
  await expect(row).toContainText(GUEST.organisation);
  await expect(row).toContainText('Yes, once they set a password');
  await axe(lead, 'guests screen with the new guest');
  // That link went astray: the QA lead makes a new one from the list, and copies it.
  await row.getByRole('button', { name: `New set-password link for ${GUEST.name}` }).click();
  await expect(link).not.toHaveValue(firstUrl);
  await expect(link).toHaveValue(/\/set-password\?token=/);
  const setPasswordUrl = await link.inputValue();

  // …and samples the five submitted audits to them, alone.
  await lead.goto(`${server.url}/qa/rounds/${roundId}/moderation`);
  await lead.getByRole('checkbox', { name: GUEST.name }).check();
  await lead.getByLabel('Share of submitted audits (%)').fill('100');
  await lead.getByRole('button', { name: 'Show the sample' }).click();
  await expect(lead.getByTestId('moderation-preview')).toBeVisible();
  await lead.getByRole('button', { name: 'Use this sample' }).click();
  await expect(lead.getByRole('status').filter({ hasText: '5 audits sent for moderation.' })).toBeVisible();

  // The guest sets their password with the link and signs in.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(setPasswordUrl);
  await guest.getByLabel('New password').fill(GUEST.password);
  await guest.getByLabel('Type the password again').fill(GUEST.password);
  await guest.getByRole('button', { name: 'Set password' }).click();
  await expect(guest.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
  await guest.goto(`${server.url}/sign-in`);
  await guest.getByLabel('E-mail address').fill(GUEST.email);
  await guest.getByLabel('Password').fill(GUEST.password);
  await guest.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(guest.getByRole('heading', { name: /^Hello,/ })).toBeVisible();

  // Exactly the five audits sampled to them in their moderation queue.
  await guest.goto(`${server.url}/qa/moderation`);
  const queue = guest.getByTestId('moderation-queue');
  await expect(queue.locator('tbody tr')).toHaveCount(5);
  const listed = (
    await queue.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))
  )
    .map(String)
    .sort();
  expect(listed).toEqual(five);

  // Nothing of any other case on any other list they might try: every API read without a
  // record in its path. The other cases are the service's cases the QA lead can list.
  const rounds = (await (await erin.api.get('/api/rounds')).json()) as { rounds: { id: string }[] };
  const others = new Set<string>();
  for (const r of rounds.rounds) {
    const list = (await (await erin.api.get(`/api/rounds/${r.id}/cases`)).json()) as {
      cases: RoundCaseRow[];
    };
    for (const c of list.cases) if (!five.includes(c.reference)) others.add(c.reference);
  }
  expect(others.size).toBeGreaterThan(10);
  const reads = Object.keys(ACCESS_RULES)
    .filter((key) => key.startsWith('GET /api/') && !key.includes(':') && !key.includes('/oidc/'))
    .map((key) => key.slice(4));
  let requests = 1; // the moderation queue's own list, above
  const leaks: string[] = [];
  for (const path of reads) {
    const response = await guest.request.get(`${server.url}${path}`);
    requests += 1;
    const text = await response.text();
    for (const reference of others) if (text.includes(reference)) leaks.push(`${path}: ${reference}`);
  }
  expect(leaks).toEqual([]);

  // Every request they made is in the audit log, for the QA lead to read.
  const log = (await (
    await erin.api.get(
      `/api/audit-log?action=guest.request&person=${encodeURIComponent(GUEST.email)}&pageSize=200`,
    )
  ).json()) as { total: number; entries: { action: string; detail?: { path?: string } }[] };
  expect(log.total).toBeGreaterThanOrEqual(requests);
  const paths = new Set(log.entries.map((e) => e.detail?.path));
  for (const path of reads.slice(0, 10)) expect(paths.has(path), path).toBe(true);

  // The day after the round's end: the round ended yesterday.
  const ended = await erin.api.put(`/api/rounds/${roundId}`, {
    headers: asErin,
    data: { ...roundBody, startDate: londonDay(-5), endDate: londonDay(-1), dueDate: londonDay(-1) },
  });
  expect(ended.status(), await ended.text()).toBe(200);
  // Their session stops working: the queue says so and shows nothing.
  await guest.goto(`${server.url}/qa/moderation`);
  await expect(guest.getByRole('alert').filter({ hasText: 'Your session has ended' })).toBeVisible();
  await expect(guest.getByTestId('moderation-queue')).toHaveCount(0);
  // Signing in again is refused, saying why.
  await guest.goto(`${server.url}/sign-in`);
  await guest.getByLabel('E-mail address').fill(GUEST.email);
  await guest.getByLabel('Password').fill(GUEST.password);
  await guest.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(guest.getByText(/Your access as a guest ended after/)).toBeVisible();
  expect((await guest.request.get(`${server.url}/api/moderation`)).status()).toBe(401);

  await lead.goto(`${server.url}/qa/rounds/${roundId}/guests`);
  await expect(lead.locator(`[data-guest="${GUEST.email}"]`)).toContainText('No: their last day has passed');
  await guestContext.close();
  await leadContext.close();
  await erin.api.dispose();
});
