/**
 * After the grade, end to end in Chromium with a loopback SMTP server: an audit is completed offline
 * (the server stopped) with two case actions and synced; the case's practitioner receives the
 * e-mail (a link, no case content), signs in, reads the whole audit and responds; the team
 * manager and the auditor see the response; the action's owner marks one action done with
 * evidence; with the sweep clock moved on, the other action reminds its owner, then escalates to
 * the team manager; and the QA lead's compliance figure equals a count made here from the
 * database. The server runs on its own PostgreSQL database, so the test can read it, with
 * NODE_ENV=test, a clock file (server/notifications/sweep-clock.ts) and a one-second sweep.
 */
import { test, expect, type Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type ServerProcess } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
import {
  AMARA,
  BEN,
  completeWholeAudit,
  firstCase,
  openMyAuditsReadyForOffline,
  signIn,
} from './support/auditor-steps';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PRACTITIONER = 'pia.practitioner@demo.lantern.invalid';
const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const STRENGTHS = 'The child was seen alone and their views are recorded in their own words.';
const DONE_ACTION = 'Update the chronology with the last three months of visits';
const LATE_ACTION = 'Hold a core group meeting and record the decisions';
const RESPONSE = 'I have brought the chronology up to date since the audit; the visits are all recorded now.';

interface Mail {
  to: string;
  subject: string;
  text: string;
}

let server: ServerProcess;
let database: { url: string; drop(): Promise<void> };
let db: pg.Client;
let smtp: SMTPServer;
let workDir: string;
let clockFile: string;
let env: Record<string, string>;
const mails: Mail[] = [];

/** Quoted-printable (RFC 2045) and folded headers undone: the message as a person reads it. */
function readMail(raw: string, to: string): Mail {
  const [head = '', ...body] = raw.split(/\r\n\r\n/);
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const text = body
    .join('\r\n\r\n')
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r\n/g, '\n');
  return { to, subject, text };
}

async function waitForMail(match: (mail: Mail) => boolean, what: string): Promise<Mail> {
  await expect
    .poll(() => mails.some(match), { message: `an e-mail: ${what}`, timeout: 120_000, intervals: [500] })
    .toBe(true);
  return mails.find(match)!;
}

const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> => {
  const { rows } = await db.query<T>(sql, params);
  if (!rows[0]) throw new Error(`no row: ${sql}`);
  return rows[0];
};

test.beforeAll(async () => {
  test.setTimeout(420_000);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) mails.push(readMail(raw, rcpt.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  database = await createPostgresTestDatabase(ADMIN_URL);
  workDir = await mkdtemp(join(tmpdir(), 'lantern-after-grade-'));
  clockFile = join(workDir, 'clock');
  await writeFile(clockFile, '');
  env = {
    DATABASE_URL: database.url,
    LANTERN_CLIENT_BUILD: 'skip',
    LANTERN_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    LANTERN_SMTP_FROM: 'Lantern <lantern@test.invalid>',
    LANTERN_PUBLIC_URL: 'https://lantern.council.example',
    NODE_ENV: 'test',
    LANTERN_TEST_CLOCK_FILE: clockFile,
    LANTERN_TEST_SWEEP_MS: '1000',
  };
  server = await startServer({ env, timeoutMs: 360_000 });
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});

test.afterAll(async () => {
  await server?.stop();
  await db?.end();
  await database?.drop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The path of the Lantern link an e-mail carries. */
function linkIn(mail: Mail): string {
  const url = /Open it in Lantern: (\S+)/.exec(mail.text)?.[1];
  if (!url) throw new Error(`no link in: ${mail.text}`);
  return new URL(url).pathname;
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, server.url, email);
}

test('after the grade: told, read, responded to, followed up, chased and counted', async ({
  page,
  context,
}) => {
  test.setTimeout(900_000);
  const ben = await one<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM people WHERE email = $1',
    [BEN],
  );
  const pia = await one<{ id: string }>('SELECT id FROM people WHERE email = $1', [PRACTITIONER]);
  // Pia is the allocated worker of every case waiting for Ben (the case list's "allocated worker").
  await db.query(
    `UPDATE cases SET practitioner_id = $1 WHERE id IN (SELECT case_id FROM allocations WHERE auditor_id = $2 AND active)`,
    [pia.id, ben.id],
  );

  // Offline: the server is stopped while the whole audit is done and submitted.
  await signIn(page, server.url, BEN);
  await openMyAuditsReadyForOffline(page, server.url);
  const reference = await firstCase(page);
  // The case's team has a named manager (as the admin names one; a demo team may have none).
  await db.query(
    `INSERT INTO team_managers (team_id, person_id)
     SELECT c.team_id, p.id FROM cases c, people p WHERE c.reference = $1 AND p.email = $2
       AND NOT EXISTS (SELECT 1 FROM team_managers m JOIN people q ON q.id = m.person_id
                       WHERE m.team_id = c.team_id AND q.active)`,
    [reference, AMARA],
  );
  await server.stop();
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: reference }).click();
  await completeWholeAudit(page);
  await page.getByRole('link', { name: 'Overall judgement and actions' }).click();
  for (const [i, what, due] of [
    [0, DONE_ACTION, '2026-12-20'],
    [1, LATE_ACTION, '2026-12-10'],
  ] as const) {
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel(`Action ${i + 1}: what needs to happen`).fill(what);
    await page.getByLabel('Who', { exact: true }).nth(i).fill(ben.display_name);
    await page.getByLabel('By when').nth(i).fill(due);
  }
  await page.getByRole('link', { name: 'Review and submit' }).first().click();
  await page.getByTestId('submit-audit').click();
  const row = page.locator(`[data-case="${reference}"]`);
  await expect(row).toContainText('Waiting to sync');

  server = await startServer({ env, port: server.port, timeoutMs: 360_000 });
  await context.setOffline(false);
  await expect(page.getByTestId('waiting-count')).toHaveText('Everything is synced', { timeout: 60_000 });
  const audit = await one<{ id: string }>(
    `SELECT a.id FROM audits a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1 AND a.status = 'submitted' AND a.auditor_id = $2
     ORDER BY a.completed_at DESC LIMIT 1`,
    [reference, ben.id],
  );

  // The practitioner's e-mail: a link to the whole audit and the case reference, nothing else.
  const told = await waitForMail(
    (m) => m.to === PRACTITIONER && m.subject.includes(reference),
    'the practitioner is told of the audit',
  );
  expect(linkIn(told)).toBe(`/audits/${audit.id}/record`);
  expect(told.text).not.toContain(STRENGTHS);
  expect(told.text).not.toContain(DONE_ACTION);

  await signInAs(page, PRACTITIONER);
  await page.goto(`${server.url}${linkIn(told)}`);
  await expect(page.getByRole('heading', { name: `Audit of case ${reference}` })).toBeVisible();
  await expect(page.getByTestId('audit-record')).toContainText(STRENGTHS);
  const responses = page.getByTestId('record-responses');
  await responses.getByRole('radio').first().check();
  await page.getByLabel('Your response').fill(RESPONSE);
  await page.getByTestId('send-response').click();
  await expect(responses).toContainText(RESPONSE);

  // The team manager of the case's team and the auditor see it.
  const manager = await one<{ email: string }>(
    `SELECT p.email FROM team_managers m JOIN people p ON p.id = m.person_id JOIN cases c ON c.team_id = m.team_id
     WHERE c.reference = $1 AND p.active ORDER BY p.email LIMIT 1`,
    [reference],
  );
  await signInAs(page, manager.email);
  await page.goto(`${server.url}/audits/${audit.id}/record`);
  await expect(page.getByTestId('record-responses')).toContainText(RESPONSE);

  await signInAs(page, BEN);
  await page.getByTestId('inbox-link').click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await page
    .getByRole('link', { name: `The practitioner responded to the audit of case ${reference}` })
    .click();
  await expect(page.getByTestId('record-responses')).toContainText(RESPONSE);

  // The owner marks one action done, with evidence.
  const done = await one<{ id: string }>('SELECT id FROM case_actions WHERE audit_id = $1 AND what = $2', [
    audit.id,
    DONE_ACTION,
  ]);
  await page.goto(`${server.url}/case-actions/${done.id}`);
  await expect(page.getByRole('heading', { name: DONE_ACTION })).toBeVisible();
  await page.getByRole('radio', { name: 'Done' }).check();
  await page
    .getByLabel('Date completed')
    .fill(new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }));
  await page.getByLabel('Evidence').fill('Chronology updated on the case file; checked in supervision.');
  await page.getByRole('button', { name: 'Save progress' }).click();
  await expect(page.getByRole('status')).toHaveText('The action is saved.');
  await expect(page.getByTestId('standing')).toHaveText('Done on time');

  // The clock moves on: the other action reminds its owner, then escalates to the team manager.
  await writeFile(clockFile, '2026-12-14T10:00:00Z');
  await waitForMail(
    (m) =>
      m.to === BEN && m.subject === `Lantern: An action for case ${reference} was due on 10 December 2026`,
    'the owner is reminded of the overdue action',
  );
  await writeFile(clockFile, '2027-01-08T10:00:00Z');
  await waitForMail(
    (m) =>
      m.to === manager.email &&
      m.subject === `Lantern: An action for case ${reference} is overdue since 10 December 2026`,
    'the team manager is told of the escalation',
  );
  for (const mail of mails) {
    expect(mail.text).not.toContain(STRENGTHS);
    expect(mail.text).not.toContain(RESPONSE);
    expect(`${mail.subject}\n${mail.text}`).not.toContain(LATE_ACTION);
  }

  // The QA lead's compliance figure, and the same count from the database.
  const today = await one<{ today: string }>(
    "SELECT (now() AT TIME ZONE 'Europe/London')::date::text AS today",
  );
  const count = await one<{ on_time: number; counted: number }>(
    `SELECT count(*) FILTER (WHERE x.state = 'done' AND x.completed_on <= x.due_date)::int AS on_time,
            count(*) FILTER (WHERE x.state = 'done' OR (x.state = 'open' AND x.due_date < $2::date))::int AS counted
     FROM case_actions x JOIN teams t ON t.id = x.team_id
     WHERE x.withdrawn_at IS NULL AND t.service_id = (SELECT service_id FROM people WHERE email = $1)`,
    [QA_LEAD, today.today],
  );
  expect(count.counted).toBeGreaterThan(0);
  await signInAs(page, QA_LEAD);
  await page.goto(`${server.url}/case-actions/compliance`);
  await expect(page.getByTestId('compliance-overall')).toContainText(
    `${count.on_time} of ${count.counted} actions done on time`,
  );
});
