/**
 * A metric: a named percentage over audits, as a plan target states it — which item, what
 * passes, which audits, and how time is bucketed. It is data (stored with a measure, sent to
 * the dashboard), so it has a schema; `evaluateMetric` gives it meaning.
 *
 * @example The council's plan: "at least 60% of audits rated at least good by Sept 2019"
 * { name: 'Audits rated at least good', source: { item: 'overall.grade' }, passing: [0, 1], bucket: 'month' }
 * @example "Feedback from the child, the family or a trusted professional"
 * { name: '…', source: { anyOf: ['feedback.child', 'feedback.parents-carers', 'feedback.professional'] }, passing: ['yes'], bucket: 'quarter' }
 */
import { z } from 'zod';
import {
  frameworkItems,
  itemKeySchema,
  type Framework,
  type FrameworkItem,
} from '../framework/framework-schema';
import { gradeIndexSchema } from './grade-scale';
import { auditKindSchema } from './audit-for-metrics';
import { timeBucketSchema } from './periods';
import { boundedInt } from '../validation/bounded-int';

/** One item (a grade or a question), or "any of" several questions: passes if any answered item passes. */
export const metricSourceSchema = z.union([
  z.object({ item: itemKeySchema }).strict(),
  z.object({ anyOf: z.array(itemKeySchema).min(2) }).strict(),
]);

/** A value that counts as passing: a grade index (0 Outstanding … 3 Inadequate) or a question answer. */
export const passingValueSchema = z.union([gradeIndexSchema, z.enum(['yes', 'partly', 'no'])]);

/** Which audits count. An omitted filter lets every audit through; a filter that is present must name at least one value. */
export const metricFiltersSchema = z.object({
  teamIds: z.array(z.string().min(1)).min(1).optional(),
  caseTypeIds: z.array(z.string().min(1)).min(1).optional(),
  /**
   * The audit tool (a framework key), optionally some of its versions. A metric never mixes tools:
   * every entry names the same key (item keys are stable within a tool, not across tools).
   */
  frameworks: z
    .array(z.object({ key: z.string().min(1), version: boundedInt(1).optional() }))
    .min(1)
    .refine((list) => new Set(list.map((f) => f.key)).size === 1, {
      message: 'A measure counts the audits of one audit tool: choose versions of one tool only.',
    })
    .optional(),
  kinds: z.array(auditKindSchema).min(1).optional(),
  /** Audits written under one of these rounds (round ids): a practice week, a thematic audit. */
  roundIds: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Audits of rounds whose theme is one of these (the round's theme text as the QA lead wrote it,
   * e.g. "Children at risk of exploitation"): every thematic round on a theme, year after year.
   */
  themes: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Audits of cases that carry at least one of these case flags (keys), as the case is flagged now. */
  flagIds: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Audits of cases open longer than this many months when the audit was completed (London day;
   * shared/organisation/case-age.ts). A case with no opened date never passes.
   */
  openLongerThanMonths: z
    .number()
    .int('Enter a whole number of months.')
    .min(1, 'Enter 1 month or more, or leave the case age out.')
    .max(600, 'Enter at most 600 months.')
    .optional(),
});

/** A whole metric definition; `filters` may be omitted (every audit counts). */
export const metricDefinitionSchema = z.object({
  name: z.string().min(1),
  source: metricSourceSchema,
  passing: z.array(passingValueSchema).min(1),
  filters: metricFiltersSchema.default({}),
  bucket: timeBucketSchema,
});

/** `{ item }` or `{ anyOf }`. */
export type MetricSource = z.infer<typeof metricSourceSchema>;
/** 0–3 or 'yes' | 'partly' | 'no'. */
export type PassingValue = z.infer<typeof passingValueSchema>;
/** Which audits count; an omitted filter lets every audit through. */
export type MetricFilters = z.infer<typeof metricFiltersSchema>;
/** A metric definition after parsing (with `filters` filled in). */
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;

/** The item keys a metric reads, one or several. */
export function metricItemKeys(source: MetricSource): readonly string[] {
  return 'item' in source ? [source.item] : source.anyOf;
}

/** Whether a passing value can ever match an answer to an item of this kind. */
function canPass(item: FrameworkItem, value: PassingValue): boolean {
  if (item.kind === 'grade') return typeof value === 'number';
  if (item.kind === 'question') return typeof value === 'string';
  if (item.kind === 'yes-no-note') return value === 'yes' || value === 'no';
  return false;
}

/**
 * Why a metric cannot be counted on a framework version: an item it reads is missing, cannot
 * be counted (free text, actions, a tick box), or can never pass with the passing values given
 * (a grade item with passing ['yes'] would silently be 0%). Empty when the metric is sound.
 * Use it when a measure is saved, so a mistake is caught then rather than on a dashboard.
 * @example metricProblems({ …, source: { item: 'overall.strengths' } }, framework)
 * // ['"Strengths" is free text or a list, which cannot be counted as a percentage.']
 */
export function metricProblems(definition: MetricDefinition, framework: Framework): string[] {
  const items = new Map(frameworkItems(framework).map((item) => [item.key, item]));
  return metricItemKeys(definition.source).flatMap((key) => {
    const item = items.get(key);
    if (!item) return [`"${key}" is not part of version ${framework.version} of "${framework.title}".`];
    if (item.kind !== 'grade' && item.kind !== 'question' && item.kind !== 'yes-no-note') {
      return [`"${item.label}" is free text or a list, which cannot be counted as a percentage.`];
    }
    if (!definition.passing.some((value) => canPass(item, value))) {
      return [
        `No answer to "${item.label}" can pass with the values chosen (${definition.passing.join(', ')}).`,
      ];
    }
    return [];
  });
}
