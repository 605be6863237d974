/**
 * The dates and instants Lantern accepts from outside: calendar dates from 2000-01-01 to
 * 2100-12-31, and timestamps in the same range that carry a zone. Nothing a council audits or
 * plans lies outside it, and a bound keeps every per-day or per-period loop (a report from a
 * baseline to its as-of date, a trend over a range) to a size that cannot stall the server: an
 * as-of date in the year 9999 once made one request build some 96,000 months per measure.
 */
import { z } from 'zod/mini';
import { isZonedTimestamp } from '../metrics/london-date';
import { dateProblem, EARLIEST_DATE, LATEST_DATE } from './date-bounds';

export { dateProblem, EARLIEST_DATE, LATEST_DATE } from './date-bounds';

/**
 * A calendar date (YYYY-MM-DD) from 2000-01-01 to 2100-12-31: the schema for every date that
 * comes in from outside (bodies, query parameters, imported files).
 * @example calendarDateSchema.safeParse('9999-12-31').success // false
 */
export const calendarDateSchema = z.string().check(
  z.superRefine((text, ctx) => {
    const problem = dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/**
 * An RFC 3339 timestamp with a zone (`Z` or an offset) whose UTC date is within the bounds.
 * @example boundedTimestampSchema.safeParse('2026-03-31T10:00:00Z').success // true
 * @example boundedTimestampSchema.safeParse('2026-03-31T10:00:00').success // false: no zone
 */
export const boundedTimestampSchema = z.string().check(
  z.superRefine((text, ctx) => {
    if (!isZonedTimestamp(text)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter a time with its zone, for example 2026-03-31T10:00:00Z.',
      });
      return;
    }
    const utcDate = new Date(text).toISOString().slice(0, 10);
    if (utcDate < EARLIEST_DATE || utcDate > LATEST_DATE) {
      ctx.addIssue({ code: 'custom', message: `Enter a time from ${EARLIEST_DATE} to ${LATEST_DATE}.` });
    }
  }),
);
