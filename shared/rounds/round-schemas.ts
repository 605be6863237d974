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

/** One audit tool (framework key) at one version. */
export const roundToolRefSchema = z.object({
  key: z.string().min(1, 'Choose a tool.').max(100),
  version: boundedInt(1),
});

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
    dueDate: z._default(z.nullable(calendarDateSchema), null),
    frameworkKey: z.string().min(1).max(100),
    frameworkVersion: boundedInt(1),
    /** The round's other audit tools, one published version of each; each case is audited with one of them. */
    otherTools: z.array(roundToolRefSchema).max(10, 'A round uses at most 11 tools.').default([]),
    /** A self-audit by the case's own team comes first, then the independent audit. */
    selfAudit: z.boolean().default(false),
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
  .superRefine((round, ctx) => {
    const seen = new Set([round.frameworkKey]);
    round.otherTools.forEach((tool, i) => {
      if (seen.has(tool.key))
        ctx.addIssue({
          code: 'custom',
          message: 'This tool is already one of the round’s tools.',
          path: ['otherTools', i, 'key'],
        });
      seen.add(tool.key);
    });
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
  /** Every tool the round uses, its first (frameworkKey) first. */
  tools: z.array(z.object({ key: z.string(), version: z.number(), title: z.string() })),
  selfAudit: z.boolean(),
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
