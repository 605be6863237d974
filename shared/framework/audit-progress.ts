/**
 * How far through an audit the auditor is, for "in progress — 40% complete" and the section
 * list. Counts the items that make up a judgement (questions, grades, yes/no items, required
 * items); the safeguarding items and optional free text do not count, so raising no concern
 * and writing no notes never makes an audit look unfinished.
 */
import type { Answer, Answers } from './answer-schema';
import type { Framework, FrameworkItem, FrameworkSection } from './framework-schema';

function counts(item: FrameworkItem, framework: Framework): boolean {
  if (item.key === framework.safeguardingConcernKey || item.kind === 'confirmation') return false;
  return item.required || item.kind === 'question' || item.kind === 'grade' || item.kind === 'yes-no-note';
}

function given(answer: Answer | undefined): boolean {
  if (!answer) return false;
  if (answer.kind === 'text') return answer.value.trim() !== '';
  if (answer.kind === 'case-actions') return answer.value.length > 0;
  if (answer.kind === 'confirmation') return answer.value;
  return true;
}

export interface Progress {
  answered: number;
  total: number;
  /** 0 to 1; 1 for a section with nothing to count. */
  fraction: number;
}

function progressOf(items: FrameworkItem[], framework: Framework, answers: Answers): Progress {
  const counted = items.filter((item) => counts(item, framework));
  const answered = counted.filter((item) => given(answers[item.key])).length;
  return { answered, total: counted.length, fraction: counted.length === 0 ? 1 : answered / counted.length };
}

/** Progress over the whole audit. @example auditProgress(framework, {}).fraction // 0 */
export function auditProgress(framework: Framework, answers: Answers): Progress {
  return progressOf(
    framework.sections.flatMap((s) => s.items),
    framework,
    answers,
  );
}

/** Progress within one section. */
export function sectionProgress(framework: Framework, section: FrameworkSection, answers: Answers): Progress {
  return progressOf(section.items, framework, answers);
}
