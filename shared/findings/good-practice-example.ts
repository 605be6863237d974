/**
 * A good-practice example as it is shared with staff: an audit's written answers —
 * each section's text (and the notes of yes/no items such as feedback), the strengths, the overall grade — with
 * the case reference and every name redacted (redact-names.ts). It says it is anonymised and
 * where it came from: the service and the month, never the case. Pure: the server reads the
 * audit, its framework and the names, and draws the result as a Word document.
 */
import type { Framework } from '../framework/framework-schema';
import { gradeLabel, isGradeIndex } from '../metrics/grade-scale';
import { redactor, type RedactionNames } from './redact-names';

export interface ExampleEntry {
  label: string;
  text: string;
}

export interface GoodPracticeExample {
  title: string;
  /** What this is, that it is anonymised, and where it came from (service and month). */
  provenance: string[];
  reason: string;
  overallGrade: string | null;
  sections: { title: string; entries: ExampleEntry[] }[];
}

export interface ExampleSource {
  framework: Framework;
  /** The audit's answers, keyed by item key (as stored). */
  answers: Readonly<Record<string, unknown>>;
  reason: string;
  serviceName: string;
  /** The month the audit was completed, in words ("September 2026"). */
  monthWords: string;
  names: RedactionNames;
}

const field = (answer: unknown, name: string): unknown =>
  typeof answer === 'object' && answer !== null ? Reflect.get(answer, name) : undefined;

/**
 * The anonymised example of one audit.
 * @example goodPracticeExample({ framework, answers, reason: 'Direct work', serviceName: 'North', monthWords: 'May 2026', names })
 */
export function goodPracticeExample(source: ExampleSource): GoodPracticeExample {
  const redact = redactor(source.names);
  const grade = field(source.answers[source.framework.overallGradeKey], 'value');
  const sections = source.framework.sections
    .map((section) => ({
      title: section.title,
      entries: section.items.flatMap((item): ExampleEntry[] => {
        const answer = source.answers[item.key];
        const kind = field(answer, 'kind');
        const text =
          item.kind === 'text' && kind === 'text'
            ? field(answer, 'value')
            : item.kind === 'yes-no-note' && kind === 'yes-no-note'
              ? field(answer, 'note')
              : undefined;
        return typeof text === 'string' && text.trim() !== ''
          ? [{ label: item.label, text: redact(text) }]
          : [];
      }),
    }))
    .filter((s) => s.entries.length > 0);
  return {
    title: 'Good practice example',
    provenance: [
      `An example of good practice from a case-file audit in ${source.serviceName}, ${source.monthWords}.`,
      'It is anonymised: the case reference, the allocated worker and the names of staff and practitioners have been replaced by [case], [worker] and [name]. Do not try to identify the child, the family or the worker.',
    ],
    reason: redact(source.reason),
    overallGrade: isGradeIndex(grade) ? gradeLabel(grade) : null,
    sections,
  };
}
