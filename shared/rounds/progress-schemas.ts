/** A round's progress, live: allocated, started, submitted and moderated, per auditor and per team. */
import { z } from 'zod';

export const progressCountsSchema = z.object({
  allocated: z.number(),
  started: z.number(),
  submitted: z.number(),
  moderated: z.number(),
  overdue: z.number(),
});
export type ProgressCounts = z.infer<typeof progressCountsSchema>;

export const progressRowSchema = progressCountsSchema.extend({ id: z.string(), name: z.string() });
export type ProgressRow = z.infer<typeof progressRowSchema>;

export const roundProgressSchema = z.object({
  total: progressCountsSchema,
  byAuditor: z.array(progressRowSchema),
  byTeam: z.array(progressRowSchema),
  /** Server time of the figures, so the screen can say how fresh they are. */
  asOf: z.string(),
});
export type RoundProgress = z.infer<typeof roundProgressSchema>;
