/**
 * What the QA lead sends and receives about audit rounds: a practice week, a monthly round
 * or a thematic audit, with its dates, theme and the framework version it fixes. One schema
 * per message, parsed at the edge on both sides (the server's request bodies, the client's
 * responses).
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';
import { sampleSpecSchema } from './sample-spec';
import { boundedInt } from '../validation/bounded-int';

export const ROUND_KINDS = ['practice_week', 'monthly', 'thematic'] as const;
export const roundKindSchema = z.enum(ROUND_KINDS);
/** 'practice_week' | 'monthly' | 'thematic': the same words as audits.kind. */
export type RoundKind = z.infer<typeof roundKindSchema>;

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  practice_week: 'Practice week',
  monthly: 'Monthly audit round',
  thematic: 'Thematic audit',
};

/** Creating or changing a round. The framework version can change only while nothing is allocated. */
export const roundInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Enter a name for the round.')
      .max(200, 'Keep the name to 200 characters.'),
    kind: roundKindSchema,
    theme: z.string().trim().max(500, 'Keep the theme to 500 characters.').default(''),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
    dueDate: calendarDateSchema.nullable().default(null),
    frameworkKey: z.string().min(1).max(100),
    frameworkVersion: boundedInt(1),
    excludeOwnTeam: z.boolean().default(true),
    /** Share of submitted audits drawn for moderation, 0 < share ≤ 1. */
    moderationShare: z
      .number()
      .gt(0, 'The moderation share must be above 0%.')
      .max(1, 'The moderation share cannot be above 100%.'),
  })
  .refine((round) => round.startDate <= round.endDate, {
    message: 'The round cannot end before it starts.',
    path: ['endDate'],
  })
  .refine((round) => round.kind !== 'thematic' || round.theme !== '', {
    message: 'Say what the thematic audit is about.',
    path: ['theme'],
  });
export type RoundInput = z.infer<typeof roundInputSchema>;

export const roundSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: roundKindSchema,
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  dueDate: z.string().nullable(),
  frameworkKey: z.string(),
  frameworkVersion: z.number(),
  frameworkTitle: z.string(),
  excludeOwnTeam: z.boolean(),
  moderationShare: z.number(),
  sampleSpec: sampleSpecSchema.nullable(),
  sampledAt: z.string().nullable(),
  caseCount: z.number(),
  allocated: z.number(),
  submitted: z.number(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundListSchema = z.object({ rounds: z.array(roundSchema) });
export const roundResponseSchema = z.object({ round: roundSchema });
