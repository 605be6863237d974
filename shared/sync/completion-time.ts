/**
 * Whether the completion time a device claims for a submitted audit can be believed. The time
 * comes from the tablet's own clock, and a wrong clock (a December audit stamped 30 June) would
 * move a month's figure: an audit belongs to the London month it was completed in. So a
 * completion time is refused when it is
 * - in the future by the server's clock, beyond `CLOCK_SKEW_MINUTES` (a tablet a few minutes
 *   fast is normal; more is a wrong clock), or
 * - before the case was allocated to the auditor (nobody audits a case before they have it),
 *   by more than the same skew (a tablet a few minutes slow may finish a quick audit "before"
 *   the server's allocation time).
 * The server keeps its own receipt time beside the completion time it accepts.
 */
import { isZonedTimestamp, londonOffsetMinutes, parseZonedTimestamp } from '../metrics/london-date';
import { MONTH_NAMES } from '../metrics/month-names';

/** How far ahead of the server's clock a device's completion time may be. */
export const CLOCK_SKEW_MINUTES = 5;

/** The item key a completion-time problem is reported under (the review page's time field). */
export const COMPLETED_AT_KEY = 'completedAt';

/**
 * "30 June 2026 at 14:05" in Europe/London, for messages a person reads.
 * @example londonDateTimeWords(Date.UTC(2026, 5, 30, 13, 5)) // '30 June 2026 at 14:05'
 */
export function londonDateTimeWords(utcMs: number): string {
  const local = new Date(utcMs + londonOffsetMinutes(utcMs) * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${MONTH_NAMES[local.getUTCMonth()]} ${local.getUTCFullYear()} at ${hh}:${mm}`;
}

/**
 * Why a claimed completion time cannot be accepted, in words for the auditor, or null when it
 * can.
 * @param completedAt the device's completion time (with a zone; see zonedTimestampSchema)
 * @param receivedAtMs the server's clock when it received the submission, epoch ms
 * @param allocatedAtMs when the case was first allocated to this auditor, epoch ms (null: unknown)
 * @throws DomainError when `completedAt` is not a timestamp with a zone.
 * @example completionTimeProblem('2026-12-04T10:00:00Z', Date.UTC(2026, 11, 4, 9), null)
 *   // 'The completion time, 4 December 2026 at 10:00, is later than now…'
 */
export function completionTimeProblem(
  completedAt: string,
  receivedAtMs: number,
  allocatedAtMs: number | null,
): string | null {
  const completedMs = parseZonedTimestamp(completedAt);
  const when = londonDateTimeWords(completedMs);
  if (completedMs > receivedAtMs + CLOCK_SKEW_MINUTES * 60_000) {
    return (
      `The completion time, ${when}, is later than now (${londonDateTimeWords(receivedAtMs)}): ` +
      "this device's clock may be wrong. Check its date and time, correct the completion time and submit again."
    );
  }
  if (allocatedAtMs !== null && completedMs < allocatedAtMs - CLOCK_SKEW_MINUTES * 60_000) {
    return (
      `The completion time, ${when}, is before the case was allocated to you ` +
      `(${londonDateTimeWords(allocatedAtMs)}): this device's clock may be wrong. ` +
      'Correct the completion time and submit again.'
    );
  }
  return null;
}

/**
 * The London date and time of an instant, as the review page's fields hold them.
 * @example londonDateTimeFields(Date.UTC(2026, 5, 30, 23, 30)) // { date: '2026-07-01', time: '00:30' }
 */
export function londonDateTimeFields(utcMs: number): { date: string; time: string } {
  const local = new Date(utcMs + londonOffsetMinutes(utcMs) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/**
 * A London date and time a person typed, as a timestamp with its offset (`+01:00` in summer
 * time); null when it is not a real date and time. In the hour the clocks go back (it happens
 * twice) the earlier, summer-time one is meant; in the hour they go forward (it never happens)
 * the time is read as GMT.
 * @example londonTimestampOf('2026-06-30', '15:00') // '2026-06-30T15:00:00+01:00'
 */
export function londonTimestampOf(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const summer = `${date}T${time}:00+01:00`;
  if (!isZonedTimestamp(summer)) return null;
  return londonOffsetMinutes(parseZonedTimestamp(summer)) === 60 ? summer : `${date}T${time}:00+00:00`;
}
