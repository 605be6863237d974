import { describe, expect, it } from 'vitest';
import { compareRoundsByAgency } from './compare-rounds-by-agency';
import { defaultFrameworkV1 } from '../framework/default-framework';
import type { Agency } from '../accounts/agencies';
import { gradedAudits } from './graded-audit-fixtures';
import type { AuditWithAgency } from './split-by-agency';

const framework = defaultFrameworkV1();

/** n audits led by `agency`, the first `good` graded Good overall, the rest Inadequate. */
function audits(prefix: string, agency: Agency, good: number, n: number): AuditWithAgency[] {
  return gradedAudits(framework, `${prefix}-${agency}`, good, n, '2026-05-05T10:00:00Z').map((audit) => ({
    auditorAgency: agency,
    overallGradeKey: framework.overallGradeKey,
    audit,
  }));
}

describe('compareRoundsByAgency', () => {
  const rows = compareRoundsByAgency(
    framework,
    [...audits('a', 'social_care', 12, 20), ...audits('a', 'health', 3, 4)],
    [...audits('b', 'social_care', 9, 20), ...audits('b', 'police', 1, 2)],
  );

  it('gives each agency its figure in each round, in the list’s order, and only agencies with audits', () => {
    expect(rows.map((r) => r.agency)).toEqual(['social_care', 'health', 'police']);
    expect(rows[0]).toMatchObject({ first: { k: 12, n: 20 }, second: { k: 9, n: 20 } });
    // By hand (newcombe-interval.test.ts): 12/20 − 9/20 = 0.15, interval −0.147953 to 0.413854.
    expect(rows[0]?.difference?.lower).toBeCloseTo(-0.147953, 5);
    expect(rows[0]?.difference?.upper).toBeCloseTo(0.413854, 5);
  });

  it('has no difference where one round has no audit of the agency', () => {
    expect(rows[1]).toMatchObject({ first: { k: 3, n: 4 }, second: { k: 0, n: 0 }, difference: null });
    expect(rows[2]).toMatchObject({ first: { n: 0 }, second: { k: 1, n: 2 }, difference: null });
  });
});
