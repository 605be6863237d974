/**
 * A good-practice example (shared/findings/good-practice-example.ts) as a Word document, which
 * health and council colleagues can pass on to staff: what it is and that it is anonymised
 * first, then why it was chosen, the overall grade and the auditor's words section by section.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { GoodPracticeExample } from '../../shared/findings/good-practice-example';

/** The lines of a text as paragraphs (Word does not break lines on "\n" in a run). */
const paragraphs = (text: string) => text.split(/\r?\n/).map((line) => new Paragraph({ text: line }));

export async function goodPracticeDocx(example: GoodPracticeExample): Promise<Buffer> {
  const children = [
    new Paragraph({ text: example.title, heading: HeadingLevel.TITLE }),
    ...example.provenance.map(
      (line) => new Paragraph({ children: [new TextRun({ text: line, italics: true })] }),
    ),
    new Paragraph({ text: 'Why it was chosen', heading: HeadingLevel.HEADING_2 }),
    ...paragraphs(example.reason),
    ...(example.overallGrade
      ? [
          new Paragraph({ text: 'Overall grade', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: example.overallGrade }),
        ]
      : []),
    ...example.sections.flatMap((section) => [
      new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_2 }),
      ...section.entries.flatMap((entry) => [
        new Paragraph({ text: entry.label, heading: HeadingLevel.HEADING_3 }),
        ...paragraphs(entry.text),
      ]),
    ]),
  ];
  const document = new Document({
    creator: 'Lantern',
    title: example.title,
    description: 'An anonymised example of good practice from a case-file audit.',
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
