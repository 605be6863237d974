/**
 * The admin screens in Chromium: an admin adds a person and changes their roles by keyboard
 * alone; every admin screen, the audit log and the set-password page pass an axe scan in the
 * states people see (empty forms, forms with errors, results, a one-time link); and a person
 * uses their one-time link to choose a password and sign in.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe-scan';
import { useDemoServer } from './support/demo-server';

const server = useDemoServer('lantern-admin-');

/** Presses Tab until `target` has focus: proves it is reachable by keyboard, in order. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole('button', { name: `Use ${name}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();
}

/** Adds a person through the API as the signed-in admin; returns their id and one-time link. */
async function addPerson(page: Page, email: string, name: string): Promise<{ id: string; path: string }> {
  const { csrfToken } = (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as {
    csrfToken: string;
  };
  const response = await page.request.post(`${server.url}/api/admin/people`, {
    data: { email, name, roles: ['auditor'] },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { person: { id: string }; passwordLink: { path: string } };
  return { id: body.person.id, path: body.passwordLink.path };
}

test('an admin adds a person and changes their roles by keyboard alone, and both are logged', async ({
  page,
}) => {
  await page.goto(`${server.url}/sign-in`);
  await tabTo(page, page.getByRole('button', { name: 'Use Gus Fielding (demo)' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#password')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Hello, Gus Fielding (demo)' })).toBeVisible();

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'People', exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: 'Add a person' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Add a person' })).toBeVisible();

  await tabTo(page, page.getByLabel('E-mail address'));
  await page.keyboard.type('nia.keyboard@council.example');
  await tabTo(page, page.getByLabel('Full name'));
  await page.keyboard.type('Nia Keyboard');
  await tabTo(page, page.getByLabel('Job title'));
  await page.keyboard.type('Senior practitioner');
  await tabTo(page, page.getByLabel('Team', { exact: true }));
  await page.keyboard.type('Children in Care');
  await expect(page.getByLabel('Team', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel('Team', { exact: true }).locator('option:checked')).toHaveText(
    'Children in Care',
  );
  await tabTo(page, page.getByRole('checkbox', { name: /^Auditor/ }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Add person' }));
  await page.keyboard.press('Enter');

  const linkHeading = page.getByRole('heading', { name: 'Set-password link for Nia Keyboard' });
  await expect(linkHeading).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Link' })).toHaveValue(/\/set-password\?token=[\w-]{40,}$/);
  await tabTo(page, page.getByRole('link', { name: 'Change Nia Keyboard' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Nia Keyboard', level: 1 })).toBeVisible();

  await tabTo(page, page.getByRole('checkbox', { name: /^Auditor/ }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('checkbox', { name: /^Moderator/ }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved the changes to Nia Keyboard.' }),
  ).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Moderator/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^Auditor/ })).not.toBeChecked();

  const personId = page.url().split('/').at(-1) ?? '';
  const log = (await (await page.request.get(`${server.url}/api/audit-log?entityId=${personId}`)).json()) as {
    entries: { action: string; actorEmail: string; detail: Record<string, unknown> }[];
  };
  expect(log.entries.map((e) => e.action)).toEqual([
    'person.roles-changed',
    'password-link.created',
    'person.created',
  ]);
  expect(log.entries[0]).toMatchObject({
    actorEmail: 'gus.admin@demo.lantern.invalid',
    detail: { from: ['auditor'], to: ['moderator'] },
  });
});

test('every admin screen and the audit log pass an accessibility scan', async ({ page }) => {
  await signInAs(page, 'Gus Fielding (demo)');
  const { id } = await addPerson(page, 'scan.person@council.example', 'Scan Person');

  const screens: [string, string][] = [
    ['/admin', 'Admin'],
    ['/admin/people', 'People'],
    ['/admin/people/new', 'Add a person'],
    [`/admin/people/${id}`, 'Scan Person'],
    ['/admin/teams', 'Teams and services'],
    ['/admin/teams/new', 'Add a team'],
    ['/admin/services/new', 'Add a service'],
    ['/admin/roles', 'Roles'],
    ['/audit-log', 'Audit log'],
  ];
  for (const [path, heading] of screens) {
    await page.goto(server.url + path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    if (path === '/audit-log')
      await expect(page.getByRole('status').filter({ hasText: /entries/ })).toBeVisible();
    await expectNoAxeViolations(page, path);
  }
});

test('the add-a-person form shows its errors and a one-time link accessibly, and so does the log search', async ({
  page,
}) => {
  await signInAs(page, 'Gus Fielding (demo)');
  const { id } = await addPerson(page, 'errors.person@council.example', 'Errors Person');

  // A form with errors: the summary is focused, and each link moves to its field.
  await page.goto(`${server.url}/admin/people/new`);
  await page.getByRole('button', { name: 'Add person' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Choose at least one role.');
  await expectNoAxeViolations(page, 'add a person, with errors');
  await summary.getByRole('link', { name: "Enter the person's full name." }).click();
  await expect(page.getByLabel('Full name')).toBeFocused();
  await summary.getByRole('link', { name: 'Choose at least one role.' }).click();
  await expect(page.getByRole('checkbox', { name: /^Auditor/ })).toBeFocused();

  // The server's own refusal (a duplicate e-mail) shows the same way.
  await page.getByLabel('E-mail address').fill('errors.person@council.example');
  await page.getByLabel('Full name').fill('Errors Again');
  await page.getByRole('checkbox', { name: /^Auditor/ }).check();
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('alert')).toContainText('Someone already has this e-mail address.');
  await expect(page.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true');

  // A one-time link on screen.
  await page.goto(`${server.url}/admin/people/${id}`);
  await page.getByRole('button', { name: 'Make a new set-password link' }).click();
  await expect(page.getByRole('heading', { name: 'Set-password link for Errors Person' })).toBeFocused();
  await expectNoAxeViolations(page, 'a person with a new set-password link');

  // Searching the log with a bad date range.
  await page.goto(`${server.url}/audit-log`);
  await page.getByLabel('From').fill('2026-05-02');
  await page.getByLabel('To').fill('2026-05-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The end date must be the same as or after the start date.',
  );
  await expectNoAxeViolations(page, 'audit log, with errors');
});

test('a QA lead downloads the audit log as CSV, and the download is logged', async ({ page }) => {
  await signInAs(page, 'Erin Walsh (demo)');
  await page.goto(`${server.url}/audit-log`);
  await page.getByLabel('What happened').selectOption('sign-in');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status').filter({ hasText: /entr(y|ies), page 1/ })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^lantern-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.getByLabel('What happened').selectOption('audit-log.exported');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('cell', { name: 'Exported the audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Erin Walsh \(demo\)/ }).first()).toBeVisible();
});

test('a person chooses a password with their one-time link, then signs in with it', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'Gus Fielding (demo)');
  const { path } = await addPerson(page, 'ola.newstarter@council.example', 'Ola Newstarter');

  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await them.goto(server.url + path);
  await expect(them.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await expect(them.getByText('ola.newstarter@council.example')).toBeVisible();
  await expectNoAxeViolations(them, 'set-password page');

  await them.getByLabel('New password').fill('ola.newstarter rocks');
  await them.getByLabel('Type the password again').fill('something else entirely');
  await them.getByRole('button', { name: 'Set password' }).click();
  const summary = them.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Do not use your e-mail address, or part of it, in your password.');
  await expect(summary).toContainText('The two passwords are not the same.');
  await expectNoAxeViolations(them, 'set-password page, with errors');
  await summary.getByRole('link', { name: 'The two passwords are not the same.' }).click();
  await expect(them.getByLabel('Type the password again')).toBeFocused();

  await them.getByLabel('New password').fill('four words make strength');
  await them.getByLabel('Type the password again').fill('four words make strength');
  await them.getByRole('button', { name: 'Set password' }).click();
  await expect(them.getByRole('heading', { name: 'Your password is set' })).toBeFocused();
  await expectNoAxeViolations(them, 'set-password page, done');

  await them.getByRole('link', { name: 'Sign in' }).click();
  await expect(them.getByRole('link', { name: 'Sign in with your council account' })).toHaveCount(0);
  await them.getByLabel('E-mail address').fill('ola.newstarter@council.example');
  await them.getByLabel('Password').fill('four words make strength');
  await them.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(them.getByRole('heading', { name: 'Hello, Ola Newstarter' })).toBeVisible();

  // The link worked once.
  await them.goto(server.url + path);
  await expect(them.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await expect(them.getByRole('alert')).toContainText('Ask your Lantern administrator for a new one.');
  await expectNoAxeViolations(them, 'set-password page, used link');
  await theirs.close();
});
