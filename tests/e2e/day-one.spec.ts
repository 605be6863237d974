/**
 * Day one for a real council, in Chromium, from an empty install (`LANTERN_DEMO=0`):
 * the first admin is made exactly as the start-up log and README say (Lantern stopped, the
 * command run against its data directory, Lantern started again); through the screens the admin
 * sets up a service, teams, case types and flags, imports 40 people from an XLSX and names a
 * team manager; the QA lead (one of the 40, with their set-password link) imports a 2,000-row
 * case list saved by Excel as a Windows-1252 CSV (£, ’, –, a team name with a quoted comma) and
 * creates its new case type and flags in the preview, sets up a practice week, draws a sample by
 * flag and allocates it; an auditor signs in with their link and sees the allocation. Then, with
 * Lantern stopped, every stored text is read back and must equal the file's. Each set-up and
 * import screen, as shown with data, passes an axe scan at 1280 px and at 320 px.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { axeViolations, describeViolations } from './support/axe-scan';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ROOT, startServer, type ServerProcess } from '../support/server-process';
import { FIRST_ADMIN_COMMAND } from '../../shared/organisation/first-admin';
import { openDatabase } from '../../server/db/open-database';

const ENV = { LANTERN_CLIENT_BUILD: 'skip', LANTERN_DEMO: '0' };
const START_MS = 240_000;
const SLOW = { timeout: 120_000 };
const PASSWORD = 'lantern day one on a wet tuesday';

const ADMIN = { email: 'morgan.ashby@council.lantern.invalid', name: 'Morgan Ashby' };
const COUNCIL = 'Northshire County Council';
const SERVICE = 'Children’s Social Care';
const TEAMS = ['Front Door (MASH)', 'Children in Need, East', 'Children in Care'] as const;
const SET_UP_TYPES = ['Child in need', 'Child protection', 'Looked after'];
const SET_UP_FLAGS = ['Child protection plan', 'Care leaver'];
// In the file only: created in the case-list preview.
const NEW_TYPE = 'Private fostering – £ allowance';
const NEW_FLAGS = ['At risk of exploitation – CSE', 'NRPF – £ support'];
const SAMPLE_FLAG = NEW_FLAGS[0]!;

let dataDir = '';
let server: ServerProcess | undefined;

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function axeAt(page: Page, where: string): Promise<void> {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.locator('main h1')).toBeVisible();
    expect(describeViolations(await axeViolations(page)), `${where} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The 40 staff: person 1 is the QA lead, 2 and 3 manage teams, the rest audit. */
function staffRows(): string[][] {
  const first = ['Aoife', 'Bryn', 'Cerys', 'Dafydd', 'Eluned', 'Fionn', 'Gwen', 'Hywel'];
  const last = ['O’Dowd', 'Ap-Rhys', 'Dunmore', 'Ellery–Voss', 'Farrant', 'Quaile', 'Tremayne'];
  return Array.from({ length: 40 }, (_, i) => {
    const team = TEAMS[i % TEAMS.length]!;
    const name = `${first[i % first.length]!} ${last[Math.floor(i / first.length) % last.length]!} ${String(i + 1)}`;
    const email = `staff.${String(i + 1)}@council.lantern.invalid`;
    if (i === 0) return [name, email, 'Principal social worker – QA', TEAMS[0], 'QA lead', ''];
    if (i === 1) return [name, email, 'Team manager', TEAMS[1], 'Manager', TEAMS[1]];
    if (i === 2) return [name, email, 'Team manager', TEAMS[0], 'Manager', TEAMS[0]];
    return [name, email, i % 2 ? 'Social worker' : 'Senior practitioner – CIN', team, 'Auditor', ''];
  });
}

async function staffXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Staff');
  sheet.addRow(['Name', 'Email', 'Job title', 'Team', 'Roles', 'Manages']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CASE_HEADERS = ['Case reference', 'Team', 'Case type', 'Allocated worker', 'Flags', 'Status'];
const WORKERS = ['Niamh O’Dowd', 'Ana Ruiz–Hale', 'Tomos Price', 'Ciarán D’Arcy', ''];

/** 2,000 cases, deterministic; every new name appears, and every 5th case carries the sample flag. */
function caseRows(): string[][] {
  const types = [...SET_UP_TYPES, NEW_TYPE];
  const flagSets = [
    [SAMPLE_FLAG],
    [],
    [SET_UP_FLAGS[0]!],
    [NEW_FLAGS[1]!, SET_UP_FLAGS[1]!],
    [SET_UP_FLAGS[0]!, SAMPLE_FLAG],
  ];
  return Array.from({ length: 2000 }, (_, i) => [
    `LCS-${String(500_000 + i)}`,
    TEAMS[(i * 7) % TEAMS.length]!,
    types[(i * 3) % types.length]!,
    WORKERS[i % WORKERS.length]!,
    flagSets[i % flagSets.length]!.join('; '),
    i % 25 === 24 ? 'Closed' : 'Open',
  ]);
}

/** As Excel on Windows saves "CSV (Comma delimited)": Windows-1252, CRLF, quotes only where needed. */
function excelCsv(rows: string[][]): Buffer {
  const cell = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = [CASE_HEADERS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return iconv.encode(text, 'windows-1252');
}

/** Runs the README's command against Lantern's data directory and returns the link it prints. */
async function createFirstAdmin(): Promise<string> {
  const args = FIRST_ADMIN_COMMAND.replace('you@council.gov.uk', ADMIN.email)
    .replace('"Your Name"', '')
    .trim()
    .split(' ');
  expect(args.slice(0, 4)).toEqual(['npm', 'run', 'create-admin', '--']);
  const child = spawn(args[0]!, [...args.slice(1), ADMIN.name], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LANTERN_DATA_DIR: dataDir, ...ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, out).toBe(0);
  expect(out).toContain(`${ADMIN.email} is an admin`);
  const path = /\/set-password\?token=[\w-]+/.exec(out)?.[0];
  expect(path, out).toBeTruthy();
  return path!;
}

async function setPasswordAndSignIn(page: Page, path: string, email: string, name: string): Promise<void> {
  await page.goto(server!.url + path);
  await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Type the password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible(SLOW);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible(SLOW);
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

test('day one: an empty install to an auditor’s first allocation, every stored text as the file held it', async ({
  browser,
}) => {
  test.setTimeout(900_000);
  dataDir = await mkdtemp(join(tmpdir(), 'lantern-day-one-'));

  // First start, empty: the log and the sign-in page say how to make the first admin.
  server = await startServer({ dataDir, env: ENV, timeoutMs: START_MS });
  expect(server.messages()).toContain(FIRST_ADMIN_COMMAND);
  const admin = await newPage(browser);
  await admin.goto(`${server.url}/sign-in`);
  await expect(admin.getByTestId('first-admin')).toContainText(FIRST_ADMIN_COMMAND);
  await expect(admin.getByTestId('first-admin')).toContainText('Stop Lantern');

  // As the README says for the embedded database: stop Lantern, run the command, start it again.
  await server.stop();
  const adminLink = await createFirstAdmin();
  server = await startServer({ dataDir, env: ENV, timeoutMs: START_MS });
  await setPasswordAndSignIn(admin, adminLink, ADMIN.email, ADMIN.name);

  // The admin home lists what to set up first; the council names itself from it.
  await admin.goto(`${server.url}/admin`);
  const tasks = admin.getByTestId('set-up-tasks');
  await expect(tasks).toContainText('0 of 6 done');
  await tasks.getByRole('link', { name: 'Name your organisation' }).click();
  await admin.getByLabel('Organisation name').fill(COUNCIL);
  await admin.getByRole('button', { name: 'Save name' }).click();
  await expect(admin.getByRole('heading', { name: 'Admin', exact: true })).toBeVisible();
  await expect(admin.locator('header')).toContainText(COUNCIL);
  await expect(tasks).toContainText('1 of 6 done');

  // The organisation: a service, three teams, case types and flags.
  await admin.goto(`${server.url}/admin/services/new`);
  await admin.getByLabel('Service name').fill(SERVICE);
  await admin.getByRole('button', { name: 'Add service' }).click();
  await expect(admin.getByRole('heading', { name: 'Teams and services' })).toBeVisible();
  for (const team of TEAMS) {
    await admin.goto(`${server.url}/admin/teams/new`);
    await admin.getByLabel('Team name').fill(team);
    await admin.getByLabel('Service', { exact: true }).selectOption({ label: SERVICE });
    await admin.getByRole('button', { name: 'Add team' }).click();
    await expect(admin.getByRole('row', { name: new RegExp(`^${escape(team)}`) })).toContainText(
      'None named',
    );
  }
  await axeAt(admin, 'teams and services');
  for (const [path, what, labels] of [
    ['case-types', 'case type', SET_UP_TYPES],
    ['case-flags', 'case flag', SET_UP_FLAGS],
  ] as const) {
    await admin.goto(`${server.url}/admin/${path}`);
    for (const label of labels) {
      await admin.getByLabel(`Name of a new ${what}`).fill(label);
      await admin.getByRole('button', { name: `Add ${what}` }).click();
      await expect(admin.getByRole('row', { name: new RegExp(escape(label)) })).toContainText('In use');
    }
    await axeAt(admin, `${what}s`);
  }

  // 40 people from an XLSX; their set-password links are listed once.
  const staff = staffRows();
  await admin.goto(`${server.url}/admin/people`);
  await admin.getByRole('link', { name: 'Import people from a file' }).click();
  await admin.getByLabel('Staff file').setInputFiles({
    name: 'staff.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await staffXlsx(staff),
  });
  await expect(admin.getByRole('heading', { name: 'New people (40)' })).toBeVisible(SLOW);
  await axeAt(admin, 'people import, preview');
  await admin.getByRole('button', { name: 'Import 40 people' }).click();
  await expect(admin.getByTestId('people-import-result')).toContainText('40 added', SLOW);
  const links = admin.getByTestId('people-import-links');
  await expect(links.locator('tbody tr')).toHaveCount(40);
  await axeAt(admin, 'people import, links shown once');
  const linkOf = async (row: string[]): Promise<string> =>
    new URL(await links.locator('tr', { hasText: row[1]! }).getByRole('textbox').inputValue()).pathname +
    new URL(await links.locator('tr', { hasText: row[1]! }).getByRole('textbox').inputValue()).search;
  const qaLead = staff[0]!;
  const auditors = [staff[3]!, staff[4]!];
  const qaLeadLink = await linkOf(qaLead);
  const auditorLink = await linkOf(auditors[0]!);

  // The third team's manager, named on its screen (people, not job titles).
  await admin.goto(`${server.url}/admin/teams`);
  await admin.getByRole('link', { name: TEAMS[2], exact: true }).click();
  await expect(admin.getByRole('heading', { name: `Change ${TEAMS[2]}` })).toBeVisible();
  const manager = staff[5]!;
  await admin.getByLabel('Find a person').fill(manager[0]!);
  await admin.getByRole('checkbox', { name: new RegExp(escape(manager[0]!)) }).check();
  await axeAt(admin, 'team with a manager chosen');
  await admin.getByRole('button', { name: 'Save changes' }).click();
  for (const [team, who] of [
    [TEAMS[0], staff[2]!],
    [TEAMS[1], staff[1]!],
    [TEAMS[2], manager],
  ] as const)
    await expect(admin.getByRole('row', { name: new RegExp(`^${escape(team)}`) })).toContainText(who[0]!);
  await admin.goto(`${server.url}/admin`);
  await expect(admin.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(admin.getByText('has no team manager')).toHaveCount(0);
  await axeAt(admin, 'admin home, set up');

  // The QA lead: their link, then the 2,000-row case list, Windows-1252 as Excel saved it.
  const qa = await newPage(browser);
  await setPasswordAndSignIn(qa, qaLeadLink, qaLead[1]!, qaLead[0]!);
  const cases = caseRows();
  await qa.goto(`${server.url}/qa/import`);
  await qa.getByLabel('Case list file').setInputFiles({
    name: 'LCS export.csv',
    mimeType: 'text/csv',
    buffer: excelCsv(cases),
  });
  const typeChoice = qa.getByTestId('import-name-case_type');
  await expect(typeChoice).toHaveCount(1, SLOW);
  await expect(typeChoice).toContainText(`Case type “${NEW_TYPE}”`);
  const flagChoices = qa.getByTestId('import-name-flag');
  await expect(flagChoices).toHaveCount(NEW_FLAGS.length);
  for (const flag of NEW_FLAGS) await expect(flagChoices.filter({ hasText: `“${flag}”` })).toHaveCount(1);
  await expect(qa.getByTestId('import-name-team')).toHaveCount(0);
  await expect(qa.getByTestId('import-ready')).toHaveCount(0);
  await typeChoice.getByLabel('Create a new case type').check();
  for (let i = 0; i < NEW_FLAGS.length; i++) await flagChoices.nth(i).getByLabel('Create a new flag').check();
  await axeAt(qa, 'case-list import, names to create');
  await qa.getByTestId('import-names-check').click();
  await expect(qa.getByTestId('import-ready')).toContainText(/2,?000 new/, SLOW);
  await axeAt(qa, 'case-list import, ready');
  await qa.getByRole('button', { name: /^Import 2,?000 cases$/ }).click();
  await expect(qa.getByTestId('import-result')).toContainText(/2,?000 new, 0 changed/, SLOW);
  await axeAt(qa, 'case-list import, imported');

  // A practice week, a sample by flag, allocated to two auditors.
  await qa.goto(`${server.url}/qa/rounds/new`);
  await qa.getByLabel('Name', { exact: true }).fill('Practice week – exploitation');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  await qa.getByLabel('First day').fill(today);
  await qa.getByLabel('Last day').fill(today);
  await qa.getByRole('button', { name: 'Set up the round' }).click();
  await expect(qa.getByRole('heading', { name: 'Practice week – exploitation' })).toBeVisible(SLOW);
  const roundId = qa.url().split('/').at(-1) ?? '';
  await qa.getByRole('link', { name: 'Draw the case sample' }).click();
  await qa.getByRole('group', { name: 'Only cases with any of these flags' }).getByLabel(SAMPLE_FLAG).check();
  await qa.getByLabel('A number of cases').check();
  await qa.getByLabel('Number of cases', { exact: true }).fill('6');
  await qa.getByLabel('Seed').fill('13');
  await qa.getByRole('button', { name: 'Show the sample' }).click();
  await expect(qa.getByTestId('sample-preview')).toContainText('The sample: 6 of', SLOW);
  await qa.getByRole('button', { name: 'Use this sample' }).click();
  await qa.getByRole('link', { name: 'Allocate cases in bulk' }).click();
  for (const a of auditors) await qa.getByLabel(a[0]!).check();
  await qa.getByRole('button', { name: 'Show the allocation' }).click();
  await expect(qa.getByTestId('allocation-plan')).toContainText('6 cases to allocate');
  await qa.getByRole('button', { name: 'Allocate these cases' }).click();
  await expect(qa.getByTestId('progress-auditor')).toContainText(auditors[0]![0]!, SLOW);
  const roundCases = (
    (await (await qa.request.get(`${server.url}/api/rounds/${roundId}/cases`)).json()) as {
      cases: { reference: string; allocation: { auditorName: string } | null }[];
    }
  ).cases;
  expect(roundCases).toHaveLength(6);
  const theirs = roundCases.filter((c) => c.allocation?.auditorName === auditors[0]![0]);
  expect(theirs.length).toBeGreaterThan(0);

  // The auditor: their link, and the cases allocated to them.
  const auditor = await newPage(browser);
  await setPasswordAndSignIn(auditor, auditorLink, auditors[0]![1]!, auditors[0]![0]!);
  await auditor.goto(`${server.url}/audits`);
  for (const c of theirs) await expect(auditor.locator(`[data-case="${c.reference}"]`)).toBeVisible(SLOW);
  await expect(auditor.locator('[data-case]')).toHaveCount(theirs.length);

  // Every stored text equals the file's: read with Lantern stopped (one process opens PGlite).
  await Promise.all([admin.context().close(), qa.context().close(), auditor.context().close()]);
  await server.stop();
  server = undefined;
  const db = await openDatabase({ databaseUrl: undefined, dataDir });
  try {
    const people = await db.query<{ email: string; display_name: string; job_title: string; team: string }>(
      `SELECT p.email, p.display_name, p.job_title, t.name AS team
         FROM people p LEFT JOIN teams t ON t.id = p.team_id WHERE p.email <> $1 ORDER BY p.email`,
      [ADMIN.email],
    );
    expect(people.map((p) => [p.display_name, p.email, p.job_title, p.team]).sort()).toEqual(
      staff.map((r) => [r[0], r[1], r[2], r[3]]).sort(),
    );
    // Flags come back as labels (cases hold their keys), in the order of the case's key list.
    const stored = await db.query<{
      reference: string;
      team: string;
      case_type: string;
      allocated_worker: string;
      flags: string[];
      closed: boolean;
    }>(
      `SELECT c.reference, t.name AS team, ct.label AS case_type, c.allocated_worker, c.closed,
              coalesce((SELECT array_agg(f.label ORDER BY u.n) FROM unnest(c.flags) WITH ORDINALITY u (k, n)
                          JOIN case_flags f ON f.key = u.k), '{}') AS flags
         FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
        ORDER BY c.reference`,
    );
    expect(stored).toHaveLength(cases.length);
    const byRef = new Map(stored.map((c) => [c.reference, c]));
    for (const row of cases) {
      const c = byRef.get(row[0]!);
      expect(
        c && [c.reference, c.team, c.case_type, c.allocated_worker, [...c.flags].sort(), c.closed],
        row[0],
      ).toEqual([row[0], row[1], row[2], row[3], flagsOf(row[4]!), row[5] === 'Closed']);
    }
    const labels = async (table: string): Promise<string[]> =>
      (await db.query<{ label: string }>(`SELECT label FROM ${table} ORDER BY label`)).map((r) => r.label);
    expect(await labels('case_types')).toEqual([...SET_UP_TYPES, NEW_TYPE].sort());
    expect(await labels('case_flags')).toEqual([...SET_UP_FLAGS, ...NEW_FLAGS].sort());
    const teams = await db.query<{ name: string; service: string }>(
      'SELECT t.name, s.name AS service FROM teams t JOIN services s ON s.id = t.service_id ORDER BY t.name',
    );
    expect(teams).toEqual([...TEAMS].sort().map((name) => ({ name, service: SERVICE })));
    // The sample was drawn by flag: every sampled case carries it.
    const sampled = await db.query<{ reference: string; flags: string[] }>(
      `SELECT c.reference, c.flags FROM round_cases rc JOIN cases c ON c.id = rc.case_id
        WHERE rc.round_id = $1`,
      [roundId],
    );
    expect(sampled).toHaveLength(6);
    const flagKey = (
      await db.query<{ key: string }>('SELECT key FROM case_flags WHERE label = $1', [SAMPLE_FLAG])
    )[0]?.key;
    for (const s of sampled) expect(s.flags, s.reference).toContain(flagKey);
  } finally {
    await db.close();
  }
});

/** A case's flags are a set: the file's cell, split as the import splits it, in a fixed order. */
function flagsOf(cell: string): string[] {
  return cell ? cell.split('; ').sort() : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
