/**
 * Safeguarding-alert settings from the environment, read when needed (they are few and cheap):
 *   LANTERN_ALERT_ESCALATION_HOURS  working hours before an unacknowledged alert is escalated
 *                                   to the head of service (default 4; Mon–Fri 09:00–17:00 London)
 *   LANTERN_SMTP_URL                e.g. smtp://user:password@mail.council.gov.uk:587; unset: no e-mail
 *   LANTERN_SMTP_FROM               the sender, e.g. "Lantern <lantern@council.gov.uk>"
 *   LANTERN_PUBLIC_URL              the address people open Lantern at, for the link in the e-mail
 * A bad value is reported once on the server log and the default used: an alert must never
 * fail to be raised because of an e-mail setting.
 */

export interface AlertSettings {
  escalationHours: number;
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
  return { escalationHours, smtp: url ? { url, from } : null, publicUrl };
}
