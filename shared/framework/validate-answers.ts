/**
 * Checks an audit's answers against the framework version it was written on, and lists every
 * problem by item key in words an auditor understands. The same function serves the form
 * (to show what is left to do), the server on sync and the importer, so they can never
 * disagree about what a valid audit is.
 *
 * Two modes, because a draft must always be saveable:
 * - `draft`: only problems of shape — an answer the framework does not ask for, an answer of
 *   the wrong kind, a value the item cannot take. Nothing is "missing" in a draft.
 * - `submit`: everything in `draft`, plus required items left unanswered, conditional
 *   requirements (the safeguarding acknowledgement when there is a concern), notes an item
 *   requires, and case actions without what, who and by when.
 */
import { answerSchema, MAX_CASE_ACTIONS, MAX_TEXT_LENGTH, type Answer } from './answer-schema';
import { frameworkItems, type Framework, type FrameworkItem } from './framework-schema';
import { isRecord } from './is-record';
import { dateProblem } from '../validation/bounded-date';

/** `draft`: shape only, always saveable. `submit`: shape and completeness. */
export type ValidationMode = 'draft' | 'submit';

/** Every kind of problem `validateAnswers` reports. Stable: the form and the server branch on them. */
export const ANSWER_PROBLEM_CODES = [
  'not_a_map',
  'unknown_item',
  'wrong_kind',
  'invalid_answer',
  'not_applicable_not_allowed',
  'required',
  'note_required',
  'action_incomplete',
] as const;
/** One of ANSWER_PROBLEM_CODES. */
export type AnswerProblemCode = (typeof ANSWER_PROBLEM_CODES)[number];

/** One problem with one item. `itemKey` is '' only for `not_a_map`, which concerns the whole set. */
export interface AnswerProblem {
  itemKey: string;
  code: AnswerProblemCode;
  message: string;
}

/** The answer a requirement looks at: a question's or a yes/no item's value. */
function choiceOf(answer: Answer | undefined): string | undefined {
  return answer?.kind === 'question' || answer?.kind === 'yes-no-note' ? answer.value : undefined;
}

/** Whether an answer counts as given for a requirement (blank text, an empty list and an unticked box do not). */
function isGiven(answer: Answer | undefined): boolean {
  if (!answer) return false;
  switch (answer.kind) {
    case 'text':
      return answer.value.trim() !== '';
    case 'case-actions':
      return answer.value.length > 0;
    case 'confirmation':
      return answer.value;
    default:
      return true;
  }
}

const LONGEST = MAX_TEXT_LENGTH.toLocaleString('en-GB');
/** What a well-formed answer of each kind looks like, in the auditor's words. */
const EXPECTED: Record<FrameworkItem['kind'], string> = {
  question: 'choose Yes, Partly, No or Not applicable.',
  grade: 'choose Outstanding, Good, Requires improvement to be good or Inadequate.',
  text: `write text of up to ${LONGEST} characters.`,
  'yes-no-note': `choose Yes or No, with a note of up to ${LONGEST} characters.`,
  'case-actions': `add up to ${MAX_CASE_ACTIONS} actions, each with what, who (up to ${LONGEST} characters) and a by-when date or blank.`,
  confirmation: 'tick the box or leave it unticked.',
};

const WORDS: Record<string, string> = { yes: 'Yes', partly: 'Partly', no: 'No' };

/**
 * Why a case-actions answer could not be read, when the cause is a by-when date that is not a
 * date Lantern holds (a year typed with five digits, a date before 2000): the action and what to
 * enter, rather than the whole shape of the answer.
 */
function byWhenProblem(item: FrameworkItem, raw: unknown): string | null {
  if (!isRecord(raw) || raw.kind !== 'case-actions' || !Array.isArray(raw.value)) return null;
  for (const [i, action] of raw.value.entries()) {
    const byWhen: unknown = isRecord(action) ? action.byWhen : undefined;
    if (typeof byWhen !== 'string' || byWhen === '') continue;
    const problem = dateProblem(byWhen);
    if (problem)
      return `Action ${i + 1} in "${item.label}" has a by-when date that cannot be used: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;
  }
  return null;
}

/** "a", "a and b", "a, b and c". */
function listInWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function missingMessage(item: FrameworkItem, because: string): string {
  const verb: Record<FrameworkItem['kind'], string> = {
    question: 'Answer',
    grade: 'Choose a grade for',
    text: 'Fill in',
    'yes-no-note': 'Answer',
    'case-actions': 'Add at least one action to',
    confirmation: 'Tick',
  };
  return `${verb[item.kind]} "${item.label}" before submitting${because}.`;
}

/** Submit-only problems for one item whose answer (if any) already has the right shape. */
function submitProblems(
  item: FrameworkItem,
  answer: Answer | undefined,
  answers: Map<string, Answer>,
  labels: Map<string, string>,
): AnswerProblem[] {
  const problem = (code: AnswerProblemCode, message: string): AnswerProblem => ({
    itemKey: item.key,
    code,
    message,
  });
  const condition = item.requiredWhen;
  const conditionMet =
    condition !== undefined && choiceOf(answers.get(condition.itemKey)) === condition.equals;
  if (!isGiven(answer)) {
    if (item.required) return [problem('required', missingMessage(item, ''))];
    if (conditionMet) {
      const question = labels.get(condition.itemKey) ?? condition.itemKey;
      const because = `: it is needed because you answered ${WORDS[condition.equals]} to "${question}"`;
      return [problem('required', missingMessage(item, because))];
    }
    return [];
  }
  if (
    answer?.kind === 'yes-no-note' &&
    item.kind === 'yes-no-note' &&
    item.noteRequiredWhen === answer.value
  ) {
    if (answer.note.trim() === '') {
      return [
        problem(
          'note_required',
          `Fill in "${item.noteLabel}": it is needed when the answer to "${item.label}" is ${WORDS[answer.value]}.`,
        ),
      ];
    }
  }
  if (answer?.kind === 'case-actions') {
    return answer.value.flatMap((action, i) => {
      const missing = [
        action.what.trim() === '' ? 'what must happen' : '',
        action.who.trim() === '' ? 'who will do it' : '',
        action.byWhen === '' ? 'by when' : '',
      ].filter((part) => part !== '');
      return missing.length === 0
        ? []
        : [problem('action_incomplete', `Action ${i + 1} in "${item.label}" needs ${listInWords(missing)}.`)];
    });
  }
  return [];
}

/**
 * Every problem with an audit's answers, in form order (then answers the form does not know).
 * An empty list means the answers are valid for the mode. Never throws: untrusted input (a
 * sync push, an imported file) is reported, not refused.
 * @example
 * validateAnswers(framework, { 'overall.grade': { kind: 'grade', value: 7 } }, 'draft')
 * // [{ itemKey: 'overall.grade', code: 'invalid_answer', message: 'The answer to "Overall grade for the case" could not be read: choose …' }]
 */
export function validateAnswers(
  framework: Framework,
  answers: unknown,
  mode: ValidationMode,
): AnswerProblem[] {
  if (!isRecord(answers)) {
    return [
      {
        itemKey: '',
        code: 'not_a_map',
        message: 'The answers are not in the expected form: a set of answers keyed by question.',
      },
    ];
  }
  const items = frameworkItems(framework);
  const known = new Set(items.map((item) => item.key));
  const problems: AnswerProblem[] = [];
  const valid = new Map<string, Answer>();
  for (const item of items) {
    if (!Object.hasOwn(answers, item.key)) continue;
    const problem = (code: AnswerProblemCode, message: string): void => {
      problems.push({ itemKey: item.key, code, message });
    };
    const parsed = answerSchema.safeParse(answers[item.key]);
    if (!parsed.success) {
      problem(
        'invalid_answer',
        byWhenProblem(item, answers[item.key]) ??
          `The answer to "${item.label}" could not be read: ${EXPECTED[item.kind]}`,
      );
    } else if (parsed.data.kind !== item.kind) {
      problem('wrong_kind', `The answer to "${item.label}" is of the wrong type for this question.`);
    } else if (
      item.kind === 'question' &&
      !item.allowNotApplicable &&
      parsed.data.value === 'not_applicable'
    ) {
      problem('not_applicable_not_allowed', `"${item.label}" cannot be answered "Not applicable".`);
    } else {
      valid.set(item.key, parsed.data);
    }
  }
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      problems.push({
        itemKey: key,
        code: 'unknown_item',
        message: `There is an answer for "${key}", which is not part of version ${framework.version} of this form.`,
      });
    }
  }
  if (mode === 'submit') {
    const broken = new Set(problems.map((p) => p.itemKey));
    const labels = new Map(items.map((item) => [item.key, item.label]));
    for (const item of items) {
      if (!broken.has(item.key)) problems.push(...submitProblems(item, valid.get(item.key), valid, labels));
    }
  }
  // Form order, so the form can list problems as the auditor meets them; unknown answers last.
  const position = new Map(items.map((item, i) => [item.key, i]));
  const at = (p: AnswerProblem): number => position.get(p.itemKey) ?? items.length;
  return problems.sort((a, b) => at(a) - at(b));
}
