/**
 * Safeguarding-alert settings from the environment, read when needed (they are few and cheap):
 *   LANTERN_ALERT_ESCALATION_HOURS  working hours before an unacknowledged alert is escalated
 *                                   to the head of service (default 4; Mon–Fri 09:00–17:00 London)
 *   LANTERN_SMTP_URL                e.g. smtp://user:password@mail.council.gov.uk:587; unset: no e-mail
 *   LANTERN_SMTP_FROM               the sender, e.g. "Lantern <lantern@council.gov.uk>"
 *   LANTERN_PUBLIC_URL              the address people open Lantern at, for the link in the e-mail
 *   LANTERN_EXTRA_CLOSED_DAYS       dates (YYYY-MM-DD, comma-separated) that are not working days
 *                                   beyond the bank holidays of England and Wales, which count
 *                                   already: a one-off holiday, the council's own closure days
 * A bad value is reported once on the server log and the default used: an alert must never
 * fail to be raised because of a setting.
 */
import { englandAndWalesBankHolidays } from '../../shared/alerts/bank-holidays';
import { isCalendarDate } from '../../shared/metrics/calendar-date';
import { log } from '../log/logger';

export interface AlertSettings {
  escalationHours: number;
  /** London dates that are not working days: bank holidays in England and Wales, and the council's own. */
  closedDays: ReadonlySet<string>;
  smtp: { url: string; from: string } | null;
  publicUrl: string;
}

export const DEFAULT_ESCALATION_HOURS = 4;

export function readAlertSettings(env: NodeJS.ProcessEnv): AlertSettings {
  const raw = env.LANTERN_ALERT_ESCALATION_HOURS?.trim();
  const hours = raw ? Number(raw) : DEFAULT_ESCALATION_HOURS;
  const escalationHours =
    Number.isFinite(hours) && hours > 0 && hours <= 400 ? hours : DEFAULT_ESCALATION_HOURS;
  const url = env.LANTERN_SMTP_URL?.trim();
  const from = env.LANTERN_SMTP_FROM?.trim() || 'Lantern <lantern@localhost>';
  const publicUrl = (
    env.LANTERN_PUBLIC_URL?.trim() || `http://localhost:${env.PORT?.trim() || '8080'}`
  ).replace(/\/+$/, '');
  return {
    escalationHours,
    closedDays: closedDaysFor(env.LANTERN_EXTRA_CLOSED_DAYS?.trim() ?? ''),
    smtp: url ? { url, from } : null,
    publicUrl,
  };
}

/** Bank holidays 2000–2100 (a few hundred dates, worked out once). */
let bankHolidays: string[] | null = null;
const closedDaysCache = new Map<string, ReadonlySet<string>>();

function closedDaysFor(extra: string): ReadonlySet<string> {
  const cached = closedDaysCache.get(extra);
  if (cached) return cached;
  bankHolidays ??= Array.from({ length: 101 }, (_, i) => englandAndWalesBankHolidays(2000 + i)).flat();
  const listed = extra.split(/[\s,]+/).filter(Boolean);
  const bad = listed.filter((date) => !isCalendarDate(date));
  if (bad.length > 0)
    log.error(`LANTERN_EXTRA_CLOSED_DAYS: ignored ${bad.join(', ')} (write dates as YYYY-MM-DD)`);
  const days: ReadonlySet<string> = new Set([...bankHolidays, ...listed.filter(isCalendarDate)]);
  closedDaysCache.set(extra, days);
  return days;
}
