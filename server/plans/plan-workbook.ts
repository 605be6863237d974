/**
 * The board report as an Excel workbook (exceljs): a Summary sheet in the councils' words, the
 * Plan (every area and action with its RAG, owner, dates, latest progress note and sign-off as
 * of the report’s date), and the Measures (one row per period: which audits it counts, count, percentage (a count
 * or rate in its own unit, with its kind, direction and the rule that decided its RAG), 95%
 * interval, target and RAG). Percentages are written as numbers with a percentage format, so
 * a council can chart them; "no data" periods are left blank, never 0.
 */
import ExcelJS from 'exceljs';
import type { BoardReportView } from '../../shared/plans/plan-views';
import {
  MANAGER_RAG_TEXT,
  pluralNoun,
  TIMESCALE_LABELS,
  timescaleLabel,
} from '../../shared/plans/plan-vocabulary';
import { RAG_WORDS } from '../../shared/plans/rag-words';
import { DIRECTION_WORDS, KIND_WORDS } from '../../shared/metrics/measure-kind';

const bold = { bold: true } as const;

export async function planWorkbook(report: BoardReportView): Promise<Buffer> {
  const { plan } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantern';
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 40 }, { width: 90 }];
  summary.addRow([plan.title]).font = { bold: true, size: 14 };
  summary.addRow(['As of', report.asOf]);
  summary.addRow([]);
  for (const line of [
    plan.summary.headline,
    plan.summary.complete,
    plan.summary.partial,
    plan.summary.ragSentence,
  ])
    if (line) summary.addRow([line]);
  summary.addRow([]);
  summary.addRow(['By timescale']).font = bold;
  for (const g of plan.summary.byTimescale) summary.addRow([timescaleLabel(g.key), g.sentence]);
  summary.addRow([]);
  summary.addRow(['By theme']).font = bold;
  for (const g of plan.summary.byTheme) summary.addRow([g.key || 'No theme', g.sentence]);

  const sheet = workbook.addWorksheet('Plan');
  sheet.columns = [
    { header: 'Ref', key: 'ref', width: 8 },
    { header: pluralNoun(plan.areaNoun).replace(/^./, (c) => c.toUpperCase()), key: 'area', width: 50 },
    { header: 'Theme', key: 'theme', width: 10 },
    { header: 'Timescale', key: 'timescale', width: 16 },
    { header: 'Action no.', key: 'number', width: 10 },
    { header: 'Action', key: 'action', width: 60 },
    { header: 'Owner', key: 'owner', width: 24 },
    { header: 'Target date', key: 'target', width: 12 },
    { header: 'RAG', key: 'rag', width: 10 },
    { header: 'RAG reason', key: 'reason', width: 40 },
    { header: 'Latest progress', key: 'progress', width: 60 },
    { header: 'Evidence panel', key: 'panel', width: 20 },
    { header: 'Measures (latest)', key: 'measures', width: 50 },
  ];
  sheet.getRow(1).font = bold;
  for (const area of plan.areas) {
    const timescale =
      area.timescale === 'by-date'
        ? (area.timescaleDate ?? '')
        : area.timescaleWords || TIMESCALE_LABELS[area.timescale];
    for (const action of area.actions) {
      sheet.addRow({
        ref: area.reference,
        area: area.title,
        theme: area.theme,
        timescale,
        number: action.number,
        action:
          action.alsoAnswers.length > 0
            ? `${action.description} (also answers ${action.alsoAnswers.map((a) => a.reference).join(' & ')})`
            : action.description,
        owner: action.owner,
        target: action.originalTargetDate
          ? `Original: ${action.originalTargetDate}; Revised: ${action.targetDate ?? ''}`
          : action.timescale
            ? action.timescaleWords
            : (action.targetDate ?? ''),
        rag: action.rag ? MANAGER_RAG_TEXT[action.rag].label : 'Not rated',
        reason: action.ragReason,
        progress: action.latestNote
          ? `${action.latestNote.text} (${action.latestNote.byName}, ${action.latestNote.at.slice(0, 10)})`
          : '',
        panel: action.signedOff ? 'Signed off' : '',
        measures: action.measures
          .map((m) => `${m.title}: ${RAG_WORDS[m.rag]}${m.periodLabel ? ` (${m.periodLabel})` : ''}`)
          .join('; '),
      });
    }
    if (area.actions.length === 0)
      sheet.addRow({ ref: area.reference, area: area.title, theme: area.theme, timescale });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const measures = workbook.addWorksheet('Measures');
  measures.columns = [
    { header: 'Action no.', key: 'number', width: 10 },
    { header: 'Measure', key: 'title', width: 50 },
    { header: 'Counted from', key: 'counted', width: 50 },
    { header: 'Period', key: 'period', width: 24 },
    { header: 'Passed (k)', key: 'k', width: 10 },
    { header: 'Counted (n)', key: 'n', width: 11 },
    { header: 'Value', key: 'value', width: 9, style: { numFmt: '0%' } },
    { header: '95% CI lower', key: 'lower', width: 12, style: { numFmt: '0%' } },
    { header: '95% CI upper', key: 'upper', width: 12, style: { numFmt: '0%' } },
    { header: 'Target', key: 'target', width: 9, style: { numFmt: '0%' } },
    { header: 'RAG', key: 'rag', width: 12 },
    { header: 'Why', key: 'why', width: 50 },
    { header: 'Kind', key: 'kind', width: 20 },
    { header: 'Better', key: 'direction', width: 16 },
    { header: 'Unit', key: 'unit', width: 20 },
  ];
  measures.getRow(1).font = bold;
  for (const m of report.measures) {
    for (const p of m.points) {
      const row = measures.addRow({
        number: m.actionNumber,
        title: m.title,
        counted: m.whichAudits ?? 'Entered by hand',
        period: p.label,
        k: p.k ?? undefined,
        n: p.n ?? undefined,
        value: p.fraction ?? undefined,
        lower: p.lower ?? undefined,
        upper: p.upper ?? undefined,
        target: p.target,
        rag: RAG_WORDS[p.rag],
        why: p.ruleWords,
        kind: KIND_WORDS[m.kind],
        direction: DIRECTION_WORDS[m.direction],
        unit: m.unit,
      });
      // A count or rate is a number in its own unit, not a percentage.
      if (m.kind !== 'share')
        for (const key of ['value', 'target'])
          row.getCell(key).numFmt = m.kind === 'count' ? '#,##0' : '#,##0.0#';
    }
  }
  measures.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
