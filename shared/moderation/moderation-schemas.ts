/**
 * Moderation as it travels: the sample request and preview, the moderator's queue, one
 * moderation with the audit beside it, the moderator's decision, and a return to the auditor.
 */
import { z } from 'zod';
import { answersSchema } from '../framework/answer-schema';
import { frameworkSchema } from '../framework/framework-schema';
import { gradeIndexSchema } from '../metrics/grade-scale';
import { boundedInt } from '../validation/bounded-int';

export const MODERATION_STATUSES = ['pending', 'agreed', 'regraded', 'returned'] as const;
export const moderationStatusSchema = z.enum(MODERATION_STATUSES);
export type ModerationStatus = z.infer<typeof moderationStatusSchema>;

export const MODERATION_STATUS_LABELS: Record<ModerationStatus, string> = {
  pending: 'To moderate',
  agreed: 'Agreed',
  regraded: 'Re-graded',
  returned: 'Returned to auditor',
};

export const moderationSampleRequestSchema = z.object({
  /** Share of the round's submitted audits, 0 < share ≤ 1; absent: the round's own share. */
  share: z.number().gt(0).max(1).optional(),
  seed: z.number().int().min(0).max(2_147_483_647),
  moderatorIds: z.array(z.uuid()).min(1, 'Choose at least one moderator.').max(200),
  preview: z.boolean().default(false),
});

export const moderationSampleResultSchema = z.object({
  preview: z.boolean(),
  target: z.number(),
  alreadySampled: z.number(),
  submitted: z.number(),
  drawn: z.array(
    z.object({
      auditId: z.string(),
      reference: z.string(),
      auditorName: z.string(),
      moderatorId: z.string().nullable(),
      moderatorName: z.string().nullable(),
    }),
  ),
});
export type ModerationSampleResult = z.infer<typeof moderationSampleResultSchema>;

export const moderationSummarySchema = z.object({
  id: z.string(),
  auditId: z.string(),
  roundId: z.string().nullable(),
  roundName: z.string().nullable(),
  reference: z.string(),
  teamName: z.string(),
  auditorName: z.string(),
  moderatorId: z.string(),
  moderatorName: z.string(),
  status: moderationStatusSchema,
  /** The audit was returned and the auditor has submitted it again: ready to moderate again. */
  resubmitted: z.boolean(),
  /** The auditor's overall grade: null until the moderator has saved their blind grades. */
  auditorOverall: z.nullable(gradeIndexSchema),
  moderatedOverall: z.nullable(gradeIndexSchema),
  /**
   * 'blind': the moderator's own grades are not saved yet, and no auditor's grade is sent;
   * 'revealed': they are, and the auditor's grades are shown beside them; 'not_blind': a
   * moderation recorded before blind moderation existed (migration 019): the moderator saw the
   * auditor's grades, so it counts as final but is left out of the agreement figures.
   */
  blindState: z.enum(['blind', 'revealed', 'not_blind']),
  sampledAt: z.string(),
  moderatedAt: z.string().nullable(),
});
export type ModerationSummary = z.infer<typeof moderationSummarySchema>;
export const moderationListSchema = z.object({ moderations: z.array(moderationSummarySchema) });

export const moderationDetailSchema = z.object({
  moderation: moderationSummarySchema.extend({
    moderatedAnswers: answersSchema,
    /** The moderator's blind grades, as saved before the auditor's were shown; {} until then. */
    blindAnswers: answersSchema,
    reasons: z.record(z.string(), z.string()),
    returnNote: z.string().nullable(),
  }),
  /** The grades the moderator gives (each section the auditor graded, and the overall grade), in form order. */
  itemsToGrade: z.array(z.object({ key: z.string(), label: z.string() })),
  audit: z.object({
    id: z.string(),
    status: z.enum(['draft', 'submitted']),
    rev: z.number(),
    answers: answersSchema,
    completedAt: z.string().nullable(),
    caseTypeLabel: z.string(),
  }),
  framework: frameworkSchema,
});
export type ModerationDetail = z.infer<typeof moderationDetailSchema>;

const reason = z.string().trim().max(2_000, 'Keep the reason to 2,000 characters.');

/** The moderator's grade for each graded item (agreeing or changing it), with a reason for each change. */
export const moderationDecisionSchema = z.object({
  grades: z.record(z.string().max(200), gradeIndexSchema),
  reasons: z.record(z.string().max(200), reason).default({}),
  /** The audit revision the moderator read, so a decision on an out-of-date copy is refused. */
  auditRev: boundedInt(1),
});
export type ModerationDecision = z.infer<typeof moderationDecisionSchema>;

/** The moderator's own grades, given before the auditor's are shown: one for every item to grade. */
export const blindGradesSchema = z.object({
  grades: z.record(z.string().max(200), gradeIndexSchema),
  auditRev: boundedInt(1),
});
export type BlindGrades = z.infer<typeof blindGradesSchema>;

export const returnToAuditorSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, 'Say what the auditor needs to look at.')
    .max(2_000, 'Keep the note to 2,000 characters.'),
  auditRev: boundedInt(1),
});
