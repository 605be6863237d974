/**
 * The shape of one answer in an audit. Answers are a map keyed by the framework item's
 * stable key (`Record<string, Answer>`), never an array, so two devices editing different
 * questions merge without a conflict and a revision of the framework keeps old answers
 * addressable. Each answer names its `kind`, so it can be read (by a metric, a merge, an
 * export) without loading the framework version it was written against, and `value` is
 * always the field a metric looks at.
 */
import { z } from 'zod/mini';
import { gradeIndexSchema } from '../metrics/grade-scale';
import { calendarDateSchema } from '../validation/bounded-date';
import { agencySchema } from '../accounts/agencies';

/** Longest free text kept in one answer: long enough for a thorough analysis, short enough to sync. */
export const MAX_TEXT_LENGTH = 20_000;
/** Most actions one audit can set for a case. */
export const MAX_CASE_ACTIONS = 50;

const text = z
  .string()
  .check(
    z.maxLength(
      MAX_TEXT_LENGTH,
      `Keep this to ${MAX_TEXT_LENGTH.toLocaleString('en-GB')} characters or fewer.`,
    ),
  );

/** The answers to a question, as stored; the form shows them as Yes / Partly / No / Not applicable. */
export const QUESTION_VALUES = ['yes', 'partly', 'no', 'not_applicable'] as const;
/** One of QUESTION_VALUES. */
export const questionValueSchema = z.enum(QUESTION_VALUES);
/** Yes or no, for yes/no-with-note items (no Partly, no Not applicable). */
export const yesNoSchema = z.enum(['yes', 'no']);

/**
 * One action the auditor sets for the case. Every field may be blank while drafting; all
 * three are needed to submit (see validate-answers.ts).
 */
export const caseActionSchema = z.object({
  what: text,
  who: text,
  byWhen: z.union([z.literal(''), calendarDateSchema]),
  /**
   * The action's own id, given by the form when the action is added: it names the action stably
   * across edits once it is followed up (server/case-actions/). Older answers have none.
   */
  id: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'An action id is letters, digits, hyphens and underscores.')),
  ),
  /** The person who owns the action, when the auditor chose one from the list ("who" keeps the words). */
  ownerId: z.optional(z.string().check(z.uuid('Choose the owner from the list.'))),
});

/**
 * Who gave an answer, set on the device that typed it and kept with it through every merge: in
 * a joint audit (several auditors, perhaps of several agencies, on one case) each answer shows
 * its author. The server refuses a changed answer that names anyone but the person saving it.
 * Absent on answers written before joint audits: those are the audit's auditor's.
 */
export const answeredBySchema = z.object({
  personId: z.uuid(),
  name: z.string().check(z.maxLength(200)),
  agency: agencySchema,
});
export type AnsweredBy = z.infer<typeof answeredBySchema>;
const by = { by: z.optional(answeredBySchema) };

/** An answer to a Yes / Partly / No / Not applicable question. */
export const questionAnswerSchema = z.object({
  kind: z.literal('question'),
  value: questionValueSchema,
  ...by,
});
/** A grade: 0 Outstanding … 3 Inadequate (see grade-scale.ts). */
export const gradeAnswerSchema = z.object({ kind: z.literal('grade'), value: gradeIndexSchema, ...by });
/** Free text, such as strengths or areas for development. */
export const textAnswerSchema = z.object({ kind: z.literal('text'), value: text, ...by });
/** Yes or no with a note (which may be blank while drafting). */
export const yesNoNoteAnswerSchema = z.object({
  kind: z.literal('yes-no-note'),
  value: yesNoSchema,
  note: text,
  ...by,
});
/** The actions set for the case, in the order the auditor wrote them. */
export const caseActionsAnswerSchema = z.object({
  kind: z.literal('case-actions'),
  value: z
    .array(caseActionSchema)
    .check(z.maxLength(MAX_CASE_ACTIONS, `An audit can set at most ${MAX_CASE_ACTIONS} actions.`)),
  ...by,
});
/** A tick-box statement; `true` means the auditor has confirmed it. */
export const confirmationAnswerSchema = z.object({
  kind: z.literal('confirmation'),
  value: z.boolean(),
  ...by,
});

/** Any one answer; `kind` says which, and must match the framework item's kind. */
export const answerSchema = z.discriminatedUnion('kind', [
  questionAnswerSchema,
  gradeAnswerSchema,
  textAnswerSchema,
  yesNoNoteAnswerSchema,
  caseActionsAnswerSchema,
  confirmationAnswerSchema,
]);

/** An audit's answers keyed by item key. Parse untrusted input with `validateAnswers`, which reports per item. */
export const answersSchema = z.record(z.string(), answerSchema);

/** 'yes' | 'partly' | 'no' | 'not_applicable'. */
export type QuestionValue = z.infer<typeof questionValueSchema>;
/** One action for the case: what, who, by when (YYYY-MM-DD or blank while drafting). */
export type CaseAction = z.infer<typeof caseActionSchema>;
/** One answer to one item. */
export type Answer = z.infer<typeof answerSchema>;
/** The kinds of answer, the same words as the framework's item kinds. */
export type AnswerKind = Answer['kind'];
/** An audit's answers keyed by item key; never an array. */
export type Answers = Record<string, Answer>;
