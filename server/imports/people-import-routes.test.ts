/**
 * The admin's people import over HTTP, on each engine: a CSV and an XLSX of the same staff
 * import to the same people; every new person gets a set-password link that works, listed
 * once when no mail server is set up and e-mailed through a real SMTP server when one is; an
 * e-mail already in Lantern updates that person; every kind of bad input is named by row and
 * column and writes nothing; only an admin may import; 2,000 people import in one go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ENGINES } from '../../tests/support/test-databases';
import { createTestApp, type TestApp } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { startMailCatcher, type MailCatcher } from '../../tests/support/mail-catcher';
import { STAFF_HEADERS, staffCsv, staffRows, staffXlsx } from '../../tests/fixtures/people/staff-file';
import {
  peopleImportPreviewSchema,
  peopleImportResultSchema,
} from '../../shared/imports/people-import-schemas';
import { smtpMailer } from '../alerts/smtp-mailer';

const ADMIN = 'gus.admin@demo.lantern.invalid';
const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const base64 = (content: string | Buffer): string => Buffer.from(content).toString('base64');

describe.each(ENGINES)('people import on $engine', (engine) => {
  const t = useTestApp(engine);
  const admin = useSignedIn(t, ADMIN);

  const post = (path: string, fileName: string, content: string | Buffer, client = admin) =>
    client.request(path, { method: 'POST', json: { fileName, content: base64(content) } });
  const peopleLike = async (prefix: string): Promise<number> =>
    Number(
      (
        await t.db.query<{ n: number }>('SELECT count(*) AS n FROM people WHERE email LIKE $1', [
          `${prefix}.%`,
        ])
      )[0]?.n,
    );
  const refused = async (fileName: string, content: string | Buffer) => {
    const response = await post('/api/admin/people-imports', fileName, content);
    expect(response.status).toBe(400);
    return (await response.json()) as {
      code: string;
      message: string;
      fields?: { path: string; message: string }[];
    };
  };

  it('previews a CSV: who would be added, nothing written yet', async () => {
    const preview = peopleImportPreviewSchema.parse(
      await (
        await post('/api/admin/people-imports/preview', 'staff.csv', staffCsv(staffRows(40, 1, 'pv')))
      ).json(),
    );
    expect(preview.mapping).toEqual({
      name: 0,
      email: 1,
      jobTitle: 2,
      team: 3,
      service: null,
      roles: 4,
      manages: 5,
      agency: null,
    });
    expect(preview.problemCount).toBe(0);
    expect(preview.changes?.created).toHaveLength(40);
    expect(preview.changes?.created[0]).toMatchObject({ row: 2, email: 'pv.1@staff.lantern.invalid' });
    expect(preview.changes?.updated).toEqual([]);
    expect(preview.emailsLinks).toBe(false);
    expect(await peopleLike('pv')).toBe(0);
  });

  it('imports 40 people from a CSV, lists each set-password link once, and the same file again changes nothing', async () => {
    const rows = staffRows(40, 2, 'csv');
    const result = peopleImportResultSchema.parse(
      await (await post('/api/admin/people-imports', 'staff.csv', staffCsv(rows))).json(),
    );
    expect(result).toMatchObject({ rowCount: 40, created: 40, updated: 0, unchanged: 0, emailed: 0 });
    expect(result.links).toHaveLength(40);
    expect(new Set(result.links.map((l) => l.path)).size).toBe(40);
    expect(result.links.every((l) => l.reason === 'no-email')).toBe(true);

    const stored = await t.db.query<{
      email: string;
      display_name: string;
      job_title: string;
      team: string;
      roles: string[];
      created_via: string;
      password_hash: string | null;
    }>(
      `SELECT p.email, p.display_name, p.job_title, t.name AS team, p.roles, p.created_via, p.password_hash
       FROM people p JOIN teams t ON t.id = p.team_id WHERE p.email LIKE 'csv.%'`,
    );
    const byEmail = new Map(stored.map((p) => [p.email, p]));
    for (const [name, email, jobTitle, team, roles] of rows) {
      expect(byEmail.get(email!)).toEqual({
        email,
        display_name: name,
        job_title: jobTitle,
        team,
        roles: roles === 'Auditor' ? ['auditor'] : ['auditor', 'moderator'],
        created_via: 'import',
        password_hash: null,
      });
    }
    // Every 20th person manages their own team, as a named team manager.
    const managers = await t.db.query<{ email: string; team: string }>(
      `SELECT p.email, t.name AS team FROM team_managers m JOIN people p ON p.id = m.person_id
       JOIN teams t ON t.id = m.team_id WHERE p.email LIKE 'csv.%' ORDER BY p.email`,
    );
    expect(managers).toEqual([
      { email: 'csv.1@staff.lantern.invalid', team: rows[0]![3] },
      { email: 'csv.21@staff.lantern.invalid', team: rows[20]![3] },
    ]);

    // The link the admin hands out sets that person's password, once.
    const link = result.links.find((l) => l.email === 'csv.7@staff.lantern.invalid')!;
    const token = new URL(link.path, 'https://x.invalid').searchParams.get('token');
    const check = await t.request('/api/auth/set-password/check', { method: 'POST', json: { token } });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ email: 'csv.7@staff.lantern.invalid', name: rows[6]![0] });
    // Only hashes are kept: no table holds the token.
    const [leak] = await t.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM password_links WHERE token_hash = $1',
      [token],
    );
    expect(leak?.n).toBe(0);

    const again = peopleImportResultSchema.parse(
      await (await post('/api/admin/people-imports', 'staff.csv', staffCsv(rows))).json(),
    );
    expect(again).toEqual({
      importId: null,
      rowCount: 40,
      created: 0,
      updated: 0,
      unchanged: 40,
      emailed: 0,
      links: [],
    });
    const logged = await t.db.query<{ action: string; n: number }>(
      `SELECT action, count(*) AS n FROM audit_log WHERE detail->>'via' = 'import' AND entity_id IN
         (SELECT id::text FROM people WHERE email LIKE 'csv.%') GROUP BY action ORDER BY action`,
    );
    expect(logged).toEqual([{ action: 'person.created', n: 40 }]);
  });

  it('reads an XLSX of the same staff to the same people as the CSV', async () => {
    const rows = staffRows(25, 3, 'xa');
    const asXlsx = rows.map((r) => [r[0]!, r[1]!.replace('xa.', 'xb.'), ...r.slice(2)]);
    await post('/api/admin/people-imports', 'staff.csv', staffCsv(rows));
    const result = peopleImportResultSchema.parse(
      await (await post('/api/admin/people-imports', 'staff.xlsx', await staffXlsx(asXlsx))).json(),
    );
    expect(result).toMatchObject({ created: 25, updated: 0 });
    const [differ] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM people a JOIN people b ON b.email = replace(a.email, 'xa.', 'xb.')
       WHERE a.email LIKE 'xa.%' AND (a.display_name, a.job_title, a.team_id, a.service_id, a.roles)
         = (b.display_name, b.job_title, b.team_id, b.service_id, b.roles)`,
    );
    expect(differ?.n).toBe(25);
  });

  it('asks which sheet of a workbook holds the staff, and reads the one chosen', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Read me').addRow(['This workbook lists our staff on the next sheet']);
    const staff = workbook.addWorksheet('Staff 2026');
    staff.addRow([...STAFF_HEADERS]);
    for (const row of staffRows(3, 8, 'sheet')) staff.addRow(row);
    const content = base64(Buffer.from(await workbook.xlsx.writeBuffer()));
    const asked = await admin.request('/api/admin/people-imports/preview', {
      method: 'POST',
      json: { fileName: 'staff.xlsx', content },
    });
    expect(asked.status).toBe(422);
    expect(await asked.json()).toMatchObject({
      code: 'choose_sheet',
      choices: [
        expect.objectContaining({ value: 'Read me' }),
        expect.objectContaining({ value: 'Staff 2026' }),
      ],
    });
    const preview = peopleImportPreviewSchema.parse(
      await (
        await admin.request('/api/admin/people-imports/preview', {
          method: 'POST',
          json: { fileName: 'staff.xlsx', content, sheet: 'Staff 2026' },
        })
      ).json(),
    );
    expect(preview).toMatchObject({
      sheet: 'Staff 2026',
      sheets: ['Read me', 'Staff 2026'],
      problemCount: 0,
    });
    expect(preview.changes?.created.map((p) => p.email)).toEqual([
      'sheet.1@staff.lantern.invalid',
      'sheet.2@staff.lantern.invalid',
      'sheet.3@staff.lantern.invalid',
    ]);
  });

  it('stores names from a Windows-1252 CSV exactly as Excel shows them', async () => {
    const csv = staffCsv([
      ['Siân O’Brien – Hughes', 'sian.obrien@staff.lantern.invalid', 'Social worker', '', 'Auditor', ''],
    ]);
    const bytes = iconv.encode(csv, 'windows-1252');
    expect(bytes.includes(0x92)).toBe(true);
    const result = peopleImportResultSchema.parse(
      await (await post('/api/admin/people-imports', 'staff.csv', bytes)).json(),
    );
    expect(result.created).toBe(1);
    const [stored] = await t.db.query<{ display_name: string }>(
      "SELECT display_name FROM people WHERE email = 'sian.obrien@staff.lantern.invalid'",
    );
    expect(stored?.display_name).toBe('Siân O’Brien – Hughes');
  });

  it('updates a person already in Lantern by e-mail address, listing the change first', async () => {
    const file = staffCsv([
      ['Dev Raman (demo)', 'Dev.Moderator@demo.lantern.invalid', 'Senior practitioner', '', 'Moderator', ''],
    ]);
    const [before] = await t.db.query<{ id: string; service_id: string | null }>(
      "SELECT id, service_id FROM people WHERE email = 'dev.moderator@demo.lantern.invalid'",
    );
    const preview = peopleImportPreviewSchema.parse(
      await (await post('/api/admin/people-imports/preview', 'dev.csv', file)).json(),
    );
    expect(preview.changes?.created).toEqual([]);
    expect(preview.changes?.updated).toHaveLength(1);
    expect(preview.changes?.updated[0]?.changes).toEqual([
      'Job title: Practice lead → Senior practitioner',
      'Roles: Auditor, Moderator → Moderator',
    ]);
    const result = peopleImportResultSchema.parse(
      await (await post('/api/admin/people-imports', 'dev.csv', file)).json(),
    );
    expect(result).toMatchObject({ created: 0, updated: 1, links: [] });
    const [after] = await t.db.query<{ id: string; roles: string[]; service_id: string | null }>(
      "SELECT id, roles, service_id FROM people WHERE email = 'dev.moderator@demo.lantern.invalid'",
    );
    // The same person, their service kept (the file names no team and has no service column).
    expect(after).toEqual({ id: before?.id, roles: ['moderator'], service_id: before?.service_id });
    const [rolesLogged] = await t.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'person.roles-changed' AND entity_id = $1",
      [before?.id],
    );
    expect(rolesLogged?.n).toBe(1);
  });

  describe('bad input: a clear error naming the row and column, and nothing written', () => {
    const good = (prefix: string) => staffRows(6, 4, prefix);

    it('an e-mail address used twice', async () => {
      const rows = good('dup');
      rows[4]![1] = rows[1]!.at(1)!.toUpperCase();
      const body = await refused('staff.csv', staffCsv(rows));
      expect(body.fields).toEqual([
        {
          path: 'row 6, column B (Email)',
          message:
            'Row 6, column B (Email): dup.2@staff.lantern.invalid is also on row 3: each person may be in the file once.',
        },
      ]);
      expect(await peopleLike('dup')).toBe(0);
    });

    it.each([
      {
        name: 'a team someone manages that is not in Lantern',
        prefix: 'mgr',
        cell: [2, 5],
        value: 'Assessment Team Z',
        path: 'row 4, column F (Manages)',
        words: '"Assessment Team Z" is not a team in Lantern',
      },
      {
        name: 'an unknown role',
        prefix: 'role',
        cell: [3, 4],
        value: 'Auditor; Superuser',
        path: 'row 5, column E (Roles)',
        words: '"Superuser" is not a role in Lantern',
      },
    ] as const)('$name', async ({ prefix, cell: [row, column], value, path, words }) => {
      const rows = good(prefix);
      rows[row]![column] = value;
      const body = await refused('staff.csv', staffCsv(rows));
      expect(body.fields?.map((f) => f.path)).toEqual([path]);
      expect(body.fields?.[0]?.message).toContain(words);
      expect(await peopleLike(prefix)).toBe(0);
    });

    it.each([
      ['a date of birth', 'Date of birth', 'looks like a date of birth'],
      ["a child's name", 'Child name', "looks like a child's name"],
    ])('%s column', async (_what, header, words) => {
      const rows = good('pd').map((r) => [...r, 'x']);
      const body = await refused('staff.csv', staffCsv(rows, [...STAFF_HEADERS, header]));
      expect(body.fields).toEqual([
        { path: 'column-6', message: expect.stringContaining(`Column G ("${header}") ${words}`) },
      ]);
      expect(await peopleLike('pd')).toBe(0);
    });

    it.each([
      ['no bytes at all', '', 'Choose a file.'],
      ['a heading row only', `${STAFF_HEADERS.join(',')}\r\n`, 'heading row'],
    ])('an empty file: %s', async (_what, content, words) => {
      const body = await refused('empty.csv', content);
      expect(JSON.stringify(body)).toContain(words);
    });

    it('a file larger than the 5 MB limit', async () => {
      const response = await post('/api/admin/people-imports', 'huge.csv', Buffer.alloc(6 * 1024 * 1024, 65));
      expect(response.status).toBe(413);
    });

    it('a deactivated person named as a team manager', async () => {
      await t.db.query("UPDATE people SET active = false WHERE email = 'ben.auditor@demo.lantern.invalid'");
      const body = await refused(
        'ben.csv',
        staffCsv([
          ['Ben Hartley', 'ben.auditor@demo.lantern.invalid', '', '', 'Auditor', 'Children in Care'],
        ]),
      );
      expect(body.fields?.map((f) => f.path)).toEqual(['row 2, column F (Manages)']);
      expect(body.fields?.[0]?.message).toContain(
        'is deactivated in Lantern, so they cannot become a team manager',
      );
      const [managing] = await t.db.query<{ n: number }>(
        `SELECT count(*) AS n FROM team_managers m JOIN people p ON p.id = m.person_id
         WHERE p.email = 'ben.auditor@demo.lantern.invalid'`,
      );
      expect(managing?.n).toBe(0);
    });

    it('an import that would leave no active admin', async () => {
      const body = await refused(
        'gus.csv',
        staffCsv([['Gus Admin', ADMIN, 'Systems administrator', '', 'Auditor', '']]),
      );
      expect(body.fields?.[0]?.path).toBe('row 2, column E (Roles)');
      expect(body.fields?.[0]?.message).toContain('without an active admin');
      const [gus] = await t.db.query<{ roles: string[] }>('SELECT roles FROM people WHERE email = $1', [
        ADMIN,
      ]);
      expect(gus?.roles).toEqual(['admin']);
    });
  });

  it('is for admins only', async () => {
    const qa = await t.as(QA_LEAD);
    const response = await post(
      '/api/admin/people-imports',
      'staff.csv',
      staffCsv(staffRows(2, 5, 'qa')),
      qa,
    );
    expect(response.status).toBe(403);
    expect(await peopleLike('qa')).toBe(0);
  });

  it('imports 2,000 people in one go', async () => {
    const result = peopleImportResultSchema.parse(
      await (
        await post('/api/admin/people-imports', 'staff.csv', staffCsv(staffRows(2_000, 6, 'big')))
      ).json(),
    );
    expect(result).toMatchObject({ rowCount: 2_000, created: 2_000 });
    expect(result.links).toHaveLength(2_000);
    expect(await peopleLike('big')).toBe(2_000);
    const [links] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM password_links l JOIN people p ON p.id = l.person_id
       WHERE p.email LIKE 'big.%' AND l.used_at IS NULL AND l.revoked_at IS NULL`,
    );
    expect(links?.n).toBe(2_000);
  });
});

describe.each(ENGINES)('people import with a mail server on $engine', (engine) => {
  let catcher: MailCatcher;
  let mailer: ReturnType<typeof smtpMailer>;
  let t: TestApp;

  beforeAll(async () => {
    catcher = await startMailCatcher((address) => address.startsWith('mail.3@'));
    mailer = smtpMailer(catcher.url, 'Lantern <lantern@test.invalid>');
    t = await createTestApp(engine, { mail: { mailer, publicUrl: 'https://lantern.council.invalid' } });
  }, 180_000);
  afterAll(async () => {
    await t.close();
    mailer.close();
    await catcher.close();
  });

  it('e-mails each new person their link and nothing else; a failed send is listed for the admin', async () => {
    const admin = await t.as(ADMIN);
    const json = { fileName: 'staff.csv', content: base64(staffCsv(staffRows(4, 7, 'mail'))) };
    const preview = peopleImportPreviewSchema.parse(
      await (await admin.request('/api/admin/people-imports/preview', { method: 'POST', json })).json(),
    );
    expect(preview.emailsLinks).toBe(true);
    const result = peopleImportResultSchema.parse(
      await (await admin.request('/api/admin/people-imports', { method: 'POST', json })).json(),
    );
    expect(result.emailed).toBe(3);
    expect(result.links.map((l) => [l.email, l.reason])).toEqual([
      ['mail.3@staff.lantern.invalid', 'email-failed'],
    ]);
    expect(catcher.received.map((m) => m.to).sort()).toEqual([
      'mail.1@staff.lantern.invalid',
      'mail.2@staff.lantern.invalid',
      'mail.4@staff.lantern.invalid',
    ]);
    for (const message of catcher.received) {
      const token = /https:\/\/lantern\.council\.invalid\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(
        message.text,
      )?.[1];
      expect(token).toBeDefined();
      const check = await t.request('/api/auth/set-password/check', { method: 'POST', json: { token } });
      expect(await check.json()).toMatchObject({ email: message.to });
      // The link and nothing else: no role, team or job title.
      expect(message.text).not.toMatch(/Auditor|Moderator|Team|practitioner/);
    }
  });
});
