/**
 * A monthly performance extract read into a measure's figures: the council's own spreadsheet
 * (CSV or XLSX, read by server/imports/read-table.ts) with a period column and a value column —
 * or, for a share, a numerator and a denominator column. Every row is checked by the same rules
 * as a figure typed by hand (measure-values.ts); a problem names the file's row (the header is
 * row 1) and column. The import is all or nothing: with any problem, nothing is kept.
 *
 * A period cell is a month ("Apr 2025", "April 2025", "2025-04", "04/2025") or a date in it
 * (31/03/2025, 2025-03-31: Excel's dates arrive as YYYY-MM-DD); the figure goes to the measure's
 * period (month, quarter, year) that holds it. A share's value column is a percentage ("47%" or
 * "47"). Thousands separators and spaces in numbers are ignored ("1,204").
 */
import { z } from 'zod';
import { readCaseDate } from '../imports/read-case-date';
import type { MeasureKind } from '../metrics/measure-kind';
import { dayNumberOf } from '../metrics/calendar-date';
import { periodBucketer, type Period, type TimeBucket } from '../metrics/periods';
import type { FieldProblem } from '../errors/app-error';
import { checkFigure, futurePeriodProblem, type EnteredFigure, type FigureField } from './measure-values';

const column = z.string().trim().max(200);
/** Which of the file's columns holds what (header texts, as in the file). */
export const extractMappingSchema = z.object({
  period: column.min(1, 'Choose the column that holds the period'),
  value: column.default(''),
  numerator: column.default(''),
  denominator: column.default(''),
});
export type ExtractMapping = z.infer<typeof extractMappingSchema>;

/** One row of the extract as it will be stored. */
export interface ExtractRow {
  row: number;
  period: Period;
  value: number;
  k: number | null;
  n: number | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The column a header suggests for each part, from the words extracts use. */
export function guessExtractMapping(headers: readonly string[]): ExtractMapping {
  const find = (pattern: RegExp, not?: string[]) =>
    headers.find((h) => pattern.test(normal(h)) && !(not ?? []).includes(h)) ?? '';
  const period = find(/^(period|month|date|quarter|year|reporting (period|month))\b|month|period/);
  const numerator = find(/numerator/);
  const denominator = find(/denominator/);
  const value = find(/./, [period, numerator, denominator].filter(Boolean));
  return { period, value, numerator, denominator };
}

/** A period cell as the first day of its month, or the date it names; null when unreadable. */
export function readPeriodCell(text: string): string | null {
  const t = normal(text);
  const named = /^([a-z]{3,9})[ -](\d{4})$/.exec(t);
  if (named) {
    const month = MONTHS.indexOf((named[1] ?? '').slice(0, 3)) + 1;
    return month > 0 ? `${named[2]}-${String(month).padStart(2, '0')}-01` : null;
  }
  const isoMonth = /^(\d{4})-(\d{1,2})$/.exec(t) ?? null;
  if (isoMonth) return readCaseDate(`${isoMonth[1]}-${isoMonth[2]}-01`);
  const ukMonth = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (ukMonth) return readCaseDate(`${ukMonth[2]}-${ukMonth[1]}-01`);
  return readCaseDate(t);
}

function readNumber(text: string, percent: boolean): number | undefined | null {
  const t = text.trim().replace(/[\s,]/g, '');
  if (t === '') return undefined;
  const match = percent ? /^(-?\d+(?:\.\d+)?)%?$/.exec(t) : /^(-?\d+(?:\.\d+)?)$/.exec(t);
  if (!match) return null;
  return percent ? Number(match[1]) / 100 : Number(match[1]);
}

/**
 * @param table the header row then the data rows, as text cells.
 * @param currentPeriodStart the first day of the period holding today (London): later periods are refused.
 * @returns the rows to store, or the problems, each naming its row and column.
 */
export function readMeasureExtract(
  table: readonly (readonly string[])[],
  mapping: ExtractMapping,
  kind: MeasureKind,
  bucket: Exclude<TimeBucket, 'practice-week'>,
  currentPeriodStart: string,
): { ok: true; rows: ExtractRow[] } | { ok: false; problems: FieldProblem[] } {
  const [headers = [], ...data] = table;
  const problems: FieldProblem[] = [];
  const indexOf = (name: string) => (name === '' ? -1 : headers.findIndex((h) => normal(h) === normal(name)));
  const byCount = kind === 'share' && (mapping.numerator !== '' || mapping.denominator !== '');
  const wanted: [keyof ExtractMapping, string][] = byCount
    ? [
        ['period', 'the period'],
        ['numerator', 'the numerator'],
        ['denominator', 'the denominator'],
      ]
    : [
        ['period', 'the period'],
        ['value', 'the value'],
      ];
  for (const [part, words] of wanted) {
    if (indexOf(mapping[part]) < 0)
      problems.push({
        path: `mapping.${part}`,
        message:
          mapping[part] === ''
            ? `Choose the column that holds ${words}`
            : `The file has no column “${mapping[part]}” (for ${words})`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };

  const bucketer = periodBucketer(bucket);
  const cell = (cells: readonly string[], part: keyof ExtractMapping) => cells[indexOf(mapping[part])] ?? '';
  const rows: ExtractRow[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const at = (part: keyof ExtractMapping) => `Row ${row}, column “${mapping[part]}”`;
    const periodText = cell(cells, 'period');
    const date = readPeriodCell(periodText);
    if (!date) {
      problems.push({
        path: at('period'),
        message:
          periodText.trim() === ''
            ? 'The period is empty'
            : `“${periodText}” is not a month or a date (write it as Apr 2025 or 30/04/2025)`,
      });
      return;
    }
    const period = bucketer.period(bucketer.keyOfDay(dayNumberOf(date)));
    const future = futurePeriodProblem(period.startDate, currentPeriodStart, period.label);
    if (future) problems.push({ path: at('period'), message: future });
    const earlier = seen.get(period.id);
    if (earlier !== undefined)
      problems.push({ path: at('period'), message: `${period.label} is also on row ${earlier}` });
    seen.set(period.id, row);

    const entered: EnteredFigure = {};
    const fieldColumn: Record<FigureField, keyof ExtractMapping> = byCount
      ? { value: 'value', k: 'numerator', n: 'denominator' }
      : { value: 'value', k: 'value', n: 'value' };
    const parts: [keyof EnteredFigure, keyof ExtractMapping][] = byCount
      ? [
          ['k', 'numerator'],
          ['n', 'denominator'],
        ]
      : [['value', 'value']];
    let unreadable = false;
    for (const [field, part] of parts) {
      const text = cell(cells, part);
      const number = readNumber(text, kind === 'share' && !byCount);
      if (number === null) {
        problems.push({ path: at(part), message: `“${text}” is not a number` });
        unreadable = true;
      } else if (number === undefined) {
        problems.push({ path: at(part), message: 'The figure is empty' });
        unreadable = true;
      } else entered[field] = number;
    }
    if (unreadable) return;
    const checked = checkFigure(kind, entered);
    if (!checked.ok) {
      for (const p of checked.problems) problems.push({ path: at(fieldColumn[p.field]), message: p.message });
      return;
    }
    rows.push({ row, period, ...checked.figure });
  });
  if (problems.length === 0 && rows.length === 0)
    problems.push({ path: 'Row 2', message: 'The file has no figures below its header row' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
