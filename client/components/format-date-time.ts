/**
 * Dates and times as a council worker reads and writes them, in UK time: "31 December 2026" and
 * "31 December 2026 at 14:05" (the GOV.UK style: the month in full, never an ISO date on screen).
 * Every screen shows dates through these functions.
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A calendar date 'YYYY-MM-DD', shown without shifting it across midnight. @example formatDate('2026-12-31') // '31 December 2026' */
export function formatDate(calendarDate: string): string {
  return date.format(new Date(`${calendarDate}T12:00:00Z`));
}
