/**
 * Measures that are not a share of audits, on each engine: a manager adds a count
 * where lower is better (its tolerance defaulting in its own units), enters figures by hand with
 * each field checked (a whole number, not a future period), keeps a share as numerator and
 * denominator with its 95% interval, and imports a monthly performance extract — a Windows-1252
 * CSV with a £ in a header, and an XLSX — previewed first, all rows or none, a bad row named by
 * row and column. The board report carries the kind, the direction and the unit.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { usePlanWithAction } from '../../tests/support/plan-with-action';
import type { ActionDetailView, BoardReportView, MeasureView } from '../../shared/plans/plan-views';
import { wilsonInterval } from '../../shared/metrics/wilson-interval';

const MANAGER = 'farah.manager@demo.lantern.invalid';
// Children waiting more than 20 working days for an assessment: 30 in January 2026, 10 by December 2026.
const WAITING = {
  baseline: { date: '2026-01-31', value: 30 },
  milestones: [{ date: '2026-12-31', target: 10 }],
};

/** A monthly performance extract as Excel on Windows saves it: Windows-1252, with a £ in a header. */
function windows1252Csv(lines: string[]): string {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1').toString('base64');
}

describe.each(ENGINES)('count, rate and numerator/denominator measures on $engine', (engine) => {
  const t = useTestApp(engine);
  const plan = usePlanWithAction(t, MANAGER, {
    area: { reference: 'D', title: 'Timely assessments', timescale: 'within-6-months' },
    action: { number: 'D1', description: 'Clear the assessment backlog' },
  });

  const addManualMeasure = (fields: object) =>
    plan.addMeasure({ title: `Measure ${randomUUID()}`, source: 'manual', bucket: 'month', ...fields });
  const enter = (measureId: string, body: object) =>
    plan.manager.request(`/api/plans/${plan.id}/measures/${measureId}/values`, { method: 'PUT', json: body });
  const importExtract = (measureId: string, body: object) =>
    plan.manager.request(`/api/plans/${plan.id}/measures/${measureId}/values/import`, {
      method: 'POST',
      json: body,
    });
  const storedValues = async (measureId: string) =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM plan_measure_values WHERE measure_id = $1',
        [measureId],
      )
    )[0]?.n;
  const pointOf = (measure: MeasureView, periodId: string) =>
    measure.points.find((p) => p.periodId === periodId);

  it('adds a lower-is-better count with its unit and a tolerance in its own units by default', async () => {
    const measure = await addManualMeasure({
      kind: 'count',
      direction: 'lower',
      unit: 'children',
      trajectory: WAITING,
    });
    expect(measure).toMatchObject({ kind: 'count', direction: 'lower', unit: 'children', tolerance: 2 });
  });

  it('refuses a count’s trajectory given for a share, naming the field', async () => {
    const response = await plan.manager.request(`/api/plans/${plan.id}/actions/${plan.actionId}/measures`, {
      method: 'POST',
      json: {
        title: 'Share in counts',
        source: 'manual',
        bucket: 'month',
        kind: 'share',
        trajectory: WAITING,
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('trajectory');
  });

  it.each([
    { name: 'a count that is not whole', body: { date: '2026-06-15', value: 12.5 }, path: 'value' },
    { name: 'a period after the current one', body: { date: '2099-06-15', value: 12 }, path: 'date' },
    { name: 'a count with a numerator', body: { date: '2026-06-15', value: 12, k: 3, n: 4 }, path: 'k' },
  ])('refuses $name by hand, naming the field, and keeps nothing', async ({ body, path }) => {
    const measure = await addManualMeasure({
      kind: 'count',
      direction: 'lower',
      unit: 'children',
      trajectory: WAITING,
    });
    const response = await enter(measure.id, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { fields: { path: string }[] };
    expect(answer.fields.map((f) => f.path)).toContain(path);
    expect(await storedValues(measure.id)).toBe(0);
  });

  it('judges a count entered by hand with the lower-is-better rules', async () => {
    const measure = await addManualMeasure({
      kind: 'count',
      direction: 'lower',
      unit: 'children',
      trajectory: WAITING,
      tolerance: 3,
    });
    // On 30 June 2026 the line is 30 − 20 × 150/334 = 21.02: 20 is under it (Green), 23 within 3 (Amber), 25 above (Red).
    for (const [date, value] of [
      ['2026-04-10', 20],
      ['2026-05-10', 23],
      ['2026-06-10', 25],
      ['2026-07-10', 9],
    ] as const) {
      const response = await enter(measure.id, { date, value, note: 'Performance report' });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const detail = (await (
      await plan.manager.request(`/api/plans/${plan.id}/actions/${plan.actionId}`)
    ).json()) as ActionDetailView;
    const shown = detail.measures.find((m) => m.id === measure.id);
    if (!shown) throw new Error('measure not shown');
    expect(pointOf(shown, '2026-04')).toMatchObject({ fraction: 20, rag: 'green', rule: 4, lower: null });
    expect(pointOf(shown, '2026-05')).toMatchObject({ fraction: 23, rag: 'amber', rule: 5 });
    expect(pointOf(shown, '2026-06')).toMatchObject({
      fraction: 25,
      rag: 'red',
      rule: 7,
      ruleWords: 'short of the trajectory by more than the tolerance',
    });
    expect(pointOf(shown, '2026-07')).toMatchObject({
      fraction: 9,
      rag: 'blue',
      ruleWords: 'at or below the final target',
    });
  });

  it('refuses to change what a measure counts once figures are kept, naming the field, and changes nothing', async () => {
    const fields = { kind: 'count', direction: 'lower', unit: 'children', trajectory: WAITING };
    const measure = await addManualMeasure(fields);
    const edit = (changes: object) =>
      plan.manager.request(`/api/plans/${plan.id}/measures/${measure.id}`, {
        method: 'PUT',
        json: { title: measure.title, source: 'manual', bucket: 'month', ...fields, ...changes },
      });
    expect((await edit({ unit: 'young people' })).status).toBe(200); // before any figure: free to change
    expect((await enter(measure.id, { date: '2026-06-15', value: 12 })).status).toBe(200);
    for (const [changes, path] of [
      [{ kind: 'rate', unit: 'per 100 referrals' }, 'kind'],
      [{ bucket: 'quarter' }, 'bucket'],
    ] as const) {
      const response = await edit(changes);
      expect(response.status).toBe(409);
      const answer = (await response.json()) as { fields: { path: string }[]; message: string };
      expect(answer.fields.map((f) => f.path)).toEqual([path]);
      expect(answer.message).toContain('1 figure entered');
    }
    const [row] = await t.db.query<{ kind: string; bucket: string }>(
      'SELECT kind, bucket FROM plan_measures WHERE id = $1',
      [measure.id],
    );
    expect(row).toEqual({ kind: 'count', bucket: 'month' });
    expect((await edit({ title: 'Children waiting for an assessment' })).status).toBe(200);
  });

  it('shows a share kept as numerator and denominator with its 95% interval', async () => {
    const measure = await addManualMeasure({
      kind: 'share',
      trajectory: {
        baseline: { date: '2026-01-31', value: 0.35 },
        milestones: [{ date: '2026-12-31', target: 0.85 }],
      },
    });
    const refused = await enter(measure.id, { date: '2026-05-10', value: 0.5, k: 31, n: 30 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('k');
    const response = await enter(measure.id, { date: '2026-05-10', value: 14 / 30, k: 14, n: 30 });
    const detail = (await response.json()) as ActionDetailView;
    const point = pointOf(detail.measures.find((m) => m.id === measure.id) as MeasureView, '2026-05');
    const interval = wilsonInterval(14, 30);
    expect(point).toMatchObject({ k: 14, n: 30, lower: interval?.lower, upper: interval?.upper });
  });

  it('previews a Windows-1252 extract without keeping it, then imports every row', async () => {
    const measure = await addManualMeasure({
      kind: 'count',
      direction: 'higher',
      unit: 'contacts',
      trajectory: WAITING,
    });
    const content = windows1252Csv([
      'Reporting month,Contacts to MASH,Cost (£)',
      'Apr 2026,"1,204",12',
      'May 2026,1187,11',
      '30/06/2026,1250,13',
    ]);
    const preview = await importExtract(measure.id, { fileName: 'mash-extract.csv', content });
    expect(preview.status).toBe(200);
    const seen = (await preview.json()) as {
      applied: boolean;
      mapping: object;
      rows: object[];
      problems: object[];
    };
    expect(seen).toMatchObject({
      applied: false,
      mapping: { period: 'Reporting month', value: 'Contacts to MASH' },
      problems: [],
    });
    expect(seen.rows).toEqual([
      expect.objectContaining({ row: 2, periodId: '2026-04', value: 1204 }),
      expect.objectContaining({ row: 3, periodId: '2026-05', value: 1187 }),
      expect.objectContaining({ row: 4, periodId: '2026-06', value: 1250 }),
    ]);
    expect(await storedValues(measure.id)).toBe(0);
    const applied = await importExtract(measure.id, { fileName: 'mash-extract.csv', content, apply: true });
    expect(applied.status).toBe(200);
    expect(await storedValues(measure.id)).toBe(3);
  });

  it('names the bad row and column, and imports nothing, when one row is wrong', async () => {
    const measure = await addManualMeasure({
      kind: 'count',
      direction: 'higher',
      unit: 'contacts',
      trajectory: WAITING,
    });
    const content = windows1252Csv(['Month,Contacts', 'Apr 2026,1204', 'May 2026,twelve', 'Jun 2026,1250.5']);
    const preview = (await (
      await importExtract(measure.id, { fileName: 'extract.csv', content })
    ).json()) as {
      problems: { path: string; message: string }[];
    };
    expect(preview.problems).toEqual([
      { path: 'Row 3, column “Contacts”', message: '“twelve” is not a number' },
      { path: 'Row 4, column “Contacts”', message: 'Enter the count as a whole number from 0' },
    ]);
    const refused = await importExtract(measure.id, { fileName: 'extract.csv', content, apply: true });
    expect(refused.status).toBe(400);
    expect(await storedValues(measure.id)).toBe(0);
  });

  it('imports an XLSX extract of numerators and denominators', async () => {
    const measure = await addManualMeasure({
      kind: 'share',
      direction: 'lower',
      trajectory: {
        baseline: { date: '2026-01-31', value: 0.3 },
        milestones: [{ date: '2026-12-31', target: 0.2 }],
      },
    });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Re-referrals');
    sheet.addRow(['Month', 'Re-referrals (numerator)', 'Referrals (denominator)']);
    sheet.addRow([new Date(Date.UTC(2026, 3, 30)), 14, 60]);
    sheet.addRow([new Date(Date.UTC(2026, 4, 31)), 12, 58]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const response = await importExtract(measure.id, { fileName: 'rereferrals.xlsx', content, apply: true });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const shown = (JSON.parse(text) as { action: ActionDetailView }).action.measures.find(
      (m) => m.id === measure.id,
    );
    expect(pointOf(shown as MeasureView, '2026-04')).toMatchObject({ k: 14, n: 60 });
    expect(pointOf(shown as MeasureView, '2026-05')?.lower).toBeCloseTo(
      wilsonInterval(12, 58)?.lower ?? 0,
      9,
    );
  });

  it('carries the kind, direction and unit into the board report', async () => {
    const report = (await (
      await plan.manager.request(`/api/plans/${plan.id}/report?asOf=2026-08-15`)
    ).json()) as BoardReportView;
    expect(
      report.measures.some((m) => m.kind === 'count' && m.direction === 'lower' && m.unit === 'children'),
    ).toBe(true);
  });

  it('writes counts into the board report’s XLSX in their own unit, with kind, direction and the rule', async () => {
    const response = await plan.manager.request(`/api/plans/${plan.id}/export?asOf=2026-08-15`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Measures');
    const headers = (sheet?.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => headers.indexOf(name);
    const rows: ExcelJS.Row[] = [];
    sheet?.eachRow((row, number) => {
      if (
        number > 1 &&
        row.getCell(column('Unit')).text === 'children' &&
        row.getCell(column('Value')).text === '25'
      )
        rows.push(row);
    });
    const row = rows[0];
    if (!row) throw new Error('no row for the count of 25 children');
    expect(row.getCell(column('Kind')).text).toBe('a count per period');
    expect(row.getCell(column('Better')).text).toBe('lower is better');
    expect(row.getCell(column('RAG')).text).toBe('Red');
    expect(row.getCell(column('Why')).text).toBe('short of the trajectory by more than the tolerance');
    expect(row.getCell(column('Value')).numFmt).toBe('#,##0');
  });
});
