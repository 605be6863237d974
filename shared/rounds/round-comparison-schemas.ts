/** Two rounds of one audit tool compared, as the API sends it (shared/metrics/compare-rounds.ts). */
import { z } from 'zod';
import { proportionSchema } from '../moderation/agreement-schemas';
import { roundSchema } from './round-schemas';
import { agencySchema } from '../accounts/agencies';

const differenceSchema = z
  .object({ difference: z.number(), lower: z.number(), upper: z.number(), beyondNoise: z.boolean() })
  .nullable();

export const roundComparisonQuerySchema = z.object({
  first: z.uuid('Choose the first round.'),
  second: z.uuid('Choose the second round.'),
});

const comparedRoundSchema = roundSchema
  .pick({ id: true, name: true, kind: true, theme: true, startDate: true, endDate: true })
  .extend({
    /** Submitted audits of the round written with the compared tool. */
    audits: z.number(),
  });

export const roundComparisonSchema = z.object({
  tool: z.object({ key: z.string(), version: z.number(), title: z.string() }),
  first: comparedRoundSchema,
  second: comparedRoundSchema,
  measures: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      passingLabel: z.string(),
      first: proportionSchema,
      second: proportionSchema,
      difference: differenceSchema,
    }),
  ),
  /** The overall grade "at least good" by the (lead) auditor's agency (compare-rounds-by-agency.ts). */
  byAgency: z.array(
    z.object({
      agency: agencySchema,
      first: proportionSchema,
      second: proportionSchema,
      difference: differenceSchema,
    }),
  ),
});
export type RoundComparison = z.infer<typeof roundComparisonSchema>;
