/**
 * Whole numbers from outside, always with bounds. A JSON number such as 99999999999999999999
 * is a valid double but no column can hold it (PostgreSQL's integer stops at 2,147,483,647),
 * and an unbounded count or version is work or storage the sender chooses; so every integer a
 * request carries says its range, and the largest allowed is what an `integer` column holds.
 */
import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` column. */
export const MAX_STORED_INT = 2_147_483_647;

/**
 * An integer in a JSON body, from `min` to `max` inclusive.
 * @example boundedInt(1, 1000).safeParse(1e20).success // false
 */
export function boundedInt(min: number, max: number = MAX_STORED_INT): z.ZodNumber {
  return z
    .number({ error: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(min, `Enter a number from ${min} to ${max}.`)
    .max(max, `Enter a number from ${min} to ${max}.`);
}

/**
 * An integer written in a query parameter or a path segment: digits only (no sign, exponent,
 * spaces or fraction), at most ten of them, then bounded as `boundedInt`.
 * @example queryInt(1, 200).parse('50') // 50
 */
export function queryInt(min: number, max: number = MAX_STORED_INT) {
  return z
    .string()
    .regex(/^[0-9]{1,10}$/, `Enter a whole number from ${min} to ${max}.`)
    .transform(Number)
    .pipe(boundedInt(min, max));
}

/** The integer in `text` (digits only) when it is from `min` to `max`; otherwise null. */
export function intWithin(text: string, min: number, max: number = MAX_STORED_INT): number | null {
  const parsed = queryInt(min, max).safeParse(text);
  return parsed.success ? parsed.data : null;
}
