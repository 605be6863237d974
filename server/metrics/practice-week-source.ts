/**
 * The practice weeks a dashboard can bucket by. Until practice weeks are set up as rounds
 * with their own dates (the QA lead's rounds), they are read from the audits themselves:
 * each Monday-to-Sunday London week in which practice-week audits were completed.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import type { PracticeWeek } from '../../shared/metrics/practice-weeks';

export async function practiceWeeksBetween(
  db: Queryable,
  scope: DataScope,
  from: string,
  to: string,
): Promise<PracticeWeek[]> {
  const params: unknown[] = [from, to];
  const rows = await db.query<{ monday: string }>(
    `SELECT DISTINCT date_trunc('week', completed_at AT TIME ZONE 'Europe/London')::date AS monday
     FROM audits WHERE status = 'submitted' AND NOT deleted AND kind = 'practice_week' AND stage = 'independent'
       AND completed_at >= $1::date - 7 AND completed_at < $2::date + 8
       AND ${inScope(scope, { team: 'team_id' }, params)}
     ORDER BY 1`,
    params,
  );
  return rows.map(({ monday }) => {
    const start = new Date(`${monday}T00:00:00Z`);
    const end = new Date(start.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
    const label = start.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return { id: `PW-${monday}`, label: `Practice week of ${label}`, startDate: monday, endDate: end };
  });
}
