/** The schema for a timestamp with a zone, apart from london-date.ts so its functions load without zod. */
import { z } from 'zod/mini';
import { isZonedTimestamp } from './london-date';

/** A zod schema for a timestamp that must carry a zone; use it at every edge that takes one. */
export const zonedTimestampSchema = z.string().check(
  z.refine(isZonedTimestamp, {
    message: 'Expected a time with a zone, e.g. "2019-03-31T10:15:00Z" or "2019-03-31T11:15:00+01:00".',
  }),
);
