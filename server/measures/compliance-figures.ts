/**
 * A compliance measure's figures: the case actions of its plan's service, of its
 * teams and round, read by the same query as the compliance screen (actionsForCompliance) and
 * counted per period of their due date by the same rule (compliancePerPeriod →
 * actionCompliance), as of the measure's as-of date.
 */
import type { Queryable } from '../db/database';
import { scopeOfService } from '../auth/service-scope';
import { actionsForCompliance } from '../case-actions/case-action-compliance-store';
import { compliancePerPeriod, type ComplianceFilters } from '../../shared/case-actions/compliance-measure';
import { periodBucketer, type Period, type TimeBucket } from '../../shared/metrics/periods';
import type { Proportion } from '../../shared/metrics/proportion';

export async function complianceFigures(
  db: Queryable,
  serviceId: string | null,
  filters: ComplianceFilters,
  bucket: TimeBucket,
  range: { from: string; to: string },
): Promise<{ period: Period; figure: Proportion }[]> {
  const teams = new Set(filters.teamIds);
  const actions = (await actionsForCompliance(db, scopeOfService(serviceId)))
    .filter((a) => teams.size === 0 || teams.has(a.team_id))
    .filter((a) => filters.roundId === null || a.round_id === filters.roundId)
    .map((a) => ({ state: a.state, dueDate: a.due_date, completedOn: a.completed_on }));
  return compliancePerPeriod(actions, periodBucketer(bucket), range.from, range.to, range.to);
}

/** Whose actions the measure counts, in words: "the case actions of the audits of Team A in Round 3 (…)". */
export async function complianceWords(db: Queryable, filters: ComplianceFilters): Promise<string> {
  const teams = await db.query<{ name: string }>(
    'SELECT name FROM teams WHERE id::text = ANY($1::text[]) ORDER BY name',
    [filters.teamIds],
  );
  const [round] = filters.roundId
    ? await db.query<{ name: string }>('SELECT name FROM rounds WHERE id::text = $1', [filters.roundId])
    : [];
  const whose =
    teams.length === 0 ? 'every team’s audits' : `the audits of ${teams.map((t) => t.name).join(', ')}`;
  return `the case actions of ${whose}${round ? ` in ${round.name}` : ''} (post-audit compliance: done on time, in the period each was due)`;
}
