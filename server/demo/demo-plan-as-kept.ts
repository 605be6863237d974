/**
 * The demo plans as councils keep them, laid over the plans demo-plan.ts seeds: each
 * area's outcome statements; an Ongoing action and a quarterly one; action B1 revised to a later
 * date (the original kept in its history); action C1 also answering F ("C1 & F"); an older,
 * closed plan whose open action is carried forward into the current one with its history (its
 * completed one left behind); and,
 * in the first service, a partner owner from health (a guest of the plan) who owns action C2
 * and has added a progress note. All synthetic; e-mails @demo.lantern.invalid.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { dateOfDayNumber } from '../../shared/metrics/calendar-date';
import { addDays, type DayNumber } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';

const OUTCOMES: Record<string, string[]> = {
  A: [
    'Children receive consistently good help because practice is checked and improved every month.',
    'At least 85% of audited cases are good or better.',
  ],
  B: ['Children’s plans do not drift: every decision in supervision is recorded with its reason.'],
  C: [
    'Children are seen alone and say their views have changed what happens to them.',
    'Children’s words are quoted in their plans.',
  ],
  D: ['Families and trusted professionals tell us their feedback made a difference.'],
  E: ['Children who go missing are offered, and take up, a return home interview.'],
  F: ['Every plan says what must change for the child, by when, and who will do it.'],
};

/** The first day of the month `offset` months from a London day number. */
function monthStart(day: DayNumber, offset: number): string {
  const [y, m] = dateOfDayNumber(day).split('-').map(Number);
  const index = (y ?? 2026) * 12 + (m ?? 1) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export async function seedDemoPlanAsKept(tx: Queryable, ids: DemoIds, now: Date): Promise<void> {
  const today = londonDayNumber(now.toISOString());
  const at = (daysAgo: number, hour: number) =>
    new Date((today - daysAgo) * 86_400_000 + hour * 3_600_000).toISOString();
  for (const [n, service] of DEMO_SERVICES.entries()) {
    const serviceId = ids.serviceIds.get(service.key);
    const managerId = ids.personIds.get(service.manager) ?? null;
    const [plan] = await tx.query<{ id: string }>(
      'SELECT id FROM plans WHERE service_id = $1 AND title = $2',
      [serviceId, service.planTitle],
    );
    if (!plan) continue;
    const area = async (ref: string) =>
      (
        await tx.query<{ id: string }>('SELECT id FROM plan_areas WHERE plan_id = $1 AND reference = $2', [
          plan.id,
          ref,
        ])
      )[0]?.id ?? '';
    const action = async (number: string) =>
      (
        await tx.query<{ id: string; target_date: string | null }>(
          'SELECT id, target_date FROM plan_actions WHERE plan_id = $1 AND number = $2',
          [plan.id, number],
        )
      )[0];
    for (const [ref, lines] of Object.entries(OUTCOMES))
      await tx.query('UPDATE plan_areas SET outcomes = $3::jsonb WHERE plan_id = $1 AND reference = $2', [
        plan.id,
        ref,
        JSON.stringify(lines),
      ]);
    // Area D is ongoing; its action recurs quarterly from next April; A1 is ongoing.
    await tx.query("UPDATE plan_areas SET timescale = 'ongoing', timescale_date = NULL WHERE id = $1", [
      await area('D'),
    ]);
    const april = monthStart(today, (4 - Number(dateOfDayNumber(today).slice(5, 7)) + 12) % 12 || 12);
    await tx.query(
      "UPDATE plan_actions SET timescale = 'recurring', recurrence = 'quarterly', recurrence_start = $2 WHERE id = $1",
      [(await action('D1'))?.id, april],
    );
    await tx.query("UPDATE plan_actions SET timescale = 'ongoing' WHERE id = $1", [(await action('A1'))?.id]);

    // B1's target date revised three months later, with its reason.
    const b1 = await action('B1');
    if (b1?.target_date) {
      const [y, m] = b1.target_date.split('-').map(Number);
      const later = new Date(Date.UTC(y ?? 2026, (m ?? 1) + 3, 0)).toISOString().slice(0, 10);
      await tx.query(
        `INSERT INTO plan_action_events (action_id, kind, text, by_id, by_name, at, from_date, to_date)
         VALUES ($1, 'target-revised', $2, $3, $4, $5, $6, $7)`,
        [
          b1.id,
          'The supervision recording template moves to the new case system in the spring; agreed at the improvement board.',
          managerId,
          n === 0 ? 'Farah Khan (demo)' : 'Ivo Manager (demo)',
          at(20, 10),
          b1.target_date,
          later,
        ],
      );
      await tx.query('UPDATE plan_actions SET target_date = $2 WHERE id = $1', [b1.id, later]);
    }

    // C1 also answers F ("C & F").
    await tx.query('INSERT INTO plan_action_areas (action_id, area_id) VALUES ($1, $2)', [
      (await action('C1'))?.id,
      await area('F'),
    ]);

    // An older, closed plan with one open action, carried forward into B as B3.
    const oldPlanId = randomUUID();
    const oldAreaId = randomUUID();
    const oldActionId = randomUUID();
    await tx.query(
      `INSERT INTO plans (id, title, kind, area_noun, sources, created_by, created_at, updated_at, service_id)
       VALUES ($1, $2, 'inspection', 'recommendation', '[]', $3, $4, $4, $5)`,
      [
        oldPlanId,
        `Focused visit action plan, previous year (demo${n === 0 ? '' : ', corporate parenting'})`,
        managerId,
        at(400, 9),
        serviceId,
      ],
    );
    await tx.query(
      `INSERT INTO plan_areas (id, plan_id, reference, title, theme, source, timescale, position)
       VALUES ($1, $2, '1', 'Managers’ oversight of children’s plans is not consistently evident.', 'B', 'Focused visit', 'within-6-months', 1)`,
      [oldAreaId, oldPlanId],
    );
    await tx.query(
      `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position)
       VALUES ($1, $2, $3, '1.3', 'Team managers audit two of their own team’s cases each month and record what they changed.', 'Service manager, safeguarding', $4, 1)`,
      [oldActionId, oldPlanId, oldAreaId, dateOfDayNumber(addDays(today, -120))],
    );
    for (const [daysAgo, kind, rag, text] of [
      [380, 'rag', 'amber', 'Half the team managers have started.'],
      [300, 'note', null, 'Audits recorded for four of six teams.'],
      [200, 'rag', 'amber', 'Not yet embedded: carried into the new plan.'],
    ] as const)
      await tx.query(
        `INSERT INTO plan_action_events (action_id, kind, rag, text, by_id, by_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [oldActionId, kind, rag, text, managerId, 'Farah Khan (demo)', at(daysAgo, 11)],
      );
    // A second action of the older plan, completed there: offered, not chosen, for carrying forward.
    const doneId = randomUUID();
    await tx.query(
      `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position)
       VALUES ($1, $2, $3, '1.4', 'Reflective supervision guidance published and briefed to every team manager.', 'Principal social worker', $4, 2)`,
      [doneId, oldPlanId, oldAreaId, dateOfDayNumber(addDays(today, -200))],
    );
    await tx.query(
      `INSERT INTO plan_action_events (action_id, kind, rag, text, by_id, by_name, at) VALUES ($1, 'rag', 'blue', $2, $3, $4, $5)`,
      [doneId, 'Guidance published; all team managers briefed.', managerId, 'Farah Khan (demo)', at(250, 10)],
    );
    await tx.query(
      `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position, carried_from)
       SELECT $1, $2, $3, 'B3', description, owner, $4, 100, id FROM plan_actions WHERE id = $5`,
      [randomUUID(), plan.id, await area('B'), dateOfDayNumber(addDays(today, 90)), oldActionId],
    );

    // A partner owner from health, in the first service: owns C2, and has added a note.
    if (n === 0) {
      const partnerId = randomUUID();
      await tx.query(
        `INSERT INTO people (id, email, display_name, job_title, service_id, roles, agency, organisation,
           guest_plan_id, guest_until, password_hash)
         SELECT $1, 'nadia.health@demo.lantern.invalid', 'Nadia Osei (demo)', 'Named nurse for safeguarding', NULL, '{}',
           'health', 'City Community Health NHS Trust (demo)', $2, $3, password_hash FROM people WHERE id = $4`,
        [partnerId, plan.id, dateOfDayNumber(addDays(today, 365)), managerId],
      );
      const c2 = await action('C2');
      await tx.query('UPDATE plan_actions SET owner_person_id = $2 WHERE id = $1', [c2?.id, partnerId]);
      await tx.query(
        `INSERT INTO plan_action_events (action_id, kind, text, by_id, by_name, at) VALUES ($1, 'note', $2, $3, $4, $5)`,
        [
          c2?.id,
          'Health visitors now record the child’s own words at every contact; briefed all three localities.',
          partnerId,
          'Nadia Osei (demo)',
          at(6, 14),
        ],
      );
    }
  }
}
