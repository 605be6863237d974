/**
 * The demo's earlier practice week, in each service: the one before the past practice week
 * (demo-rounds.ts), thirty weeks back, Monday to Friday, with the same case-file audit. So the QA
 * lead's "Compare two rounds" has two comparable rounds of one tool from the first start: the
 * past week against this one, with realistic figures — its grades follow the demo's own climb
 * from about 35% to about 60% "at least good" (demo-audits.ts), so it reads lower than the past
 * week, and whether the rise is beyond noise is for the screen to say.
 *
 * Its two auditors are the past week's (demo-services.ts), twelve cases each of teams other than
 * their own; every audit submitted, the allocations finished. It was not moderated (the
 * agreement figures are the past week's). Seeded last, after everything that picks the latest
 * audits (case actions, practitioners' responses, notifications), so none of those changes; it
 * then rebuilds the dashboards' counts. Everything is drawn from fixed seeds.
 */
import { ROUND_COLUMNS } from './demo-columns';
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { dateOfDayNumber, weekday } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { rebuildMetricCounts } from '../aggregates/rebuild-metric-counts';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { DEMO_MONTHS } from './demo-audits';
import { insertPastWeekCases } from './past-week-case';
import { practiceWeekRoundName, roundRow } from './demo-rounds';

const WEEKS_BACK = 30;
const CASES_PER_AUDITOR = 12;

/** @returns how many audits the earlier weeks hold, over every service. */
export async function seedDemoEarlierPracticeWeeks(tx: Queryable, ids: DemoIds, now: Date): Promise<number> {
  let audits = 0;
  for (const [n, service] of DEMO_SERVICES.entries()) {
    const random = seededRandom(3030 + n);
    const qaLead = ids.personIds.get(service.qaLead);
    const serviceId = ids.serviceIds.get(service.key);
    const today = londonDayNumber(now.toISOString());
    const monday = addDays(today, -7 * WEEKS_BACK - ((weekday(today) + 6) % 7));
    const roundId = randomUuid(random);
    const name = practiceWeekRoundName(monday);
    const end = dateOfDayNumber(addDays(monday, 4));
    await insertRows(tx, 'rounds', ROUND_COLUMNS, [
      roundRow(roundId, name, dateOfDayNumber(monday), end, end, qaLead, serviceId),
    ]);
    // The demo's climb (demo-audits.ts), so the week's figure is the one its months show.
    const start = new Date(now);
    start.setUTCMonth(start.getUTCMonth() - DEMO_MONTHS);
    const trend = { from: 0.35, to: 0.6, start, end: now };
    const round = { id: roundId, name, dueDate: end, allocatedBy: qaLead };
    const inserted = await insertPastWeekCases(tx, random, ids, service, {
      round,
      monday,
      trend,
      perAuditor: CASES_PER_AUDITOR,
      busy: new Set(),
    });
    audits += inserted.length;
  }
  await rebuildMetricCounts(tx);
  return audits;
}
