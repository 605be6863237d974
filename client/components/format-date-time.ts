/** Dates and times as a council worker reads them, in UK time. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A calendar date 'YYYY-MM-DD', shown without shifting it across midnight. */
export function formatDate(calendarDate: string): string {
  return date.format(new Date(`${calendarDate}T12:00:00Z`));
}
