/**
 * The whole audit and the practitioner's response, in Chromium against the real
 * server and the demo organisation: the auditor submits and sees the confirmation panel with the
 * real sync state; the practitioner (Pia, the allocated worker of Assessment A cases) signs in,
 * finds the audits of her cases on her home screen, reads one in full (every section, the
 * grades, the history), is told what is missing when her response is incomplete, and responds;
 * the team manager (Amara, Assessment A's named manager) reads the response on the same page;
 * a practitioner of the other service is refused. The page passes an axe scan and prints
 * without its forms and navigation.
 */
import { test, expect, type Page } from '@playwright/test';
import { useDemoServer } from './support/demo-server';
import { expectNoAxeViolations } from './support/axe-scan';
import { completeWholeAudit, firstCase, openMyAuditsReadyForOffline } from './support/auditor-steps';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';

const AMARA = 'amara.auditor@demo.lantern.invalid';
const PIA = 'pia.practitioner@demo.lantern.invalid';
const TESS = 'tess.practitioner@demo.lantern.invalid';
const RESPONSE =
  'The visit on 12 March was unannounced and the child was seen alone: it is in the case notes.';

const server = useDemoServer('lantern-whole-audit-');

/** Signs in, allowing a fresh browser on a busy machine a minute to load the home page's code. */
async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Hello,/ })).toBeVisible({ timeout: 60_000 });
}

test('after submitting, the auditor sees what happens next, with the audit’s real sync state', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The first page of a fresh server on a busy machine: let the start page's code load before signing in.
  await page.goto(server.url);
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible({ timeout: 60_000 });
  await signIn(page, server.url, AMARA);
  // The device's first sync after a fresh start can take a while on a busy machine.
  await page.goto(`${server.url}/audits`);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 120_000 });
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  await page.getByRole('link', { name: reference }).click();
  await completeWholeAudit(page);
  // A yes/no question other than the safeguarding concern (answered "No") answered "Yes".
  await page
    .getByRole('navigation', { name: 'Sections of the audit' })
    .getByRole('link', { name: 'Feedback' })
    .click();
  await page
    .getByRole('group', { name: 'Feedback was obtained from the child or young person' })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await page.getByRole('link', { name: 'Review and submit' }).first().click();
  // Before submitting, the review page says where the audit is (saved here, not yet on the server).
  await expect(page.getByTestId('save-state')).toContainText('Saved on this device');
  await page.getByTestId('submit-audit').click();
  const panel = page.getByTestId('submitted-panel');
  await expect(panel.getByRole('heading', { name: 'Audit submitted' })).toBeVisible();
  await expect(panel).toContainText(`Case ${reference}`);
  await expect(panel).toContainText('What happens next');
  await expect(panel).toContainText('practitioner');
  // The feedback question answered "Yes" is not the safeguarding concern, which was "No".
  await expect(panel).not.toContainText('safeguarding concern');
  // Online, it reaches Lantern and the panel says so.
  await expect(panel.getByTestId('submitted-sync')).toContainText('It has reached Lantern', {
    timeout: 60_000,
  });
  await expectNoAxeViolations(page, 'confirmation');
  await panel.getByRole('link', { name: 'Read the whole audit' }).click();
  await expect(page.getByRole('heading', { name: `Audit of case ${reference}` })).toBeVisible();
  await expect(page.getByTestId('audit-record')).toContainText('The plan needs a contingency.');
});

test('the practitioner reads the whole audit of her case and responds; the team manager reads the response', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const piaContext = await browser.newContext();
  const pia = await piaContext.newPage();
  await signIn(pia, server.url, PIA);
  const mine = pia.getByTestId('readable-audits');
  await expect(mine).toBeVisible();
  const first = mine.locator('tbody tr').first();
  await expect(first).toContainText('Your case');
  const reference = (await first.getAttribute('data-audit')) ?? '';
  await first.getByRole('link').click();

  await expect(pia.getByRole('heading', { name: `Audit of case ${reference}` })).toBeVisible();
  const record = pia.getByTestId('audit-record');
  await expect(record.getByRole('heading', { name: 'Overall judgement and actions' })).toBeVisible();
  await expect(record.getByRole('heading', { name: 'History' })).toBeVisible();
  await expect(pia.getByTestId('record-overall')).not.toHaveText('—');
  await expect(pia.getByTestId('record-practitioner')).toContainText('Pia Sandhu');
  await expectNoAxeViolations(pia, 'whole audit');

  // Printed on A4: the forms and the site's navigation are left out.
  await pia.emulateMedia({ media: 'print' });
  await expect(pia.getByTestId('send-response')).toBeHidden();
  await expect(pia.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await pia.emulateMedia({ media: 'screen' });

  // Incomplete: the error summary names what is missing and nothing is saved.
  const before = await pia.locator('[data-response]').count();
  await pia.getByLabel('Your response').fill(RESPONSE);
  await pia.getByTestId('send-response').click();
  await expect(pia.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'Choose what your response is',
  );
  await expect(pia.locator('[data-response]')).toHaveCount(before);

  await pia.getByRole('radio', { name: 'Factual correction' }).check();
  await pia.getByTestId('send-response').click();
  await expect(pia.getByRole('status').filter({ hasText: 'Your response is saved' })).toBeVisible();
  const response = pia.locator('[data-response="factual_correction"]').filter({ hasText: RESPONSE });
  await expect(response).toBeVisible();
  const auditUrl = pia.url();
  await piaContext.close();

  // The team manager: the audit is on her list of her teams' audits, and the response is on it.
  const amaraContext = await browser.newContext();
  const amara = await amaraContext.newPage();
  await signIn(amara, server.url, AMARA);
  await amara.goto(`${server.url}/audit-records`);
  const row = amara.locator(`[data-audit="${reference}"]`).first();
  await expect(row).toContainText('A team you manage');
  await row.getByRole('link').click();
  await expect(amara.getByRole('heading', { name: `Audit of case ${reference}` })).toBeVisible();
  await expect(
    amara.locator('[data-response="factual_correction"]').filter({ hasText: RESPONSE }),
  ).toBeVisible();
  await expect(amara.getByTestId('send-response')).toHaveCount(0);
  await amaraContext.close();

  // A practitioner of the other service is refused the same page.
  const tessContext = await browser.newContext();
  const tess = await tessContext.newPage();
  await signIn(tess, server.url, TESS);
  await tess.goto(auditUrl);
  await expect(tess.getByTestId('record-problem')).toContainText('You do not have access to this.');
  await expect(tess.getByTestId('audit-record')).toHaveCount(0);
  await tessContext.close();
});
