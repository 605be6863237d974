/**
 * An audit report as a Word document (the `docx` package), for councils that edit their reports
 * in Word: the council's name (and "demo" for the demo organisation), the title, when it was
 * published and what it covers, the summary, the tables of figures (shared/reports/report-tables.ts,
 * the same as the screen and the workbook), the themes with their chosen quotes, the
 * recommendations and the good-practice examples. Drawn from the report's content alone.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportContent } from '../../shared/reports/report-content';
import { reportTables, type ReportCell } from '../../shared/reports/report-tables';
import {
  codedWords,
  comparedWords,
  councilWords,
  coversWords,
  reportStatusWords,
  themeHeadingWords,
} from '../../shared/reports/report-words';
import { NO_DATA } from '../../shared/metrics/format-percentage';

const cellText = (cell: ReportCell): string => (cell === null ? NO_DATA : String(cell));

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });

const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

function table(columns: string[], rows: ReportCell[][]): Table {
  const row = (cells: ReportCell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (cell) =>
          new TableCell({
            children: [
              new Paragraph({
                alignment: typeof cell === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [new TextRun({ text: cellText(cell), bold: header })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(columns, true), ...rows.map((r) => row(r, false))],
  });
}

export async function reportDocx(content: ReportContent): Promise<Buffer> {
  const council = councilWords(content.organisation);
  const children: (Paragraph | Table)[] = [
    para(`${council} — ${content.serviceName}`),
    heading(content.title, HeadingLevel.TITLE),
    para(reportStatusWords(content)),
    para(coversWords(content)),
    para(comparedWords(content)),
    heading('Summary', HeadingLevel.HEADING_1),
    ...(content.summary.trim() ? content.summary.split(/\n+/).map(para) : [para('No summary written.')]),
    heading('Figures', HeadingLevel.HEADING_1),
  ];
  for (const t of reportTables(content)) {
    children.push(heading(t.title, HeadingLevel.HEADING_2), table(t.columns, t.rows));
  }
  children.push(heading('What auditors wrote: themes and quotes', HeadingLevel.HEADING_1));
  children.push(para(codedWords(content.themes)));
  if (content.themes.themes.length === 0) children.push(para('No findings have been coded into themes.'));
  for (const theme of content.themes.themes) {
    children.push(heading(themeHeadingWords(theme), HeadingLevel.HEADING_2));
    for (const q of theme.quotes)
      children.push(para(`“${q.text}” — ${q.kindLabel}, case ${q.caseReference}, ${q.teamName}`));
  }
  children.push(heading('Recommended actions', HeadingLevel.HEADING_1));
  if (content.recommendations.length === 0) children.push(para('No recommendations.'));
  content.recommendations.forEach((r, i) => children.push(para(`${i + 1}. ${r.text}`)));
  children.push(heading('Good practice', HeadingLevel.HEADING_1));
  if (content.themes.goodPractice.length === 0) children.push(para('No examples of good practice marked.'));
  for (const g of content.themes.goodPractice)
    children.push(para(`Case ${g.caseReference}, ${g.teamName}: ${g.reason}`));
  const document = new Document({
    creator: 'Lantern',
    title: content.title,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } }, // A4 in twentieths of a point
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
