/**
 * Every import reads files through the one reader, so the same rows saved in each form a
 * council's files arrive in — Windows-1252, UTF-8 with and without a mark, UTF-16, comma,
 * semicolon and tab, a workbook with several sheets — import through the real routes to the
 * very same stored data, equal to the text typed; the person is asked for a sheet or a
 * character set and the import goes through with their answer; and every bad file is refused
 * with a clear error and nothing written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import {
  COMMA_TEAM,
  CSV_FORMS,
  csvBytes,
  csvText,
  sameRows,
  windows1252,
  xlsxBytes,
} from '../../tests/fixtures/tables/same-rows';
import { importResultSchema } from '../../shared/imports/import-schemas';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const MANAGER = 'farah.manager@demo.lantern.invalid';

interface Answer {
  status: number;
  body: {
    code?: string;
    message?: string;
    fields?: { path: string; message: string }[];
    choices?: { value: string }[];
  };
}

describe.each(ENGINES)('file forms through the import routes on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;

  const stored = (prefix: string) =>
    t.db.query<{
      reference: string;
      team: string;
      case_type: string;
      allocated_worker: string;
      plan_type: string;
    }>(
      `SELECT substring(c.reference from position('-' in c.reference)) AS reference, t.name AS team, c.case_type,
              c.allocated_worker, c.plan_type
       FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.reference LIKE $1 ORDER BY c.reference`,
      [`${prefix}-%`],
    );
  const written = async () =>
    (
      await t.db.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_imports) AS n',
      )
    )[0]?.n;

  const send = async (path: string, body: Record<string, unknown>): Promise<Answer> => {
    const response = await qa.request(path, { method: 'POST', json: body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const importFile = (fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
    send('/api/imports', { fileName, content: bytes.toString('base64'), ...extra });

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    // The council's team whose name holds a comma, in the QA lead's service (that of Assessment Team A).
    await t.db.query(
      `INSERT INTO teams (id, service_id, name) SELECT $1, service_id, $2 FROM teams WHERE name = 'Assessment Team A'`,
      [crypto.randomUUID(), COMMA_TEAM],
    );
  });

  it('imports the same rows from every CSV form and the chosen sheet of a workbook to identical stored data, as typed', async () => {
    const forms = [...CSV_FORMS, 'xlsx'] as const;
    const results = [];
    for (const [i, form] of forms.entries()) {
      const prefix = `F${i}`;
      const answer =
        form === 'xlsx'
          ? await importFile('cases.xlsx', await xlsxBytes(sameRows(prefix)), { sheet: 'Cases' })
          : await importFile(`cases-${i}.csv`, csvBytes(form, sameRows(prefix)));
      expect({ form, status: answer.status }).toEqual({ form, status: 200 });
      expect(importResultSchema.parse(answer.body).created).toBe(4);
      results.push(await stored(prefix));
    }
    const expected = sameRows('X').map(([reference, team, caseType, worker, plan]) => ({
      reference: reference?.slice(1),
      team,
      worker,
      plan,
      caseType,
    }));
    for (const rows of results) {
      expect(rows).toEqual(results[0]);
      expect(
        rows.map((r) => ({
          reference: r.reference,
          team: r.team,
          worker: r.allocated_worker,
          plan: r.plan_type,
        })),
      ).toEqual(expected.map(({ caseType: _caseType, ...rest }) => rest));
    }
  });

  it('asks which sheet of a workbook, and imports the one chosen', async () => {
    const bytes = await xlsxBytes(sameRows('SHEET'));
    const before = await written();
    const asked = await send('/api/imports/preview', {
      fileName: 'cases.xlsx',
      content: bytes.toString('base64'),
    });
    expect(asked.status).toBe(422);
    expect(asked.body).toMatchObject({
      code: 'choose_sheet',
      choices: [{ value: 'Read me' }, { value: 'Cases' }],
    });
    expect(await written()).toBe(before);
    const preview = await send('/api/imports/preview', {
      fileName: 'cases.xlsx',
      content: bytes.toString('base64'),
      sheet: 'Cases',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ sheet: 'Cases', sheets: ['Read me', 'Cases'], rowCount: 4 });
  });

  it('asks which character set when the bytes cannot say, and imports with the one chosen', async () => {
    // Valid UTF-8 except for one Windows-1252 ’: the file holds both.
    const utf8 = Buffer.from(
      csvText(
        [
          ['Case reference', 'Team', 'Case type', 'Allocated worker'],
          ['ASK-1', 'Assessment Team A', 'CIN', 'Zoë Brontë'],
        ],
        ',',
      ),
    );
    const bytes = Buffer.concat([utf8, windows1252('ASK-2,Assessment Team A,CIN,Ann O’Hara\r\n')]);
    const asked = await importFile('mixed.csv', bytes);
    expect(asked.status).toBe(422);
    expect(asked.body).toMatchObject({
      code: 'choose_encoding',
      choices: [{ value: 'utf-8' }, { value: 'windows-1252' }],
    });
    expect(await stored('ASK')).toEqual([]);
    // Either answer leaves one line garbled: it is named, and still nothing is stored.
    const chosen = await importFile('mixed.csv', bytes, { encoding: 'utf-8' });
    expect(chosen.status).toBe(400);
    expect(chosen.body.fields).toEqual([
      {
        path: 'Row 3, column D (Allocated worker)',
        message: expect.stringContaining('replacement character'),
      },
    ]);
    const other = await importFile('mixed.csv', bytes, { encoding: 'windows-1252' });
    expect(other.status).toBe(200);
    expect((await stored('ASK')).map((r) => r.allocated_worker)).toEqual(['ZoÃ« BrontÃ«', 'Ann O’Hara']);
  });

  const header = 'Case reference,Team,Case type,Allocated worker\r\n';
  it.each([
    ['an empty file', () => Buffer.alloc(0), 400, /The file is empty/],
    ['only a heading row', () => Buffer.from(header), 400, /heading row and nothing under it/],
    [
      'a 50 MB file',
      () => Buffer.alloc(50 * 1024 * 1024, 'A1,Leaving Care,CIN,Ann\r\n'),
      413,
      /larger than 12 MB/,
    ],
    [
      'a picture, not a table',
      () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      400,
      /not text/,
    ],
    [
      'a Word document',
      () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]),
      400,
      /could not be read as an Excel workbook/,
    ],
    [
      'mangled text (O\\u0092Brien)',
      () => Buffer.from(`${header}BAD-1,Leaving Care,CIN,O\u0092Brien\r\n`),
      400,
      /garbled text/,
    ],
    [
      'mangled text (�5k)',
      () => Buffer.from(`${header}BAD-2,Leaving Care,CIN,\ufffd5k\r\n`),
      400,
      /garbled text/,
    ],
  ])('refuses %s with a clear error, and writes nothing', async (_name, bytes, status, message) => {
    const before = await written();
    const answer = await importFile('cases.csv', bytes());
    expect(answer.status).toBe(status);
    expect([answer.body.message, ...(answer.body.fields ?? []).map((f) => f.message)].join(' ')).toMatch(
      message,
    );
    expect(await written()).toBe(before);
  });

  it('names the row and column of a mangled cell', async () => {
    const answer = await importFile(
      'cases.csv',
      Buffer.from(`${header}BAD-3,Leaving Care,CIN,Ann\r\nBAD-4,Leaving Care,CIN,O\u0092Brien\r\n`),
    );
    expect(answer.body.fields).toEqual([
      { path: 'Row 3, column D (Allocated worker)', message: expect.stringContaining('U+0092') },
    ]);
    expect(await stored('BAD')).toEqual([]);
  });

  describe('the improvement plan import', () => {
    const manager = useSignedIn(t, MANAGER);
    const PLAN = [
      ['Ref', 'Area for improvement', 'Timescale', 'Action no.', 'Action', 'Lead'],
      [
        '1',
        'Children’s plans – “SMART” and costed (£)',
        'Immediately',
        '1.1',
        'Relaunch planning training',
        'Head of Service',
      ],
    ];

    it('reads a Windows-1252 plan saved by Excel with its punctuation intact', async () => {
      const response = await manager.request('/api/plans/import', {
        method: 'POST',
        json: {
          title: 'From Excel on Windows',
          fileName: 'plan.csv',
          content: windows1252(csvText(PLAN, ',')).toString('base64'),
        },
      });
      expect(response.status).toBe(201);
      const plan = (await response.json()) as { areas: { title: string }[] };
      expect(plan.areas[0]?.title).toBe('Children’s plans – “SMART” and costed (£)');
    });

    it('asks which sheet of a plan workbook, and imports the one chosen', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Cover').addRow(['Improvement plan, 2026']);
      workbook.addWorksheet('Plan').addRows(PLAN);
      const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
      const asked = await manager.request('/api/plans/import', {
        method: 'POST',
        json: { title: 'Workbook', fileName: 'plan.xlsx', content },
      });
      expect(asked.status).toBe(422);
      expect(await asked.json()).toMatchObject({
        code: 'choose_sheet',
        choices: [{ value: 'Cover' }, { value: 'Plan' }],
      });
      const chosen = await manager.request('/api/plans/import', {
        method: 'POST',
        json: { title: 'Workbook', fileName: 'plan.xlsx', content, sheet: 'Plan' },
      });
      expect(chosen.status).toBe(201);
    });
  });
});
