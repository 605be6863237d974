/**
 * Case-action settings from the environment:
 *   LANTERN_ACTION_ESCALATION_DAYS  working days after an action's due date on which an action
 *                                   still open is escalated to the case's team managers
 *                                   (default 5; Monday to Friday, bank holidays and
 *                                   LANTERN_EXTRA_CLOSED_DAYS excluded, as for alerts)
 * A bad value is reported once on the server log and the default used.
 */
import { readAlertSettings } from '../alerts/alert-settings';
import { log } from '../log/logger';

export const DEFAULT_ACTION_ESCALATION_DAYS = 5;

export interface CaseActionSettings {
  escalationDays: number;
  closedDays: ReadonlySet<string>;
}

let reported = '';

export function readCaseActionSettings(env: NodeJS.ProcessEnv = process.env): CaseActionSettings {
  const raw = env.LANTERN_ACTION_ESCALATION_DAYS?.trim() ?? '';
  const days = raw ? Number(raw) : DEFAULT_ACTION_ESCALATION_DAYS;
  const valid = Number.isInteger(days) && days >= 1 && days <= 60;
  if (!valid && reported !== raw) {
    reported = raw;
    log.error(
      `LANTERN_ACTION_ESCALATION_DAYS: "${raw}" is not a whole number of days from 1 to 60; using ${DEFAULT_ACTION_ESCALATION_DAYS}`,
    );
  }
  return {
    escalationDays: valid ? days : DEFAULT_ACTION_ESCALATION_DAYS,
    closedDays: readAlertSettings(env).closedDays,
  };
}
