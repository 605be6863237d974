/**
 * Measures that are not a share of audits, in both demo services' plans: "Contacts to
 * MASH per month" (a count, higher is better), "Repeat referrals within 12 months" (a rate per 100
 * referrals, lower is better) and "Net gain of foster placements" (a count kept as the year's
 * running total, target 15 a year), each with a year of monthly figures from the council's
 * performance extract, placed about the trajectory so the months show every colour. Synthetic.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { insertRows } from '../db/insert-rows';
import { PLAN_MEASURE_COLUMNS, PLAN_MEASURE_VALUE_COLUMNS } from '../plans/plan-columns';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { periodBucketer } from '../../shared/metrics/periods';
import { trajectoryValue, type Trajectory } from '../../shared/metrics/trajectory';
import type { MeasureDirection, MeasureKind } from '../../shared/metrics/measure-kind';

interface CountMeasure {
  title: string;
  kind: MeasureKind;
  direction: MeasureDirection;
  unit: string;
  baseline: number;
  /** Targets 6 and 12 months after the baseline. */
  targets: [number, number];
  tolerance: number;
  /** Each month's distance from the trajectory, in tolerances (+: the better side). */
  offsets: number[];
}

const MEASURES: CountMeasure[] = [
  {
    title: 'Contacts to MASH per month',
    kind: 'count',
    direction: 'higher',
    unit: 'contacts',
    baseline: 380,
    targets: [440, 500],
    tolerance: 15,
    offsets: [0.5, 1, -0.5, -2.5, 0.2, -0.8, 1.5, -1.6, 0, 0.4, -3, -0.6],
  },
  {
    title: 'Repeat referrals within 12 months',
    kind: 'rate',
    direction: 'lower',
    unit: 'per 100 referrals',
    baseline: 24,
    targets: [20, 16],
    tolerance: 1,
    offsets: [-0.5, 0.4, 1, -1.5, 0.3, -0.4, 0.8, 1.2, -2.5, 0.6, 0.2, 1.1],
  },
  {
    title: 'Net gain of foster placements (this year so far)',
    kind: 'count',
    direction: 'higher',
    unit: 'placements',
    baseline: 0,
    targets: [7.5, 15],
    tolerance: 2,
    offsets: [0, 0.5, -0.5, 0, -1, -1.5, -0.5, 0, 0.5, -0.5, -1, -2],
  },
];

export async function seedDemoCountMeasures(tx: Queryable, ids: DemoIds, now: Date): Promise<void> {
  const months = periodBucketer('month');
  const thisMonth = months.keyOfDay(londonDayNumber(now.toISOString()));
  const baselineMonth = months.period(thisMonth - 13);
  const measureRows: object[] = [];
  const valueRows: object[] = [];
  for (const [s, service] of DEMO_SERVICES.entries()) {
    const [plan] = await tx.query<{ id: string }>(
      'SELECT id FROM plans WHERE title = $1 ORDER BY created_at LIMIT 1',
      [service.planTitle],
    );
    if (!plan) continue;
    const actions = await tx.query<{ id: string; number: string }>(
      'SELECT id, number FROM plan_actions WHERE plan_id = $1 ORDER BY position, number',
      [plan.id],
    );
    const actionFor = (numbers: string[]) =>
      actions.find((a) => numbers.includes(a.number))?.id ?? actions[0]?.id ?? null;
    const managerId = ids.personIds.get(service.manager) ?? null;
    for (const [i, m] of MEASURES.entries()) {
      const actionId = actionFor([['B1', 'B2', 'A1', 'E1'][i] ?? 'A1']);
      if (!actionId) continue;
      // The second service is smaller: its counts are about half the first's.
      const scale = m.kind === 'count' && s > 0 && m.baseline > 0 ? 0.5 : 1;
      const trajectory: Trajectory = {
        baseline: { date: baselineMonth.endDate, value: m.baseline * scale },
        milestones: [
          { date: months.period(thisMonth - 7).endDate, target: m.targets[0] * scale },
          { date: months.period(thisMonth - 1 + 12).endDate, target: m.targets[1] * scale },
        ],
      };
      const id = randomUUID();
      measureRows.push({
        id,
        plan_id: plan.id,
        action_id: actionId,
        title: m.title,
        source: 'manual',
        bucket: 'month',
        trajectory,
        tolerance: m.tolerance * scale,
        kind: m.kind,
        direction: m.direction,
        unit: m.unit,
      });
      const better = m.direction === 'lower' ? -1 : 1;
      for (let back = 12; back >= 1; back--) {
        const period = months.period(thisMonth - back);
        const offset = m.offsets[(12 - back + s * 5) % m.offsets.length] ?? 0;
        const exact =
          trajectoryValue(trajectory, period.endDate, 'amount') + better * offset * m.tolerance * scale;
        const value =
          m.kind === 'count' ? Math.max(0, Math.round(exact)) : Math.max(0, Math.round(exact * 10) / 10);
        valueRows.push({
          measure_id: id,
          period_id: period.id,
          period_start: period.startDate,
          period_end: period.endDate,
          value,
          note: 'Monthly performance extract',
          entered_by: managerId,
        });
      }
    }
  }
  await insertRows(
    tx,
    'plan_measures',
    { ...PLAN_MEASURE_COLUMNS, tolerance: 'float8', kind: 'text', direction: 'text', unit: 'text' },
    measureRows,
  );
  // After the plan's own measures (demo-plan.ts) on every screen, whatever the order of their ids.
  await tx.query(
    `UPDATE plan_measures SET created_at = now() + interval '2 seconds' WHERE id = ANY($1::uuid[])`,
    [measureRows.map((m) => (m as { id: string }).id)],
  );
  await insertRows(tx, 'plan_measure_values', PLAN_MEASURE_VALUE_COLUMNS, valueRows);
}
