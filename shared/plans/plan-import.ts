/**
 * Turns the rows of an existing plan (a spreadsheet, or a Word table saved as CSV) into areas
 * and actions, or into a list of problems that each name the row and the column, so a council
 * can fix the file and try again. Nothing is imported while any problem remains.
 *
 * What it understands, because that is how councils keep these tables:
 * - a header row, in any column order, with the usual names ("Ref", "Recommendation",
 *   "Area for improvement", "Action no.", "Lead", "By when", "RAG status", "Progress"…);
 * - merged cells: an area's reference, title, theme and timescale written only on its first
 *   row, the rows below it blank in those columns, belong to the same area;
 * - timescales as "Immediately", "Within 3 months", "Within 6 months" or a date; dates as
 *   YYYY-MM-DD or DD/MM/YYYY (a spreadsheet's own date cells arrive as YYYY-MM-DD);
 * - RAG as Red, Amber, Green, Blue (or R, A, G, B; "Complete" or "Completed" for Blue).
 */
import { isCalendarDate } from '../metrics/calendar-date';
import type { FieldProblem } from '../errors/app-error';
import type { ManagerRag, Timescale } from './plan-vocabulary';

export interface ImportedAction {
  number: string;
  description: string;
  owner: string;
  targetDate: string | null;
  rag: ManagerRag | null;
  progress: string;
  /** The spreadsheet row it came from (1 is the header). */
  row: number;
}

export interface ImportedArea {
  reference: string;
  title: string;
  theme: string;
  source: string;
  timescale: Timescale;
  timescaleDate: string | null;
  actions: ImportedAction[];
}

export type ImportResult = { ok: true; areas: ImportedArea[] } | { ok: false; problems: FieldProblem[] };

type Column =
  | 'reference'
  | 'title'
  | 'theme'
  | 'source'
  | 'timescale'
  | 'number'
  | 'description'
  | 'owner'
  | 'targetDate'
  | 'rag'
  | 'progress';

/** Header words for each column, compared without case, punctuation or spacing. */
const HEADERS: Record<Column, string[]> = {
  reference: [
    'ref',
    'reference',
    'area ref',
    'area reference',
    'area no',
    'area number',
    'recommendation no',
    'recommendation number',
    'recommendation ref',
  ],
  title: [
    'area for improvement',
    'areas for improvement',
    'area',
    'recommendation',
    'recommendations',
    'area title',
    'finding',
  ],
  theme: ['theme', 'priority', 'strand'],
  source: ['source', 'from'],
  timescale: ['timescale', 'timescales', 'timeframe'],
  number: ['action no', 'action number', 'action ref', 'no', 'number'],
  description: ['action', 'actions', 'action description', 'what we will do'],
  owner: ['owner', 'lead', 'responsible', 'lead officer', 'who'],
  targetDate: ['target date', 'by when', 'deadline', 'due', 'due date', 'completion date'],
  rag: ['rag', 'rag status', 'rag rating', 'status'],
  progress: ['progress', 'progress update', 'progress notes', 'update', 'comments'],
};
const REQUIRED: Column[] = ['reference', 'title', 'number', 'description'];
const LABEL: Record<Column, string> = {
  reference: 'Ref',
  title: 'Area for improvement',
  theme: 'Theme',
  source: 'Source',
  timescale: 'Timescale',
  number: 'Action no.',
  description: 'Action',
  owner: 'Owner',
  targetDate: 'Target date',
  rag: 'RAG',
  progress: 'Progress',
};

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A date written YYYY-MM-DD or DD/MM/YYYY (or D/M/YY as 20YY), as YYYY-MM-DD; null when it is not one. */
export function importDate(text: string): string | null {
  const t = text.trim();
  if (isCalendarDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (!m) return null;
  const year = m[3]?.length === 2 ? `20${m[3]}` : (m[3] ?? '');
  const iso = `${year}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

function importTimescale(text: string): { timescale: Timescale; date: string | null } | null {
  const t = normalise(text);
  if (t === '' || t === 'immediately' || t === 'immediate') return { timescale: 'immediately', date: null };
  if (/^within (3|three) months?$/.test(t)) return { timescale: 'within-3-months', date: null };
  if (/^within (6|six) months?$/.test(t)) return { timescale: 'within-6-months', date: null };
  const date = importDate(text);
  return date ? { timescale: 'by-date', date } : null;
}

function importRag(text: string): ManagerRag | null | undefined {
  const t = normalise(text);
  if (t === '') return null;
  if (t === 'r' || t === 'red') return 'red';
  if (t === 'a' || t === 'amber') return 'amber';
  if (t === 'g' || t === 'green') return 'green';
  if (t === 'b' || t === 'blue' || t === 'complete' || t === 'completed') return 'blue';
  return undefined;
}

/** Most actions one import may hold: a plan, not a database. */
export const MAX_IMPORT_ROWS = 2000;

/**
 * @example importPlanRows([['Ref', 'Area for improvement', 'Action no.', 'Action'], ['A', 'Plans', 'A1', 'Audit plans']])
 * // { ok: true, areas: [{ reference: 'A', title: 'Plans', …, actions: [{ number: 'A1', … }] }] }
 */
export function importPlanRows(rows: readonly (readonly string[])[]): ImportResult {
  const problems: FieldProblem[] = [];
  const problem = (row: number, column: Column | null, message: string) =>
    problems.push({ path: column ? `Row ${row}, column “${LABEL[column]}”` : `Row ${row}`, message });

  const header = rows[0] ?? [];
  const index = new Map<Column, number>();
  header.forEach((cell, i) => {
    const name = normalise(cell);
    for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
      if (!index.has(column) && names.includes(name)) {
        index.set(column, i);
        break;
      }
    }
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [
        {
          path: 'Row 1',
          message: `The header row needs columns for ${missing.map((c) => `“${LABEL[c]}”`).join(', ')}. It has: ${header.filter((h) => h.trim()).join(', ') || 'nothing'}.`,
        },
      ],
    };
  }
  if (rows.length - 1 > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      problems: [
        {
          path: `Row ${MAX_IMPORT_ROWS + 2}`,
          message: `A plan can hold at most ${MAX_IMPORT_ROWS} actions.`,
        },
      ],
    };
  }

  const areas: ImportedArea[] = [];
  const numbers = new Map<string, number>();
  let current: ImportedArea | null = null;
  rows.slice(1).forEach((cells, i) => {
    const rowNumber = i + 2;
    const cell = (c: Column): string => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) return;
    const reference = cell('reference');
    if (reference && reference !== current?.reference) {
      if (areas.some((a) => a.reference === reference)) {
        problem(
          rowNumber,
          'reference',
          `Area “${reference}” appears again after other areas; keep its rows together.`,
        );
      }
      const title = cell('title');
      if (!title) problem(rowNumber, 'title', `Area “${reference}” needs its title on its first row.`);
      const timescale = importTimescale(cell('timescale'));
      if (!timescale)
        problem(
          rowNumber,
          'timescale',
          `“${cell('timescale')}” is not a timescale. Use Immediately, Within 3 months, Within 6 months or a date such as 31/03/2020.`,
        );
      current = {
        reference,
        title,
        theme: cell('theme'),
        source: cell('source'),
        timescale: timescale?.timescale ?? 'immediately',
        timescaleDate: timescale?.date ?? null,
        actions: [],
      };
      areas.push(current);
    } else if (!current) {
      problem(rowNumber, 'reference', 'The first action has no area reference above it.');
      return;
    }
    const number = cell('number');
    const description = cell('description');
    if (!number) problem(rowNumber, 'number', 'Enter the action number, such as 1.4 or A1.');
    else if (numbers.has(number))
      problem(
        rowNumber,
        'number',
        `Action “${number}” is also on row ${numbers.get(number)}; each action needs its own number.`,
      );
    else numbers.set(number, rowNumber);
    if (!description) problem(rowNumber, 'description', 'Describe the action.');
    const rawDate = cell('targetDate');
    const targetDate = rawDate ? importDate(rawDate) : null;
    if (rawDate && !targetDate)
      problem(rowNumber, 'targetDate', `“${rawDate}” is not a date. Write it as 31/03/2020 or 2020-03-31.`);
    const rag = importRag(cell('rag'));
    if (rag === undefined)
      problem(rowNumber, 'rag', `“${cell('rag')}” is not a RAG rating. Use Red, Amber, Green or Blue.`);
    (current as ImportedArea).actions.push({
      number,
      description,
      owner: cell('owner'),
      targetDate,
      rag: rag ?? null,
      progress: cell('progress'),
      row: rowNumber,
    });
  });
  if (areas.length === 0 && problems.length === 0)
    problems.push({ path: 'Row 2', message: 'The file has no actions below its header row.' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, areas };
}
