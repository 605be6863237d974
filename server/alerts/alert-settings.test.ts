import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ESCALATION_HOURS, readAlertSettings } from './alert-settings';
import { log as logger } from '../log/logger';

describe('readAlertSettings', () => {
  it('counts bank holidays in England and Wales as closed, with none configured', () => {
    const { closedDays, escalationHours } = readAlertSettings({});
    expect(escalationHours).toBe(DEFAULT_ESCALATION_HOURS);
    for (const day of ['2026-12-25', '2026-12-28', '2027-03-26', '2030-01-01'])
      expect(closedDays.has(day)).toBe(true);
    expect(closedDays.has('2026-12-29')).toBe(false);
  });

  it("adds the council's own closed days and reports the ones it cannot read", () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const { closedDays } = readAlertSettings({
      LANTERN_EXTRA_CLOSED_DAYS: '2026-12-29, 2026-12-30,31/12/2026 2027-02-30',
    });
    expect(closedDays.has('2026-12-29')).toBe(true);
    expect(closedDays.has('2026-12-30')).toBe(true);
    expect(closedDays.has('2026-12-25')).toBe(true);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('ignored 31/12/2026, 2027-02-30'));
    error.mockRestore();
  });
});
