/**
 * The demo organisation's set-up, made with the same functions an admin's screens use
 * (server/admin/): the council's case flags (createFlag), named team managers
 * (setTeamManagers), a head of service per service (setHeadOfService), and on each case its
 * flags and the date it was opened. Some teams are left without a named manager on purpose:
 * the demo then shows the set-up problems an admin and a QA lead see. Seeded, so every demo is
 * the same.
 */
import type { Queryable } from '../db/database';
import { createFlag } from '../admin/case-labels-store';
import { setHeadOfService, setTeamManagers } from '../admin/teams-store';
import { dateOfDayNumber, dayNumberOf } from '../../shared/metrics/calendar-date';
import { addDays } from '../../shared/metrics/time-values';
import { randomInt, seededRandom } from '../../shared/random/seeded-random';
import type { DemoIds } from './demo-organisation';

/** The council's flags (PRODUCT.md's examples). */
export const DEMO_FLAGS = [
  'Child protection plan',
  'Child in need plan',
  'Looked after',
  'At risk of exploitation',
  'Disabled child',
  'Care leaver',
] as const;

/** Named team managers by team key: the demo people whose job is managing that team. */
export const DEMO_TEAM_MANAGERS: Record<string, readonly string[]> = {
  'assess-a': ['auditor1'],
  'care-leavers': ['auditor4'],
};

/** Demo people (keys) who head their service. */
export const DEMO_HEADS_OF_SERVICE = ['manager', 'manager2'] as const;

/** The flags a case of each type always carries (by flag label). */
const FLAGS_BY_CASE_TYPE: Record<string, readonly string[]> = {
  'child-protection': ['Child protection plan'],
  'child-in-need': ['Child in need plan'],
  'child-looked-after': ['Looked after'],
  'care-leaver': ['Care leaver'],
};

export async function seedDemoSetUp(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  seed = 20_260_113,
): Promise<void> {
  const random = seededRandom(seed);
  const flagKey = new Map<string, string>();
  for (const label of DEMO_FLAGS) flagKey.set(label, (await createFlag(tx, label)).key);

  for (const [team, people] of Object.entries(DEMO_TEAM_MANAGERS)) {
    const teamId = ids.teamIds.get(team);
    const managerIds = people.flatMap((key) => ids.personIds.get(key) ?? []);
    if (teamId && managerIds.length > 0) await setTeamManagers(tx, teamId, managerIds);
  }
  for (const key of DEMO_HEADS_OF_SERVICE) {
    const personId = ids.personIds.get(key);
    if (!personId) continue;
    const [person] = await tx.query<{ service_id: string | null }>(
      'SELECT service_id FROM people WHERE id = $1',
      [personId],
    );
    if (person?.service_id) await setHeadOfService(tx, person.service_id, personId);
  }

  // Flags from the case type, plus about one case in ten at risk of exploitation and the
  // disabled children team's cases flagged as such; opened between a month and five years ago.
  const today = dayNumberOf(now.toISOString().slice(0, 10));
  const rows = ids.cases.map((c) => {
    const labels = new Set<string>(FLAGS_BY_CASE_TYPE[c.caseType] ?? []);
    if (randomInt(random, 0, 9) === 0) labels.add('At risk of exploitation');
    if (c.teamKey === 'disabled-children') labels.add('Disabled child');
    return {
      id: c.id,
      flags: [...labels].flatMap((label) => flagKey.get(label) ?? []),
      openedOn: dateOfDayNumber(addDays(today, -randomInt(random, 30, 1_825))),
    };
  });
  await tx.query(
    `UPDATE cases c SET flags = x.flags, opened_on = x.opened_on
     FROM jsonb_to_recordset($1::jsonb) AS x (id uuid, flags text[], opened_on date) WHERE c.id = x.id`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, flags: r.flags, opened_on: r.openedOn })))],
  );
}
