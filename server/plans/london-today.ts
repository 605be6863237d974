/** Today's date in Europe/London, the calendar every plan date and period is in. */
import { londonToday as londonTodayAt } from '../../shared/metrics/london-date';
import { calendarDateSchema } from '../../shared/validation/bounded-date';
import { appError } from '../../shared/errors/app-error';

/** The server's "today": the shared London today at the server's clock. */
export function londonToday(now: Date = new Date()): string {
  return londonTodayAt(now.getTime());
}

/** An `asOf` query parameter: a London date, or null when absent. */
export function asOfParam(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  const parsed = calendarDateSchema.safeParse(raw);
  if (!parsed.success)
    throw appError('validation_failed', 'Choose a date to report as of.', [
      { path: 'asOf', message: 'Enter a real date, for example 2019-09-30.' },
    ]);
  return parsed.data;
}
