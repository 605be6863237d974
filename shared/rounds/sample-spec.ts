/**
 * How a round's cases are drawn, as the QA lead sets it: at random or stratified (by team,
 * case type, plan type), with a quota (a share of the eligible cases, or a number), which cases
 * may be drawn at all (case types, case flags, open longer than N months: a thematic audit's
 * group), the exclusions (cases audited in the last N months, closed cases) and the seed that
 * makes the draw reproducible. Kept with the round once used, so anyone can redraw it and get
 * the same cases.
 */
import { z } from 'zod';

/** What a stratified sample may be split by. */
export const STRATA = ['team', 'caseType', 'planType'] as const;
export const stratumFieldSchema = z.enum(STRATA);
/** 'team' | 'caseType' | 'planType'. */
export type StratumField = z.infer<typeof stratumFieldSchema>;

export const STRATUM_LABELS: Record<StratumField, string> = {
  team: 'Team',
  caseType: 'Case type',
  planType: 'Plan type',
};

/** "5% of eligible cases", "40 cases", or a census: "every case that matches" (no quota). */
export const quotaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('percent'),
    value: z.number().gt(0, 'Enter a share above 0%.').max(100, 'A share cannot be above 100%.'),
  }),
  z.object({
    kind: z.literal('count'),
    value: z.number().int('Enter a whole number of cases.').min(1, 'Draw at least one case.').max(100_000),
  }),
]);
export type Quota = z.infer<typeof quotaSchema>;

export const sampleSpecSchema = z
  .object({
    method: z.enum(['random', 'stratified']),
    /** Required (at least one) when the method is stratified; ignored otherwise. */
    strata: z.array(stratumFieldSchema).max(STRATA.length).default([]),
    quota: quotaSchema,
    /** Only cases of these case types (keys); empty: every type. */
    caseTypes: z.array(z.string().min(1)).max(200).default([]),
    /** Only cases carrying at least one of these case flags (keys); empty: flags do not matter. */
    flags: z.array(z.string().min(1)).max(200).default([]),
    /** Only cases opened more than this many months before the round starts (shared/organisation/case-age.ts); 0: any age. */
    openLongerThanMonths: z
      .number()
      .int('Enter a whole number of months.')
      .min(0, 'Enter 0 or more months.')
      .max(600, 'Enter at most 600 months.')
      .default(0),
    excludeClosed: z.boolean().default(true),
    /** Leave out cases with a submitted audit completed in this many months before the round starts; 0 keeps them. */
    excludeAuditedWithinMonths: z.number().int().min(0).max(60).default(12),
    seed: z.number().int().min(0).max(2_147_483_647),
  })
  .refine((spec) => spec.method === 'random' || spec.strata.length > 0, {
    message: 'Choose at least one thing to stratify by.',
    path: ['strata'],
  });
/** A sample specification, with defaults filled in. */
export type SampleSpec = z.infer<typeof sampleSpecSchema>;
