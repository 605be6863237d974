/**
 * A joint audit: a social-care auditor and a health auditor complete one case on two
 * tablets, both offline (docs/JOINT-AUDITS.md). The QA lead allocates the health auditor jointly
 * through the API; each tablet opens the case online, then the network goes (the server process
 * is stopped, the most faithful cut: a service worker's own fetches ignore setOffline); each types
 * its own sections and notes and both answer one common question differently; each reloads
 * offline; then both come back and sync. Nothing either typed is lost: the common question is a
 * choice on the tablet that synced second, naming who gave each version; every answer, on both
 * tablets and in the whole-audit record, says who gave it (name and agency).
 */
import { test, expect, request, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../support/server-process';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { AMARA, openMyAuditsReadyForOffline, signIn } from './support/auditor-steps';

const HARRIET = 'harriet.health@demo.lantern.invalid';
const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const AMARA_WORDS = 'Amara Osei (demo) (Social care)';
const HARRIET_WORDS = 'Harriet Okafor (Health)';
/** A busy machine: a sync after a server restart can take a while. */
const SYNC_TIMEOUT = 60_000;

const AMARA_NOTE = 'Amara: the child was seen at school and their views are in their own words.';
const HARRIET_NOTE = 'Harriet: the health assessment is three months overdue; GP not consulted.';

let dataDir: string;
let server: ServerProcess;
let port: number;

test.beforeAll(async () => {
  test.setTimeout(300_000); // a first start builds the demo organisation: slow on a busy machine
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-joint-'));
  server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: 240_000 });
  port = server.port;
});
test.afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function apiSession(email: string) {
  const api = await request.newContext({ baseURL: server.url });
  const response = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { csrfToken: string; person: { id: string } };
  return { api, csrf: body.csrfToken, personId: body.person.id };
}

interface PulledAllocation {
  id: string;
  caseReference: string;
  active: boolean;
  joint?: boolean;
}

/**
 * The QA lead allocates Harriet (health) jointly to one of Amara's cases not yet started: the
 * case's reference and the audit's id.
 */
async function allocateJointly(): Promise<{ reference: string; auditId: string }> {
  const harriet = await apiSession(HARRIET);
  const amara = await apiSession(AMARA);
  const qa = await apiSession(QA_LEAD);
  const pull = (await (await amara.api.get('/api/sync/pull?limit=500')).json()) as {
    allocations: PulledAllocation[];
    audits: { id: string }[];
  };
  const started = new Set(pull.audits.map((a) => a.id));
  const candidates = pull.allocations.filter((a) => a.active && !a.joint && !started.has(a.id));
  try {
    for (const candidate of candidates) {
      const joined = await qa.api.post(`/api/allocations/${candidate.id}/joint`, {
        data: { auditorId: harriet.personId },
        headers: { 'x-csrf-token': qa.csrf },
      });
      // A case the round keeps from her team, or one she holds already, is refused: try the next.
      if (joined.status() === 201) {
        expect(((await joined.json()) as { auditId: string }).auditId).toBe(candidate.id);
        return { reference: candidate.caseReference, auditId: candidate.id };
      }
    }
    throw new Error('None of Amara’s cases could be allocated jointly to Harriet.');
  } finally {
    await Promise.all([harriet.api.dispose(), amara.api.dispose(), qa.api.dispose()]);
  }
}

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${server.url}/audits`);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`Audit of case ${reference}`) })).toBeVisible();
}
const group = (page: Page, name: string | RegExp) => page.getByRole('group', { name });
const section = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Sections of the audit' }).getByRole('link', { name });
/** The item on the form, by its key: its control and the line saying who answered it. */
const item = (page: Page, key: string) => page.locator(`[data-item="${key}"]`);

/** Amara's part, offline: the child's lived experience, and the plan's common question. */
async function amaraAnswers(page: Page): Promise<void> {
  await section(page, /lived experience/).click();
  await group(page, /seen in line with the plan/)
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
  await group(page, /seen alone where appropriate/)
    .getByRole('radio', { name: 'Partly', exact: true })
    .check();
  await item(page, 'lived-experience.evidence').getByLabel('Evidence and notes').fill(AMARA_NOTE);
  await section(page, /^Plan \d/).click();
  await group(page, /specific and measurable/)
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
}

/** Harriet's part, offline: the assessment, and the plan's common question, answered differently. */
async function harrietAnswers(page: Page): Promise<void> {
  await section(page, /^Assessment \d/).click();
  await group(page, /completed within timescale/)
    .getByRole('radio', { name: 'No', exact: true })
    .check();
  await group(page, /Partner agencies have contributed/)
    .getByRole('radio', { name: 'Partly', exact: true })
    .check();
  await item(page, 'assessment.evidence').getByLabel('Evidence and notes').fill(HARRIET_NOTE);
  await section(page, /^Plan \d/).click();
  await group(page, /specific and measurable/)
    .getByRole('radio', { name: 'No', exact: true })
    .check();
}

/** Every answer either typed, each with who gave it, as a tablet's form shows them. */
async function expectEveryAnswerOnForm(page: Page): Promise<void> {
  await section(page, /lived experience/).click();
  await expect(
    group(page, /seen in line with the plan/).getByRole('radio', { name: 'Yes', exact: true }),
  ).toBeChecked();
  await expect(item(page, 'lived-experience.seen')).toContainText(`Answered by ${AMARA_WORDS}`);
  await expect(item(page, 'lived-experience.seen-alone')).toContainText(`Answered by ${AMARA_WORDS}`);
  await expect(item(page, 'lived-experience.evidence').getByLabel('Evidence and notes')).toHaveValue(
    AMARA_NOTE,
  );
  await expect(item(page, 'lived-experience.evidence')).toContainText(`Answered by ${AMARA_WORDS}`);
  await section(page, /^Assessment \d/).click();
  await expect(
    group(page, /completed within timescale/).getByRole('radio', { name: 'No', exact: true }),
  ).toBeChecked();
  await expect(item(page, 'assessment.timely')).toContainText(`Answered by ${HARRIET_WORDS}`);
  await expect(item(page, 'assessment.partner-agencies')).toContainText(`Answered by ${HARRIET_WORDS}`);
  await expect(item(page, 'assessment.evidence').getByLabel('Evidence and notes')).toHaveValue(HARRIET_NOTE);
  await expect(item(page, 'assessment.evidence')).toContainText(`Answered by ${HARRIET_WORDS}`);
  // The common question: Harriet kept her own answer when asked to choose.
  await section(page, /^Plan \d/).click();
  await expect(
    group(page, /specific and measurable/).getByRole('radio', { name: 'No', exact: true }),
  ).toBeChecked();
  await expect(item(page, 'plan.smart')).toContainText(`Answered by ${HARRIET_WORDS}`);
}

const synced = (page: Page) =>
  expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: SYNC_TIMEOUT });

test('a social-care and a health auditor complete one case on two tablets offline: nothing lost, each answer says who gave it', async ({
  browser,
}) => {
  test.setTimeout(420_000); // two tablets, a server stop and restart, four syncs, on a busy machine
  const { reference, auditId } = await allocateJointly();

  const tablets: BrowserContext[] = [await browser.newContext(), await browser.newContext()];
  const [amara, harriet] = await Promise.all(tablets.map((t) => t.newPage()));
  if (!amara || !harriet) throw new Error('two tablets');
  // Each signs in and opens the case while online, so everything is on the tablet.
  for (const [page, email] of [
    [amara, AMARA],
    [harriet, HARRIET],
  ] as const) {
    await signIn(page, server.url, email);
    await openMyAuditsReadyForOffline(page, server.url);
    await openCase(page, reference);
    await expect(page.getByTestId('joint-audit')).toContainText('Each answer says who gave it');
  }

  // The network goes, for both.
  await server.stop();
  await Promise.all(tablets.map((t) => t.setOffline(true)));
  await amaraAnswers(amara);
  await harrietAnswers(harriet);
  await expect(item(amara, 'plan.smart')).toContainText(`Answered by ${AMARA_WORDS}`);
  await expect(item(harriet, 'plan.smart')).toContainText(`Answered by ${HARRIET_WORDS}`);
  for (const page of [amara, harriet])
    await expect(page.getByTestId('save-state')).toContainText('Saved on this device');

  // A reload, still offline: everything typed is still there.
  await Promise.all([amara.reload(), harriet.reload()]);
  await section(amara, /lived experience/).click();
  await expect(item(amara, 'lived-experience.evidence').getByLabel('Evidence and notes')).toHaveValue(
    AMARA_NOTE,
  );
  await section(harriet, /^Assessment \d/).click();
  await expect(item(harriet, 'assessment.evidence').getByLabel('Evidence and notes')).toHaveValue(
    HARRIET_NOTE,
  );

  // The network comes back: Amara's tablet syncs first, then Harriet's (each by itself on reconnecting).
  server = await startServer({ dataDir, port, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: 120_000 });
  await tablets[0]?.setOffline(false);
  await synced(amara);
  await tablets[1]?.setOffline(false);

  // Both answered the plan's question differently: Harriet's tablet shows Amara's answer and
  // asks which to keep, naming who gave each version.
  const conflicts = harriet.getByTestId('conflicts');
  const plan = conflicts.locator('[data-conflict="plan.smart"]');
  await expect(plan).toBeVisible({ timeout: SYNC_TIMEOUT });
  await expect(plan.locator('[data-version="mine"]')).toContainText(`On this device, by ${HARRIET_WORDS}`);
  await expect(plan.locator('[data-version="mine"]')).toContainText('No');
  await expect(plan.locator('[data-version="theirs"]')).toContainText(`By ${AMARA_WORDS}`);
  await expect(plan.locator('[data-version="theirs"]')).toContainText('Yes');
  await expect(conflicts.locator('[data-conflict]')).toHaveCount(1); // the rest merged by itself
  await expectNoAxeViolations(harriet, 'joint audit with a choice');
  await plan.getByRole('button', { name: /Keep this device's/ }).click();
  await expect(conflicts).toHaveCount(0);
  await synced(harriet);

  // Each tablet, after a pull, holds every answer and note either typed, with who gave it.
  await amara.getByRole('button', { name: 'Sync now' }).click();
  await section(amara, /^Plan \d/).click();
  await expect(item(amara, 'plan.smart')).toContainText(`Answered by ${HARRIET_WORDS}`, {
    timeout: SYNC_TIMEOUT,
  });
  await synced(amara);
  await expectEveryAnswerOnForm(amara);
  await expectEveryAnswerOnForm(harriet);

  // The review page names the audit's authors.
  await amara.getByRole('link', { name: 'Review and submit' }).first().click();
  const authors = amara.getByTestId('answer-authors');
  await expect(authors).toContainText(AMARA_WORDS);
  await expect(authors).toContainText(HARRIET_WORDS);

  // The whole-audit record (the lead auditor reads her draft): every answer and note, each signed.
  await amara.goto(`${server.url}/audits/${auditId}/record`);
  const record = amara.getByTestId('audit-record');
  await expect(record).toBeVisible({ timeout: SYNC_TIMEOUT });
  const signedBy: [string, string, string][] = [
    ['lived-experience.seen', 'Yes', AMARA_WORDS],
    ['lived-experience.seen-alone', 'Partly', AMARA_WORDS],
    ['lived-experience.evidence', AMARA_NOTE, AMARA_WORDS],
    ['assessment.timely', 'No', HARRIET_WORDS],
    ['assessment.partner-agencies', 'Partly', HARRIET_WORDS],
    ['assessment.evidence', HARRIET_NOTE, HARRIET_WORDS],
    ['plan.smart', 'No', HARRIET_WORDS],
  ];
  const expectSigned = async (shown: typeof record) => {
    for (const [key, words, by] of signedBy) {
      const answer = shown.locator(`dd[data-item="${key}"]`);
      await expect(answer).toContainText(words);
      await expect(answer).toContainText(`Answered by ${by}`);
    }
  };
  await expectSigned(record);
  await expect(record.getByTestId('answer-authors')).toContainText(`${AMARA_WORDS}: 3 answers`);
  await expect(record.getByTestId('answer-authors')).toContainText(`${HARRIET_WORDS}: 4 answers`);
  // Amara's answer to the common question is not lost: the history shows it, and Harriet's after it.
  const planRows = record
    .getByRole('region', { name: 'History' })
    .locator('tr')
    .filter({ hasText: /specific and measurable/ });
  await expect(planRows.filter({ hasText: 'No' })).toContainText('Yes');
  await expectNoAxeViolations(amara, 'whole-audit record of a joint audit');
  // Harriet, its other auditor, reads the same record.
  await harriet.goto(`${server.url}/audits/${auditId}/record`);
  await expectSigned(harriet.getByTestId('audit-record'));

  await Promise.all(tablets.map((t) => t.close()));
});
