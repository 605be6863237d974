/**
 * The dashboard's question, as it travels in a URL: which item (or any of several), what
 * passes, which audits (teams, case types, audit kinds, case flags, case age, rounds, round
 * themes), how time is bucketed, the London dates, and an optional split by team, case type or
 * agency. Themes are free text that may hold commas, so they travel separated by "|". Parsed at the server's edge into a metric definition; the dashboard
 * builds the same query string, so a trend can be bookmarked and shared.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';
import { metricDefinitionSchema, type MetricDefinition } from '../metrics/metric-definition';

const list = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : [],
  );

/** Which audits, as a query string says it: the dashboard's trend and its table of every item share these. */
export const filterQueryFields = {
  teamIds: list,
  caseTypeIds: list,
  kinds: list,
  /** Case flags (keys): audits of cases carrying any of them. */
  flagIds: list,
  /** Audits of cases open longer than this many months when audited; 0 or absent: any age. */
  openLongerThanMonths: z.coerce
    .number({ error: 'Enter a whole number of months.' })
    .int('Enter a whole number of months.')
    .min(0, 'Enter 0 or more months.')
    .max(600, 'Enter at most 600 months.')
    .default(0),
  /** Rounds (ids): audits written under any of them. */
  roundIds: list,
  /** Round themes (the round's theme text): audits of rounds on any of them. */
  themes: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split('|')
            .map((v) => v.trim())
            .filter(Boolean)
        : [],
    ),
  /** One audit tool (a framework key): its audits only. Absent: every tool's. */
  tool: z.string().max(100).optional(),
};
export const filterQuerySchema = z.object(filterQueryFields);
/** The filter fields of a parsed query. */
export type FilterQuery = z.infer<typeof filterQuerySchema>;

/** A metric's `filters` from the query's: an empty list or 0 months is no filter. Parse the result with metricFiltersSchema. */
export function filtersOfQuery(query: FilterQuery): Record<string, unknown> {
  return {
    ...(query.teamIds.length ? { teamIds: query.teamIds } : {}),
    ...(query.caseTypeIds.length ? { caseTypeIds: query.caseTypeIds } : {}),
    ...(query.kinds.length ? { kinds: query.kinds } : {}),
    ...(query.flagIds.length ? { flagIds: query.flagIds } : {}),
    ...(query.roundIds.length ? { roundIds: query.roundIds } : {}),
    ...(query.themes.length ? { themes: query.themes } : {}),
    ...(query.openLongerThanMonths > 0 ? { openLongerThanMonths: query.openLongerThanMonths } : {}),
    ...(query.tool ? { frameworks: [{ key: query.tool }] } : {}),
  };
}

export const trendQuerySchema = z
  .object({
    item: z.string().optional(),
    anyOf: list,
    passing: list,
    bucket: z
      .enum(['month', 'quarter', 'financial-year', 'financial-quarter', 'practice-week'])
      .default('month'),
    from: calendarDateSchema,
    to: calendarDateSchema,
    ...filterQueryFields,
    /** A split of the figure: by team, case type, or the agency that gave the answers (split-by-agency.ts). */
    groupBy: z.enum(['none', 'team', 'case-type', 'agency']).default('none'),
  })
  .refine((q) => q.from <= q.to, {
    message: 'The start date must be on or before the end date.',
    path: ['from'],
  })
  .refine((q) => Boolean(q.item) !== q.anyOf.length > 0, {
    message: 'Choose one item, or several for "any of".',
    path: ['item'],
  });
export type TrendQuery = z.infer<typeof trendQuerySchema>;

/**
 * The metric a trend query asks for.
 * @returns the parsed definition, or the zod issues when the query is not a valid metric.
 */
export function trendDefinition(query: TrendQuery) {
  return metricDefinitionSchema.safeParse({
    name: 'Dashboard trend',
    source: query.item ? { item: query.item } : { anyOf: query.anyOf },
    passing: query.passing.map((p) => (/^[0-3]$/.test(p) ? Number(p) : p)),
    filters: filtersOfQuery(query),
    bucket: query.bucket,
  } satisfies Record<keyof MetricDefinition, unknown>);
}
