/**
 * The demo's census: per service, a thematic round starting this week whose sample is "every
 * open case flagged At risk of exploitation", stratified by case flag and team, drawn and stored
 * through the sample screen's own code (sample-store.ts) from a fixed seed and not yet allocated.
 * So the sample screen opens on a real flag census with its strata table, and "Draw the case
 * sample" redraws the same cases from the stored spec.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { sampleSpecSchema } from '../../shared/rounds/sample-spec';
import { scopeOfService } from '../auth/service-scope';
import { requireRound } from '../rounds/round-store';
import { drawRoundSample, saveSample } from '../rounds/sample-store';
import type { DemoIds } from './demo-organisation';
import { ROUND_COLUMNS } from './demo-columns';
import { DEMO_SERVICES } from './demo-services';
import { DEFAULT_FRAMEWORK_REF } from './synthetic-answers';

export const DEMO_CENSUS_ROUND_NAME = 'Exploitation census: every child flagged at risk';
const EXPLOITATION_LABEL = 'At risk of exploitation';

export async function seedDemoCensusRounds(tx: Queryable, ids: DemoIds, now: Date): Promise<void> {
  const [flag] = await tx.query<{ key: string }>('SELECT key FROM case_flags WHERE label = $1', [
    EXPLOITATION_LABEL,
  ]);
  if (!flag) return;
  // Starts two days ago: after the demo's past rounds, before the current practice week.
  const today = londonDayNumber(now.toISOString());
  for (const [n, service] of DEMO_SERVICES.entries()) {
    const random = seededRandom(2015 + n);
    const serviceId = ids.serviceIds.get(service.key) ?? '';
    const roundId = randomUuid(random);
    await insertRows(tx, 'rounds', ROUND_COLUMNS, [
      {
        id: roundId,
        name: DEMO_CENSUS_ROUND_NAME,
        kind: 'thematic',
        theme: 'Children at risk of sexual and criminal exploitation',
        start_date: dateOfDayNumber(addDays(today, -2)),
        end_date: dateOfDayNumber(addDays(today, 12)),
        due_date: dateOfDayNumber(addDays(today, 19)),
        framework_key: DEFAULT_FRAMEWORK_REF.key,
        framework_version: DEFAULT_FRAMEWORK_REF.version,
        moderation_share: 0.2,
        created_by: ids.personIds.get(service.qaLead),
        service_id: serviceId,
      },
    ]);
    const round = await requireRound(tx, roundId, scopeOfService(serviceId));
    const spec = sampleSpecSchema.parse({
      method: 'stratified',
      strata: ['flag', 'team'],
      quota: { kind: 'all' },
      flags: [flag.key],
      excludeAuditedWithinMonths: 0,
      seed: 1515 + n,
    });
    await saveSample(tx, round, spec, await drawRoundSample(tx, round, spec));
  }
}
