/**
 * How a round's cases are drawn, as the QA lead sets it: at random or stratified (by team,
 * case type, plan type, case flag, worker), with a quota (a share of the eligible cases, a number,
 * or a census of every case that matches), which cases may be drawn at all (case types, case
 * flags, teams, workers, open longer than N months: a thematic audit's group), the exclusions
 * (cases audited in the last N months, closed cases) and the seed that makes the draw
 * reproducible. Kept with the round once used, so anyone can redraw it and get the same cases.
 *
 * Stratifying by case flag needs the flags chosen: a case carrying several of them counts under
 * the FIRST of the chosen flags it carries, in the order the spec lists them (the screen sends
 * them in the council's flag-list order), so each case is in exactly one stratum and the parts
 * add up to the target. The order is kept with the spec, so renaming a flag never changes a redraw.
 */
import { z } from 'zod';

/** What a stratified sample may be split by. */
export const STRATA = ['team', 'caseType', 'planType', 'flag', 'worker'] as const;
export const stratumFieldSchema = z.enum(STRATA);
/** 'team' | 'caseType' | 'planType' | 'flag' (the first chosen flag a case carries) | 'worker' (its practitioner). */
export type StratumField = z.infer<typeof stratumFieldSchema>;

export const STRATUM_LABELS: Record<StratumField, string> = {
  team: 'Team',
  caseType: 'Case type',
  planType: 'Plan type',
  flag: 'Case flag',
  worker: 'Worker',
};

/** A team's or person's id as a spec names it. */
const idSchema = z.string().uuid('Choose from the list.');

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
    /** Only cases of these teams (ids, of the round's service); empty: every team. */
    teamIds: z.array(idSchema).max(500).default([]),
    /** Only cases whose worker (the case's practitioner) is one of these people; empty: any worker. */
    workerIds: z.array(idSchema).max(2000).default([]),
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
  })
  .refine((spec) => spec.method === 'random' || !spec.strata.includes('flag') || spec.flags.length > 0, {
    message:
      'To stratify by case flag, choose the flags: each case counts under the first of them it carries.',
    path: ['flags'],
  })
  .refine((spec) => new Set(spec.strata).size === spec.strata.length, {
    message: 'Choose each thing to stratify by once.',
    path: ['strata'],
  });
/** A sample specification, with defaults filled in. */
export type SampleSpec = z.infer<typeof sampleSpecSchema>;
