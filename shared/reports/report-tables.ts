/**
 * An audit report's figures as tables: the one place a report's numbers are rounded, so the
 * screen, the print, the Word document and the workbook show the same figures. Cells are
 * numbers where they are numbers (the workbook keeps them as numbers), words otherwise, and
 * null where there is no data ("no data" on screen, an empty cell in the workbook).
 */
import { roundedPercent } from '../metrics/format-percentage';
import type { Proportion } from '../metrics/proportion';
import type { ReportContent } from './report-content';
import type { ReportFigure } from './report-figures';

export type ReportCell = string | number | null;

export interface ReportTable {
  /** Stable key, also the workbook's sheet name. */
  key: string;
  title: string;
  columns: string[];
  rows: ReportCell[][];
}

const percent = (p: Proportion | null): number | null => (p && p.n > 0 ? roundedPercent(p.k, p.n) : null);
const bound = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 100 + 1e-9));
/** A share's cells: how many passed, of how many, the per cent and its 95% interval (in per cent). */
const shareCells = (p: Proportion): ReportCell[] => [
  p.k,
  p.n,
  percent(p),
  bound(p.interval?.lower),
  bound(p.interval?.upper),
];

export const FIGURE_COLUMNS = [
  'Figure',
  'Passing',
  'Counted',
  'Per cent',
  '95% CI from',
  '95% CI to',
  'Previous per cent',
  'Previous counted',
  'Change (points)',
  'Change 95% CI from',
  'Change 95% CI to',
  'Beyond noise',
];

/** One figure as a row of FIGURE_COLUMNS. */
export function figureRow(f: ReportFigure): ReportCell[] {
  return [
    f.label,
    ...shareCells(f.current),
    percent(f.previous),
    f.previous ? f.previous.n : null,
    bound(f.change?.difference),
    bound(f.change?.lower),
    bound(f.change?.upper),
    f.change ? (f.change.beyondNoise ? 'Yes' : 'No') : null,
  ];
}

const ratio = (x: number | null): number | null => (x === null ? null : Math.round(x * 100 + 1e-9));

/** @example reportTables(content).map((t) => t.key) // ['headline', 'grades', 'sections', 'teams', 'agencies', 'agreement', 'themes'] */
export function reportTables(content: ReportContent): ReportTable[] {
  const { figures, themes } = content;
  const a = figures.agreement;
  return [
    {
      key: 'headline',
      title: 'Headline: audits rated at least good',
      columns: FIGURE_COLUMNS,
      rows: [figureRow(figures.atLeastGood)],
    },
    {
      key: 'grades',
      title: 'Overall grades',
      columns: ['Grade', 'Audits', 'Graded', 'Per cent', '95% CI from', '95% CI to'],
      rows: figures.grades.map((g) => [g.label, ...shareCells(g.share)]),
    },
    {
      key: 'sections',
      title: 'By section: rated at least good',
      columns: FIGURE_COLUMNS,
      rows: figures.sections.map(figureRow),
    },
    {
      key: 'teams',
      title: 'By team: audits rated at least good',
      columns: FIGURE_COLUMNS.slice(0, 6),
      rows: figures.teams.map((f) => figureRow(f).slice(0, 6)),
    },
    {
      key: 'agencies',
      title: "By the auditor's agency: audits rated at least good",
      columns: FIGURE_COLUMNS,
      rows: figures.agencies.map(figureRow),
    },
    {
      key: 'agreement',
      title: 'Moderation agreement (overall grades)',
      columns: ['Measure', 'Value'],
      rows: [
        ['Moderated audits (pairs)', a.pairs],
        ['Exact agreement (per cent)', ratio(a.exact)],
        ['Weighted kappa', a.kappa === null ? null : Math.round(a.kappa * 100) / 100],
        ['Moved down by the moderator (per cent)', ratio(a.movedDown)],
        ['Moved up by the moderator (per cent)', ratio(a.movedUp)],
      ],
    },
    {
      key: 'themes',
      title: 'Themes in what auditors wrote',
      columns: ['Theme', 'Findings', 'Audits'],
      rows: [
        ...themes.themes.map((t): ReportCell[] => [t.name, t.findings, t.audits]),
        ['Not yet coded', themes.uncoded, null],
        ['All findings', themes.findings, null],
      ],
    },
  ];
}
