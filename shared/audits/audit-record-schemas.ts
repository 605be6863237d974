/**
 * The whole audit as the people entitled to it read it (GET /api/audits/:auditId/record): every
 * answer and note, the auditor's and the moderator's grades with reasons, the safeguarding
 * concern and who acknowledged it, the case actions, the practitioner's responses and the
 * history of every change with the values before and after. Also the practitioner's response
 * (POST /api/audits/:auditId/responses): a kind and a text that join the record and change no
 * grade.
 */
import { z } from 'zod';
import { answerSchema, answersSchema } from '../framework/answer-schema';
import { frameworkSchema } from '../framework/framework-schema';
import { gradeIndexSchema } from '../metrics/grade-scale';
import { safeText } from '../validation/safe-text';

export const RESPONSE_KINDS = ['reflection', 'factual_correction', 'grade_disagreement'] as const;
export const responseKindSchema = z.enum(RESPONSE_KINDS, {
  message: 'Choose what your response is: a reflection, a factual correction or a disagreement with a grade.',
});
export type ResponseKind = z.infer<typeof responseKindSchema>;

export const RESPONSE_KIND_LABELS: Record<ResponseKind, string> = {
  reflection: 'Reflection',
  factual_correction: 'Factual correction',
  grade_disagreement: 'Disagreement with a grade',
};

/** The longest response a practitioner may write (about two pages). */
export const MAX_RESPONSE_LENGTH = 10_000;

/** What the practitioner sends. */
export const practitionerResponseRequestSchema = z.object({
  kind: responseKindSchema,
  text: safeText()
    .trim()
    .min(1, 'Write your response.')
    .max(
      MAX_RESPONSE_LENGTH,
      `Keep your response to ${MAX_RESPONSE_LENGTH.toLocaleString('en-GB')} characters.`,
    ),
});
export type PractitionerResponseRequest = z.infer<typeof practitionerResponseRequestSchema>;

export const practitionerResponseSchema = z.object({
  id: z.string(),
  kind: responseKindSchema,
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type PractitionerResponse = z.infer<typeof practitionerResponseSchema>;

/** One change to one answer in one revision: the value before and after (null: none). */
export const answerChangeSchema = z.object({
  itemKey: z.string(),
  before: z.nullable(answerSchema),
  after: z.nullable(answerSchema),
});

export const recordRevisionSchema = z.object({
  rev: z.number(),
  status: z.string(),
  at: z.string(),
  by: z.string(),
  changes: z.array(answerChangeSchema),
});
export type RecordRevision = z.infer<typeof recordRevisionSchema>;

/** A case action as followed up (engineer e's case actions), when the audit has any. */
export const recordCaseActionSchema = z.object({
  id: z.string(),
  what: z.string(),
  who: z.string(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(['open', 'done', 'not_needed']),
  notNeededReason: z.string(),
  evidence: z.string(),
  completedOn: z.string().nullable(),
});

export const auditRecordSchema = z.object({
  audit: z.object({
    id: z.string(),
    caseId: z.string(),
    status: z.enum(['draft', 'submitted']),
    rev: z.number(),
    reference: z.string(),
    teamName: z.string(),
    caseTypeLabel: z.string(),
    kind: z.string(),
    auditorName: z.string(),
    completedAt: z.string().nullable(),
    /** The grade that counts (the moderator's once moderated). */
    overallGrade: z.nullable(gradeIndexSchema),
    answers: answersSchema,
  }),
  practitioner: z.object({ id: z.string(), name: z.string() }).nullable(),
  framework: frameworkSchema,
  moderation: z
    .object({
      status: z.string(),
      moderatorName: z.string(),
      moderatedAt: z.string().nullable(),
      moderatedAnswers: answersSchema,
      reasons: z.record(z.string(), z.string()),
      returnNote: z.string().nullable(),
    })
    .nullable(),
  alert: z
    .object({
      raisedAt: z.string(),
      escalatedAt: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
      acknowledgements: z.array(z.object({ name: z.string(), at: z.string(), note: z.string() })),
    })
    .nullable(),
  caseActions: z.array(recordCaseActionSchema),
  responses: z.array(practitionerResponseSchema),
  history: z.array(recordRevisionSchema),
  /** The reader is the case's practitioner and may respond. */
  mayRespond: z.boolean(),
  /** The reader is a QA lead of the case's service and may choose its practitioner. */
  mayChoosePractitioner: z.boolean(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** One audit in the lists of audits a practitioner or team manager may read. */
export const recordListItemSchema = z.object({
  auditId: z.string(),
  reference: z.string(),
  teamName: z.string(),
  auditorName: z.string(),
  completedAt: z.string().nullable(),
  overallGrade: z.nullable(gradeIndexSchema),
  /** Why the reader sees it: their own case, or a team they manage. */
  because: z.enum(['own_case', 'managed_team']),
  responses: z.number(),
});
export type RecordListItem = z.infer<typeof recordListItemSchema>;

/** The QA lead chooses (or clears) the case's practitioner. */
export const casePractitionerRequestSchema = z.object({
  practitionerId: z.uuid('Choose a practitioner from the list.').nullable(),
});
