/**
 * How long Lantern keeps what it no longer needs, each period a setting with a default that
 * errs on keeping (a council shortens or lengthens them to its own retention schedule). The
 * bounds stop a slip from deleting what a council needs (days typed as years, an audit log
 * kept for a week). known-settings.ts checks every value at start with these rules.
 */

export interface RetentionPeriod {
  name: string;
  defaultDays: number;
  minDays: number;
  maxDays: number;
}

export const RETENTION_PERIODS = {
  /** Sessions that ended (expired, idle too long, signed out) are deleted this long after. */
  endedSessions: { name: 'LANTERN_RETAIN_ENDED_SESSIONS_DAYS', defaultDays: 7, minDays: 0, maxDays: 365 },
  /** Failed sign-ins (the throttle needs only 15 minutes of them; the rest is for inquiries). */
  failedSignIns: { name: 'LANTERN_RETAIN_FAILED_SIGN_INS_DAYS', defaultDays: 30, minDays: 1, maxDays: 3650 },
  /** A snapshot the server refused (a conflict or rejection), once its audit has moved on. */
  refusedSnapshots: {
    name: 'LANTERN_RETAIN_REFUSED_SNAPSHOTS_DAYS',
    defaultDays: 180,
    minDays: 1,
    maxDays: 3650,
  },
  /** The audit log: who saw and changed what. The council's retention period; 7 years unless set. */
  auditLog: { name: 'LANTERN_RETAIN_AUDIT_LOG_DAYS', defaultDays: 2557, minDays: 90, maxDays: 36_500 },
} as const satisfies Record<string, RetentionPeriod>;

export type RetentionSettings = Record<keyof typeof RETENTION_PERIODS, number>;

const isWithin = (period: RetentionPeriod, raw: string): boolean =>
  /^\d+$/.test(raw) && Number(raw) >= period.minDays && Number(raw) <= period.maxDays;

/** What a period's value must be, in the words of a start-up error. */
export const retentionRule = (period: RetentionPeriod) => ({
  ok: (raw: string) => isWithin(period, raw),
  mustBe: `a whole number of days from ${period.minDays} to ${period.maxDays}`,
});

/** The periods from the environment; a value that is not valid keeps its default (start refuses it first). */
export function readRetentionSettings(env: NodeJS.ProcessEnv): RetentionSettings {
  const days = (period: RetentionPeriod): number => {
    const raw = env[period.name]?.trim();
    return raw && isWithin(period, raw) ? Number(raw) : period.defaultDays;
  };
  return {
    endedSessions: days(RETENTION_PERIODS.endedSessions),
    failedSignIns: days(RETENTION_PERIODS.failedSignIns),
    refusedSnapshots: days(RETENTION_PERIODS.refusedSnapshots),
    auditLog: days(RETENTION_PERIODS.auditLog),
  };
}
