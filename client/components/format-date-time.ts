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

/**
 * A moment with its zone, in London time. Text that is not a moment (a draft's half-typed
 * answer, an old export) is shown as it is: a screen never fails over one unreadable date.
 */
export function formatDateTime(iso: string): string {
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? iso : dateTime.format(moment);
}

/**
 * A calendar date 'YYYY-MM-DD', shown without shifting it across midnight; anything else is
 * shown as it is. @example formatDate('2026-12-31') // '31 December 2026'
 */
export function formatDate(calendarDate: string): string {
  const noon = /^\d{4}-\d{2}-\d{2}$/.test(calendarDate) ? new Date(`${calendarDate}T12:00:00Z`) : null;
  return noon && !Number.isNaN(noon.getTime()) ? date.format(noon) : calendarDate;
}
