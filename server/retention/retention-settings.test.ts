/** The retention periods: defaults that err on keeping, and start refusing a value out of bounds. */
import { describe, expect, it } from 'vitest';
import { readRetentionSettings } from './retention-settings';
import { settingValueProblems } from '../known-settings';

describe('retention settings', () => {
  it('defaults to keeping ended sessions 7 days, failed sign-ins 30, refused snapshots 180, the audit log 7 years', () => {
    expect(readRetentionSettings({})).toEqual({
      endedSessions: 7,
      failedSignIns: 30,
      refusedSnapshots: 180,
      auditLog: 2557,
    });
  });

  it('reads the periods a council sets', () => {
    expect(
      readRetentionSettings({
        LANTERN_RETAIN_ENDED_SESSIONS_DAYS: '0',
        LANTERN_RETAIN_FAILED_SIGN_INS_DAYS: ' 90 ',
        LANTERN_RETAIN_REFUSED_SNAPSHOTS_DAYS: '365',
        LANTERN_RETAIN_AUDIT_LOG_DAYS: '3653',
      }),
    ).toEqual({ endedSessions: 0, failedSignIns: 90, refusedSnapshots: 365, auditLog: 3653 });
  });

  it.each([
    ['LANTERN_RETAIN_ENDED_SESSIONS_DAYS', '-1', 'from 0 to 365'],
    ['LANTERN_RETAIN_FAILED_SIGN_INS_DAYS', '0', 'from 1 to 3650'],
    ['LANTERN_RETAIN_REFUSED_SNAPSHOTS_DAYS', 'six months', 'from 1 to 3650'],
    // Years typed for days: a week of audit log is below any council's period.
    ['LANTERN_RETAIN_AUDIT_LOG_DAYS', '7', 'from 90 to 36500'],
    ['LANTERN_RETAIN_AUDIT_LOG_DAYS', '2557.5', 'from 90 to 36500'],
  ])('stops the start when %s is "%s"', (name, value, words) => {
    expect(settingValueProblems({ [name]: value })).toEqual([
      `${name} must be a whole number of days ${words} (got "${value}")`,
    ]);
  });
});
