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
 * - RAG as Red, Amber, Green, Blue (or R, A, G, B; "Complete" or "Completed" for Blue);
 * - timescales (an area's, or an action's in its target date cell) "Ongoing", and recurring:
 *   "Quarterly from April 2027", "Monthly from 01/2027", "Every quarter from Apr 2027",
 *   "Annually from April 2027";
 * - an "Outcomes" column (what will be different for children), one statement a line;
 * - an action that answers several areas: its reference cell "A1 & A2" or "A1, A2" (the
 *   first is its own area).
 */
import { isCalendarDate } from '../metrics/calendar-date';
import type { FieldProblem } from '../errors/app-error';
import type { ManagerRag, Recurrence, Timescale } from './plan-vocabulary';
import type { AreaSettings } from './plan-views';

export interface ImportedAction {
  number: string;
  description: string;
  owner: string;
  targetDate: string | null;
  /** null: due by its target date. */
  timescale: 'ongoing' | 'recurring' | null;
  recurrence: Recurrence | null;
  recurrenceStart: string | null;
  /** The other areas it answers, by reference. */
  alsoAnswers: string[];
  rag: ManagerRag | null;
  progress: string;
  /** The spreadsheet row it came from (1 is the header). */
  row: number;
}

export interface ImportedArea extends AreaSettings {
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
  | 'progress'
  | 'outcomes';

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
  outcomes: ['outcomes', 'outcome', 'outcome statements', 'what will be different for children'],
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
  outcomes: 'Outcomes',
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FREQUENCIES: [RegExp, Recurrence][] = [
  [/^(monthly|every month)$/, 'monthly'],
  [/^(quarterly|every quarter|every 3 months|every three months)$/, 'quarterly'],
  [/^(yearly|annually|annual|every year)$/, 'yearly'],
];

/**
 * "Quarterly from April 2027" (or "Every quarter from Apr 2027", "Monthly from 01/2027") as a
 * frequency and the first day of its start month; null when it is not one.
 */
export function importRecurrence(text: string): { recurrence: Recurrence; start: string } | null {
  const m = /^(.+?)\s+(?:from|starting|starting from|beginning)\s+(.+)$/i.exec(text.trim());
  if (!m) return null;
  const frequency = FREQUENCIES.find(([re]) => re.test(normalise(m[1] ?? '')))?.[1];
  if (!frequency) return null;
  const when = (m[2] ?? '').trim();
  const named = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(when);
  const numeric = /^(\d{1,2})[/.-](\d{4})$/.exec(when);
  const month = named ? MONTHS.indexOf((named[1] ?? '').slice(0, 3).toLowerCase()) + 1 : Number(numeric?.[1]);
  const year = named?.[2] ?? numeric?.[2];
  if (!year || !(month >= 1 && month <= 12)) return null;
  return { recurrence: frequency, start: `${year}-${String(month).padStart(2, '0')}-01` };
}

interface TimescaleCell {
  timescale: Timescale;
  date: string | null;
  recurrence: Recurrence | null;
  start: string | null;
}

function importTimescale(text: string): TimescaleCell | null {
  const t = normalise(text);
  const none = { date: null, recurrence: null, start: null };
  if (t === 'ongoing') return { timescale: 'ongoing', ...none };
  const recurring = importRecurrence(text);
  if (recurring)
    return { timescale: 'recurring', date: null, recurrence: recurring.recurrence, start: recurring.start };
  const fixed = importFixedTimescale(t, text);
  return fixed ? { ...none, ...fixed } : null;
}

function importFixedTimescale(t: string, text: string): { timescale: Timescale; date: string | null } | null {
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
    // "A1 & A2" or "A1, A2": the action's own area first, then the others it answers.
    const [reference = '', ...alsoAnswers] = cell('reference')
      .split(/\s*(?:&|,|\band\b)\s*/)
      .filter((r) => r !== '');
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
          `“${cell('timescale')}” is not a timescale. Use Immediately, Within 3 months, Within 6 months, Ongoing, a recurrence such as Quarterly from April 2027, or a date such as 31/03/2020.`,
        );
      current = {
        reference,
        title,
        theme: cell('theme'),
        source: cell('source'),
        timescale: timescale?.timescale ?? 'immediately',
        timescaleDate: timescale?.date ?? null,
        recurrence: timescale?.recurrence ?? null,
        recurrenceStart: timescale?.start ?? null,
        outcomes: cell('outcomes')
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== ''),
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
    const actionTimescale = rawDate && !targetDate ? importTimescale(rawDate) : null;
    const ongoingOrRecurring =
      actionTimescale?.timescale === 'ongoing' || actionTimescale?.timescale === 'recurring'
        ? actionTimescale
        : null;
    if (rawDate && !targetDate && !ongoingOrRecurring)
      problem(
        rowNumber,
        'targetDate',
        `“${rawDate}” is not a date or a timescale. Write it as 31/03/2020, 2020-03-31, Ongoing or Quarterly from April 2027.`,
      );
    const rag = importRag(cell('rag'));
    if (rag === undefined)
      problem(rowNumber, 'rag', `“${cell('rag')}” is not a RAG rating. Use Red, Amber, Green or Blue.`);
    (current as ImportedArea).actions.push({
      number,
      description,
      owner: cell('owner'),
      targetDate,
      timescale: ongoingOrRecurring ? (ongoingOrRecurring.timescale as 'ongoing' | 'recurring') : null,
      recurrence: ongoingOrRecurring?.recurrence ?? null,
      recurrenceStart: ongoingOrRecurring?.start ?? null,
      alsoAnswers,
      rag: rag ?? null,
      progress: cell('progress'),
      row: rowNumber,
    });
  });
  const references = new Set(areas.map((a) => a.reference));
  for (const area of areas)
    for (const action of area.actions)
      for (const other of action.alsoAnswers)
        if (!references.has(other))
          problem(
            action.row,
            'reference',
            `Action “${action.number}” names area “${other}”, which is not in the file.`,
          );
  if (areas.length === 0 && problems.length === 0)
    problems.push({ path: 'Row 2', message: 'The file has no actions below its header row.' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, areas };
}
