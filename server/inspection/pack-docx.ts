/**
 * The deep-dive pack as a Word document (the `docx` package), drawn from the same blocks as the
 * printable page (shared/inspection/pack-document.ts): a cover listing the cases, when and by
 * whom the pack was made, then each case from a new page.
 */
import {
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
import type { PackBlock, PackDocument } from '../../shared/inspection/inspection-schemas';

const HEADINGS = { 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

const table = (header: string[] | null, rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })] : []),
      ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });

function blockChildren(block: PackBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case 'paragraph':
      return [new Paragraph({ text: block.text })];
    case 'fields':
      return [
        table(
          null,
          block.rows.map((row) => [row.label, row.value]),
        ),
        new Paragraph({ text: '' }),
      ];
    case 'table':
      return [table(block.header, block.rows), new Paragraph({ text: '' })];
  }
}

export async function packDocx(pack: PackDocument): Promise<Buffer> {
  const cover = [
    new Paragraph({ text: pack.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `Made ${pack.madeAtWords} by ${pack.madeBy}.` }),
    new Paragraph({ text: 'Cases in this pack', heading: HeadingLevel.HEADING_2 }),
    table(
      ['Case reference', 'Team now', 'Submitted audits'],
      pack.cases.map((c) => [c.reference, c.teamName, String(c.auditCount)]),
    ),
  ];
  const document = new Document({
    creator: 'Lantern',
    title: pack.title,
    sections: [
      { children: cover },
      ...pack.cases.map((c) => ({
        children: [
          new Paragraph({ text: `Case ${c.reference}`, heading: HeadingLevel.HEADING_1 }),
          ...c.blocks.flatMap(blockChildren),
        ],
      })),
    ],
  });
  return Packer.toBuffer(document);
}
