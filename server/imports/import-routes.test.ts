/**
 * The case-list import over HTTP, on each engine: a preview names every bad row by row and
 * column, and lists a team or case type Lantern does not know once, for a decision; a file with
 * errors imports nothing; the corrected file imports; the same file again changes nothing; XLSX
 * and CSV of the same list give the same result; a column that looks like a child's name or
 * date of birth is refused; and only a QA lead may import. (Deciding about unknown names:
 * import-names.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  base64,
  caseListRows,
  HEADERS,
  toCsv,
  toXlsx,
  withThreeBadRows,
} from '../../tests/fixtures/case-lists/case-list';
import { importPreviewSchema, importResultSchema } from '../../shared/imports/import-schemas';
import { createFlag } from '../admin/case-labels-store';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';

describe.each(ENGINES)('case-list import on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  const caseCount = async (prefix: string): Promise<number> =>
    Number(
      (
        await t.db.query<{ n: number }>('SELECT count(*) AS n FROM cases WHERE reference LIKE $1', [
          `${prefix}-%`,
        ])
      )[0]?.n,
    );

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    // The fixture's flags, as the council keeps them (the demo may have them already).
    for (const label of ['Exploitation', 'Missing']) {
      const [known] = await t.db.query('SELECT key FROM case_flags WHERE lower(label) = lower($1)', [label]);
      if (!known) await createFlag(t.db, label);
    }
  });

  const post = (path: string, fileName: string, content: string | Buffer, mapping?: unknown) =>
    qa.request(path, {
      method: 'POST',
      json: { fileName, content: base64(content), ...(mapping ? { mapping } : {}) },
    });

  it('previews a 500-row list with a bad row and two unknown names: each named by row and column, nothing imported', async () => {
    const csv = toCsv(withThreeBadRows(caseListRows(500, 1, 'BAD')));
    const preview = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.csv', csv)).json(),
    );
    expect(preview.mapping).toEqual({
      reference: 0,
      team: 1,
      caseType: 2,
      allocatedWorker: 3,
      workerEmail: null,
      planType: 4,
      flags: 5,
      closed: 6,
      openedOn: null,
    });
    expect(preview.rowCount).toBe(500);
    expect(preview.problems.map((p) => [p.row, p.column])).toEqual([[432, 'A (Case reference)']]);
    expect(preview.names.map((n) => [n.kind, n.source, n.firstRow, n.column, n.rows, n.status])).toEqual([
      ['team', 'Assesment Team Z', 13, 'B (Team)', 1, 'unknown'],
      ['case_type', 'Early help', 251, 'C (Case type)', 1, 'unknown'],
    ]);
    expect(preview.changes).toBeNull();

    const response = await post('/api/imports', 'cases.csv', csv);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; fields: { path: string; message: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.fields.map((f) => f.path)).toEqual([
      'row 13, column B (Team)',
      'row 251, column C (Case type)',
      'row 432, column A (Case reference)',
    ]);
    expect(body.fields[0]?.message).toContain(
      'Row 13, column B (Team): "Assesment Team Z" is not a team in Lantern',
    );
    expect(await caseCount('BAD')).toBe(0);
  });

  it('imports the corrected list, and importing it again changes nothing', async () => {
    const csv = toCsv(caseListRows(500, 1, 'GOOD'));
    const preview = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.csv', csv)).json(),
    );
    expect(preview.changes).toEqual({ created: 500, updated: 0, unchanged: 0 });
    const first = importResultSchema.parse(await (await post('/api/imports', 'cases.csv', csv)).json());
    expect(first).toMatchObject({ rowCount: 500, created: 500, updated: 0, unchanged: 0 });
    expect(await caseCount('GOOD')).toBe(500);
    const before = await t.db.query(
      'SELECT reference, updated_at FROM cases WHERE reference LIKE $1 ORDER BY reference',
      ['GOOD-%'],
    );

    const again = importResultSchema.parse(await (await post('/api/imports', 'cases.csv', csv)).json());
    expect(again).toEqual({
      importId: null,
      rowCount: 500,
      created: 0,
      updated: 0,
      unchanged: 500,
      createdNames: [],
      remembered: 0,
    });
    expect(
      await t.db.query('SELECT reference, updated_at FROM cases WHERE reference LIKE $1 ORDER BY reference', [
        'GOOD-%',
      ]),
    ).toEqual(before);
    const logged = await t.db.query(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'case-list.imported'",
    );
    expect(logged[0]).toEqual({ n: 2 });
  });

  it('updates only what changed, by case reference, and keeps fields the file has no column for', async () => {
    const rows = caseListRows(20, 3, 'UPD');
    await post('/api/imports', 'a.csv', toCsv(rows));
    const changed = rows.map((row) => [...row]);
    changed[4]![1] = 'Children in Care';
    const withoutWorker = changed.map((row) => [row[0]!, row[1]!, row[2]!]);
    const result = importResultSchema.parse(
      await (
        await post('/api/imports', 'b.csv', toCsv(withoutWorker, ['Case reference', 'Team', 'Case type']))
      ).json(),
    );
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 19 });
    const [row] = await t.db.query<{ team: string; allocated_worker: string }>(
      'SELECT t.name AS team, c.allocated_worker FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.reference = $1',
      [rows[4]![0]],
    );
    expect(row).toEqual({ team: 'Children in Care', allocated_worker: rows[4]![3] });
  });

  it('gives the same preview and the same import from XLSX as from CSV', async () => {
    const rows = caseListRows(300, 9, 'XL');
    const fromCsv = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.csv', toCsv(rows))).json(),
    );
    const fromXlsx = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.xlsx', await toXlsx(rows))).json(),
    );
    expect(fromXlsx.format).toBe('xlsx');
    expect(fromXlsx).toMatchObject({ sheet: 'Cases', sheets: ['Cases'], encoding: null });
    expect(fromCsv).toMatchObject({ sheet: null, sheets: [], encoding: 'utf-8' });
    const asRead = { format: 'csv', fileName: '', sheet: null, sheets: [], encoding: null };
    expect({ ...fromXlsx, ...asRead }).toEqual({ ...fromCsv, ...asRead });
    const imported = importResultSchema.parse(
      await (await post('/api/imports', 'cases.xlsx', await toXlsx(rows))).json(),
    );
    expect(imported.created).toBe(300);
    const again = importResultSchema.parse(
      await (await post('/api/imports', 'cases.csv', toCsv(rows))).json(),
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 300 });
  });

  it('reports bad rows of an XLSX file at the row numbers Excel shows', async () => {
    const rows = withThreeBadRows(caseListRows(500, 1, 'XBAD'));
    const preview = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.xlsx', await toXlsx(rows))).json(),
    );
    expect(preview.problems.map((p) => p.row)).toEqual([432]);
    expect(preview.names.map((n) => n.firstRow)).toEqual([13, 251]);
  });

  it("refuses a file with a column that looks like a child's name or date of birth, mapped or not", async () => {
    const csv = toCsv(
      caseListRows(3, 1, 'PD').map((row) => [...row, 'A. Child', '01/02/2015']),
      [...HEADERS, "Child's name", 'DOB'],
    );
    const preview = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'cases.csv', csv)).json(),
    );
    expect(preview.fileProblems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Column H \("Child's name"\) looks like a child's name\./),
      expect.stringMatching(/^Column I \("DOB"\) looks like a date of birth\./),
    ]);
    const response = await post('/api/imports', 'cases.csv', csv);
    expect(response.status).toBe(400);
    expect(await caseCount('PD')).toBe(0);
  });

  it('takes a mapping the QA lead chose instead of the proposed one', async () => {
    const headers = ['Ref', 'Unit', 'Kind'];
    const rows = caseListRows(5, 2, 'MAP').map((row) => [row[0]!, row[1]!, row[2]!]);
    const proposed = importPreviewSchema.parse(
      await (await post('/api/imports/preview', 'm.csv', toCsv(rows, headers))).json(),
    );
    expect(proposed.fileProblems.map((p) => p.path)).toEqual(['team', 'caseType']);
    const mapping = {
      reference: 0,
      team: 1,
      caseType: 2,
      allocatedWorker: null,
      workerEmail: null,
      planType: null,
      flags: null,
      closed: null,
    };
    const result = importResultSchema.parse(
      await (await post('/api/imports', 'm.csv', toCsv(rows, headers), mapping)).json(),
    );
    expect(result.created).toBe(5);
  });

  it('reads semicolon-separated Windows-1252 CSV as older Excel writes it', async () => {
    const text =
      'Case reference;Team;Case type;Allocated worker\r\nW1252-1;Children in Care;Care leaver;Zoë Brontë\r\n';
    const bytes = Buffer.from(text.replace('ë', '\u00eb'), 'latin1');
    const result = importResultSchema.parse(await (await post('/api/imports', 'w.csv', bytes)).json());
    expect(result.created).toBe(1);
    const [row] = await t.db.query<{ allocated_worker: string }>(
      "SELECT allocated_worker FROM cases WHERE reference = 'W1252-1'",
    );
    expect(row?.allocated_worker).toBe('Zoë Brontë');
  });

  it('lets only a QA lead import', async () => {
    const auditor = await t.as('amara.auditor@demo.lantern.invalid');
    const response = await auditor.request('/api/imports/preview', {
      method: 'POST',
      json: { fileName: 'x.csv', content: base64(toCsv(caseListRows(1))) },
    });
    expect(response.status).toBe(403);
  });
});
