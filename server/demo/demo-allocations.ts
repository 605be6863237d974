/**
 * The demo's current practice week in each service: each demo auditor has twelve of their
 * service's cases allocated, not yet audited, due at the end of the week, so a visitor can
 * audit offline straight away. The second auditor of each service also has two cases carried
 * over from last week, due two days ago and now late (the round view shows them overdue, and
 * the auditor and QA lead were told: demo-notifications.ts).
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { ALLOCATION_COLUMNS } from './demo-columns';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { DEFAULT_FRAMEWORK_REF } from './synthetic-answers';

export const DEMO_ALLOCATIONS_PER_AUDITOR = 12;

export function practiceWeekName(now: Date): string {
  return `Practice week — ${now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' })}`;
}

export async function seedDemoAllocations(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  seed = 26,
): Promise<number> {
  const random = seededRandom(seed);
  const due = new Date(now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
  const late = new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  const rows = DEMO_SERVICES.flatMap((service) =>
    service.auditors.map((key, a) => ({ key, a, service: service.key })),
  ).flatMap(({ key, a, service }) => {
    const auditorId = ids.personIds.get(key);
    // Different cases for each auditor, of their own service, never from their own team.
    const ownTeam = ids.people.get(key)?.team;
    const pool = ids.cases.filter((c) => c.serviceKey === service && c.teamKey !== ownTeam);
    return Array.from({ length: DEMO_ALLOCATIONS_PER_AUDITOR }, (_, i) => {
      const c = pool[((a * DEMO_ALLOCATIONS_PER_AUDITOR + i) * 7) % pool.length];
      return {
        id: randomUuid(random),
        case_id: c?.id,
        auditor_id: auditorId,
        framework_key: DEFAULT_FRAMEWORK_REF.key,
        framework_version: DEFAULT_FRAMEWORK_REF.version,
        round_name: practiceWeekName(now),
        due_date: a === 1 && i >= DEMO_ALLOCATIONS_PER_AUDITOR - 2 ? late : due,
      };
    });
  });
  await insertRows(tx, 'allocations', { ...ALLOCATION_COLUMNS, round_name: 'text', due_date: 'date' }, rows);
  return rows.length;
}
