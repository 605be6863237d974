/** The agreement dashboard as the API sends it: the report (agreement-report.ts) and the trend. */
import { z } from 'zod';

export const proportionSchema = z.object({
  k: z.number(),
  n: z.number(),
  fraction: z.number().nullable(),
  interval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
});

export const agreementFiguresSchema = z.object({
  key: z.string(),
  label: z.string(),
  pairs: z.number(),
  exact: proportionSchema,
  movedDown: proportionSchema,
  movedUp: proportionSchema,
  kappa: z.number().nullable(),
});
export type AgreementFiguresView = z.infer<typeof agreementFiguresSchema>;

export const agreementTrendRowSchema = z.object({
  periodId: z.string(),
  label: z.string(),
  /** "At least good" as it counts: the moderated grade where a moderator decided. */
  counted: proportionSchema,
  /** The same audits by their auditors' own grades, for comparison. */
  auditors: proportionSchema,
});
export type AgreementTrendRow = z.infer<typeof agreementTrendRowSchema>;

export const agreementResponseSchema = z.object({
  roundId: z.string().nullable(),
  overall: agreementFiguresSchema,
  byAuditor: z.array(agreementFiguresSchema),
  byRound: z.array(agreementFiguresSchema),
  /** Moderations recorded before blind moderation: final grades that count, left out of the figures above. */
  notBlind: z.number(),
  trend: z.array(agreementTrendRowSchema),
});
export type AgreementResponse = z.infer<typeof agreementResponseSchema>;
