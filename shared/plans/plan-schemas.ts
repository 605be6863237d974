/**
 * What the plan screens send: every request body is parsed through one of these at the
 * server's edge (and the forms use the same rules), so a plan, area, action, note, RAG,
 * measure or finding link is never stored half-valid.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';
import { metricDefinitionSchema } from '../metrics/metric-definition';
import { amountTrajectorySchema, trajectorySchema } from '../metrics/trajectory';
import { measureDirectionSchema, measureKindSchema } from '../metrics/measure-kind';
import { extractMappingSchema } from './measure-extract';
import { timeBucketSchema } from '../metrics/periods';
import { tableChoiceFields } from '../imports/table-choice';
import {
  areaNounSchema,
  managerRagSchema,
  planSourceKindSchema,
  recurrenceSchema,
  timescaleSchema,
} from './plan-vocabulary';
import { personEmailSchema } from '../accounts/person-schemas';
import { agencySchema } from '../accounts/agencies';
import { boundedInt } from '../validation/bounded-int';
import { complianceFiltersSchema } from '../case-actions/compliance-measure';

const text = (max: number, required = 'Enter this') => z.string().trim().min(1, required).max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');
const optionalDate = z.union([calendarDateSchema, z.literal('')]).optional();

export const planSourceSchema = z.object({
  kind: planSourceKindSchema,
  title: text(200, 'Enter where this came from'),
  date: optionalDate,
});

export const planInputSchema = z.object({
  title: text(200, 'Enter the plan’s title'),
  kind: z.enum(['inspection', 'merged']),
  areaNoun: areaNounSchema.default('area for improvement'),
  sources: z.array(planSourceSchema).max(20).default([]),
});
export type PlanInput = z.infer<typeof planInputSchema>;

/** The month a recurrence starts, as a month field sends it (YYYY-MM) or its first day; stored as YYYY-MM-01. */
export const startMonthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'Enter the month it starts, such as April 2027')
  .transform((m) => `${m.slice(0, 7)}-01`);
const optionalMonth = z.union([startMonthSchema, z.literal('')]).optional();

/** "What will be different for children": one statement a line, blank lines dropped. */
export const outcomesSchema = z
  .array(z.string().trim().max(1000, 'Keep each outcome statement to 1000 characters'))
  .max(20, 'Keep to 20 outcome statements')
  .default([])
  .transform((lines) => lines.filter((l) => l.length > 0));

const recurringNeedsStart = {
  message: 'Choose how often and the month it starts',
  path: ['recurrenceStart'],
};

export const areaInputSchema = z
  .object({
    reference: text(20, 'Enter the reference, such as 1 or A'),
    title: text(2000, 'Enter the area for improvement'),
    theme: optionalText(100),
    source: optionalText(200),
    timescale: timescaleSchema,
    timescaleDate: optionalDate,
    recurrence: recurrenceSchema.optional(),
    recurrenceStart: optionalMonth,
    outcomes: outcomesSchema,
  })
  .refine((a) => a.timescale !== 'by-date' || Boolean(a.timescaleDate), {
    message: 'Enter the date the area must be addressed by',
    path: ['timescaleDate'],
  })
  .refine(
    (a) => a.timescale !== 'recurring' || Boolean(a.recurrence && a.recurrenceStart),
    recurringNeedsStart,
  );
export type AreaInput = z.infer<typeof areaInputSchema>;

const actionFieldsObject = z.object({
  number: text(20, 'Enter the action number, such as 1.4 or A1'),
  description: text(4000, 'Describe the action'),
  owner: optionalText(200),
  targetDate: optionalDate,
  /** '' (by its target date), 'ongoing', or 'recurring' with a frequency and start month. */
  timescale: z.enum(['', 'ongoing', 'recurring']).default(''),
  recurrence: recurrenceSchema.optional(),
  recurrenceStart: optionalMonth,
  /** The other areas of the plan this action also answers ("A1 & A2"). */
  alsoAreaIds: z.array(z.uuid('Choose an area of this plan')).max(50).default([]),
  /** A partner owner (a guest of this plan) who updates its progress; '' for none. */
  ownerPersonId: z.union([z.uuid('Choose a partner owner of this plan'), z.literal('')]).default(''),
});
const recurringAction = (a: { timescale: string; recurrence?: string; recurrenceStart?: string }) =>
  a.timescale !== 'recurring' || Boolean(a.recurrence && a.recurrenceStart);
export const actionFieldsSchema = actionFieldsObject.refine(recurringAction, recurringNeedsStart);
export const actionInputSchema = actionFieldsObject
  .extend({ areaId: z.uuid('Choose the area') })
  .refine(recurringAction, recurringNeedsStart);
export type ActionInput = z.infer<typeof actionInputSchema>;

/** A new target date for an action: the original is kept in its history. */
export const targetRevisionSchema = z.object({
  targetDate: calendarDateSchema,
  reason: text(2000, 'Say why the target date is changing'),
});

/** Actions of an older plan (of the same service) carried into one area of this plan. */
export const carryForwardSchema = z.object({
  fromPlanId: z.uuid('Choose the plan to carry actions from'),
  areaId: z.uuid('Choose the area they go under'),
  actionIds: z.array(z.uuid()).min(1, 'Choose at least one action to carry forward').max(200),
});

/** A partner agency's owner of some of the plan's actions: a guest of the plan until a last day. */
export const partnerOwnerSchema = z.object({
  name: text(200, 'Enter their full name'),
  email: personEmailSchema,
  organisation: text(200, 'Enter the organisation they come from, like "City NHS Trust"'),
  agency: agencySchema,
  lastDay: calendarDateSchema,
  actionIds: z.array(z.uuid()).max(200).default([]),
});
export type PartnerOwnerInput = z.input<typeof partnerOwnerSchema>;

export const noteInputSchema = z.object({ text: text(4000, 'Write the progress note') });

export const ragInputSchema = z.object({
  rag: managerRagSchema,
  reason: text(2000, 'Say why the RAG is what it is'),
});

export const signOffInputSchema = z.object({
  signedOff: z.boolean(),
  note: text(2000, 'Record the evidence panel’s decision'),
});

const fraction = z
  .number()
  .min(0, 'Enter a percentage from 0 to 100')
  .max(1, 'Enter a percentage from 0 to 100');
const measureCommon = {
  title: text(300, 'Name the measure'),
  trajectory: trajectorySchema,
  tolerance: fraction.default(0.1),
  minimumN: z.number().int().min(1).max(1000).default(5),
  direction: measureDirectionSchema.default('higher'),
};
/**
 * A measure bound to audits (a metric), to post-audit compliance (case actions done on time), or
 * entered by hand per period: a share (percentage, or numerator and denominator), a count or a
 * rate (shared/metrics/measure-kind.ts). A count's or rate's trajectory and tolerance are in its
 * own units; with no tolerance given it gets `defaultTolerance`.
 */
export const measureInputSchema = z.discriminatedUnion('source', [
  z.object({ ...measureCommon, source: z.literal('audits'), metric: metricDefinitionSchema }),
  z
    .object({
      ...measureCommon,
      source: z.literal('manual'),
      bucket: timeBucketSchema.exclude(['practice-week']),
      kind: measureKindSchema.default('share'),
      unit: optionalText(100),
      trajectory: amountTrajectorySchema,
      tolerance: z.number().min(0, 'Enter a tolerance from 0').max(1e9).optional(),
    })
    .superRefine((m, ctx) => {
      if (m.kind !== 'share') return;
      if (!trajectorySchema.safeParse(m.trajectory).success)
        ctx.addIssue({
          code: 'custom',
          path: ['trajectory'],
          message: 'Enter the baseline and targets as percentages from 0 to 100',
        });
      if (m.tolerance !== undefined && m.tolerance > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['tolerance'],
          message: 'Enter a tolerance from 0 to 100 points',
        });
    }),
  z.object({
    ...measureCommon,
    source: z.literal('case_actions'),
    compliance: complianceFiltersSchema,
    bucket: timeBucketSchema.exclude(['practice-week']),
  }),
]);
export type MeasureInput = z.infer<typeof measureInputSchema>;

/**
 * One period's hand-entered figure: any date in the period, the value (a fraction for a share,
 * the number for a count or rate: checked against the measure's kind by checkFigure in
 * measure-values.ts), and optionally a share's count.
 */
export const measureValueInputSchema = z
  .object({
    date: calendarDateSchema,
    value: z.number().min(0, 'Enter a number from 0').max(1e9, 'Enter a smaller number'),
    k: boundedInt(0).optional(),
    n: boundedInt(1).optional(),
    note: optionalText(500),
  })
  .refine((v) => (v.k === undefined) === (v.n === undefined), {
    message: 'Give both the number that passed and the number counted, or neither',
    path: ['n'],
  })
  .refine((v) => v.k === undefined || v.n === undefined || v.k <= v.n, {
    message: 'The number that passed cannot be more than the number counted',
    path: ['k'],
  });
export type MeasureValueInput = z.infer<typeof measureValueInputSchema>;

/** A monthly performance extract for a measure kept by hand: previewed, then imported (`apply`). */
export const measureExtractInputSchema = z.object({
  fileName: z.string().trim().min(1, 'Choose a file').max(255),
  /** The file's bytes, base64-encoded. */
  content: z.string().min(1, 'The file is empty').max(1_000_000, 'The file is larger than 700 KB'),
  ...tableChoiceFields,
  /** The columns to read; none: proposed from the headers. */
  mapping: extractMappingSchema.optional(),
  /** false: preview only (nothing is written); true: import every row, or none. */
  apply: z.boolean().default(false),
});

export const findingLinkInputSchema = z.object({
  auditId: z.uuid(),
  itemKey: z.string().min(1).max(200),
  itemIndex: z.number().int().min(0).max(100).default(0),
});

/** An existing plan kept in a spreadsheet or a Word table saved as CSV. */
export const planImportSchema = z.object({
  title: text(200, 'Enter the plan’s title'),
  kind: z.enum(['inspection', 'merged']).default('inspection'),
  areaNoun: areaNounSchema.default('area for improvement'),
  fileName: z.string().trim().min(1, 'Choose a file').max(255),
  /** The file's bytes, base64-encoded. */
  content: z
    .string()
    .min(1, 'The file is empty')
    .max(1_000_000, 'The file is larger than 700 KB: import the plan sheet on its own'),
  /** The workbook's sheet and the CSV's character set, when the reader had to ask. */
  ...tableChoiceFields,
});
