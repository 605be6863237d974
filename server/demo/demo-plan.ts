/**
 * The demo organisation's improvement plan: a merged plan (an inspection, a peer review and the
 * council's own findings) with areas A–F, numbered actions, RAG and progress histories, and
 * measures like those in real council plans (PRODUCT.md, "Real targets") — at least good,
 * supervision quality, children seen alone, feedback from any of child, family or
 * professional, and return-home-interview take-up entered by hand per quarter. Dates follow
 * the demo's audits (the last 18 months), so the measures have data to be judged on.
 * Deterministic for a given `now` and seed. Also fills the pre-aggregated counts for the demo
 * audits seeded just before it, which were inserted in bulk without the audit-write hook.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import {
  civilFromDays,
  dateOfDayNumber,
  daysFromCivil,
  daysInMonth,
} from '../../shared/metrics/calendar-date';
import type { DayNumber } from '../../shared/metrics/time-values';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { periodBucketer } from '../../shared/metrics/periods';
import type { MetricDefinition } from '../../shared/metrics/metric-definition';
import type { Trajectory } from '../../shared/metrics/trajectory';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES, type DemoService } from './demo-services';
import { rebuildMetricCounts } from '../aggregates/rebuild-metric-counts';
import {
  PLAN_ACTION_COLUMNS,
  PLAN_ACTION_EVENT_COLUMNS,
  PLAN_AREA_COLUMNS,
  PLAN_MEASURE_COLUMNS,
  PLAN_MEASURE_VALUE_COLUMNS,
} from '../plans/plan-columns';

/** The first service's plan (each demo service has its own: demo-services.ts). */
export const DEMO_PLAN_TITLE = DEMO_SERVICES[0]?.planTitle ?? '';

/** The last day of the month `offset` months from the month of `day`. */
function monthEnd(day: DayNumber, offset: number): string {
  const { year, month } = civilFromDays(day);
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dateOfDayNumber(daysFromCivil(y, m, daysInMonth(y, m)));
}

const FRAMEWORK = [{ key: 'lantern-default' }];
const metric = (
  name: string,
  source: MetricDefinition['source'],
  passing: MetricDefinition['passing'],
  bucket: MetricDefinition['bucket'] = 'month',
): MetricDefinition => ({
  name,
  source,
  passing,
  filters: { frameworks: FRAMEWORK },
  bucket,
});

/** One plan per demo service, each counting its own service's audits; returns the plans' ids. */
export async function seedDemoImprovementPlan(tx: Queryable, ids: DemoIds, now: Date): Promise<string[]> {
  await rebuildMetricCounts(tx);
  const planIds: string[] = [];
  for (const [n, service] of DEMO_SERVICES.entries())
    planIds.push(await seedServicePlan(tx, ids, now, service, 9 + n));
  return planIds;
}

async function seedServicePlan(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  service: DemoService,
  seed: number,
): Promise<string> {
  const random = seededRandom(seed);
  const id = () => randomUuid(random);
  const today = londonDayNumber(now.toISOString());
  const start = -18;
  const managerId = ids.personIds.get(service.manager) ?? null;
  const qaId = ids.personIds.get(service.qaLead) ?? null;
  const planId = id();
  await tx.query(
    `INSERT INTO plans (id, title, kind, area_noun, sources, created_by, created_at, updated_at, service_id)
     VALUES ($1, $2, 'merged', 'area for improvement', $3::jsonb, $4, $5, $5, $6)`,
    [
      planId,
      service.planTitle,
      JSON.stringify([
        {
          kind: 'inspection',
          title: 'Inspection of local authority children’s services (demo)',
          date: monthEnd(today, start - 1),
        },
        {
          kind: 'peer-review',
          title: 'Regional peer review of the front door (demo)',
          date: monthEnd(today, start + 2),
        },
        { kind: 'self-identified', title: 'Practice week and audit findings' },
      ]),
      managerId,
      now.toISOString(),
      ids.serviceIds.get(service.key),
    ],
  );

  const areas = [
    {
      ref: 'A',
      theme: 'A',
      title:
        'Audits show that too little practice is good: raise the quality of practice so that at least 85% of audited cases are good or better.',
      timescale: 'within-6-months',
      source: 'Inspection',
    },
    {
      ref: 'B',
      theme: 'B',
      title:
        'Management oversight and supervision are not consistently reflective or recorded, and do not always prevent drift.',
      timescale: 'within-3-months',
      source: 'Inspection',
    },
    {
      ref: 'C',
      theme: 'C',
      title:
        'Children are not always seen alone, and their wishes and feelings do not consistently shape their plans.',
      timescale: 'immediately',
      source: 'Inspection',
    },
    {
      ref: 'D',
      theme: 'D',
      title: 'Feedback from children, families and trusted professionals is not routinely sought or used.',
      timescale: 'within-6-months',
      source: 'Peer review',
    },
    {
      ref: 'E',
      theme: 'E',
      title: 'Too few children who go missing take up a return home interview.',
      timescale: 'by-date',
      date: monthEnd(today, 3),
      source: 'Inspection',
    },
    {
      ref: 'F',
      theme: 'F',
      title:
        'Plans for children in need and subject to child protection plans are not specific about what must change.',
      timescale: 'within-3-months',
      source: 'Self-identified',
    },
  ];
  const areaIds = new Map(areas.map((a) => [a.ref, id()]));
  await insertRows(
    tx,
    'plan_areas',
    PLAN_AREA_COLUMNS,
    areas.map((a, i) => ({
      id: areaIds.get(a.ref),
      plan_id: planId,
      reference: a.ref,
      title: a.title,
      theme: a.theme,
      source: a.source,
      timescale: a.timescale,
      timescale_date: a.date ?? null,
      position: i + 1,
    })),
  );

  type Rag = 'red' | 'amber' | 'green' | 'blue';
  const actions: {
    area: string;
    number: string;
    text: string;
    owner: string;
    due: number;
    history: [number, Rag | 'note', string][];
  }[] = [
    {
      area: 'A',
      number: 'A1',
      text: 'Monthly case-file audits of every team, with moderation of a sample, reported to the improvement board.',
      owner: 'Head of quality assurance',
      due: 0,
      history: [
        [start + 1, 'red', 'Baseline audit: 35% at least good.'],
        [start + 8, 'amber', 'Improving but below trajectory.'],
        [-2, 'note', 'Practice week audits show steady improvement in assessment quality.'],
      ],
    },
    {
      area: 'A',
      number: 'A2',
      text: 'Practice standards relaunched with every team, with a workshop on analysis and the child’s lived experience.',
      owner: 'Principal social worker',
      due: -9,
      history: [
        [start + 2, 'green', 'Workshops booked for every team.'],
        [start + 9, 'blue', 'All teams have attended.'],
        [start + 9, 'note', '142 practitioners attended; feedback positive.'],
      ],
    },
    {
      area: 'B',
      number: 'B1',
      text: 'Supervision policy refreshed; supervision recorded on the child’s file with the decision and its rationale.',
      owner: 'Service manager, safeguarding',
      due: -3,
      history: [
        [start + 2, 'amber', 'Policy drafted; compliance not yet measured.'],
        [-4, 'green', 'Audits show recorded supervision rising.'],
      ],
    },
    {
      area: 'B',
      number: 'B2',
      text: 'Reflective supervision training for every team manager.',
      owner: 'Workforce development lead',
      due: -6,
      history: [
        [start + 3, 'green', 'Training commissioned.'],
        [-7, 'blue', 'All team managers trained.'],
      ],
    },
    {
      area: 'C',
      number: 'C1',
      text: 'Every child seen alone when visited, where appropriate, and the reason recorded when not.',
      owner: 'Heads of service',
      due: -12,
      history: [
        [start + 1, 'red', 'Seen alone in under half of audited cases.'],
        [start + 10, 'amber', 'Improving; not yet consistent across teams.'],
      ],
    },
    {
      area: 'C',
      number: 'C2',
      text: 'Direct-work toolkit available to every social worker.',
      owner: 'Principal social worker',
      due: -10,
      history: [[start + 6, 'blue', 'Toolkit launched.']],
    },
    {
      area: 'D',
      number: 'D1',
      text: 'Every audit seeks feedback from the child, the family or a trusted professional.',
      owner: 'Head of quality assurance',
      due: 2,
      history: [[start + 4, 'amber', 'Feedback gathered in some audits only.']],
    },
    {
      area: 'E',
      number: 'E1',
      text: 'Recommission the return home interview service and report take-up quarterly.',
      owner: 'Commissioning lead',
      due: 3,
      history: [
        [start + 3, 'amber', 'New service starts next quarter.'],
        [-3, 'green', 'Take-up rising quarter on quarter.'],
      ],
    },
    {
      area: 'F',
      number: 'F1',
      text: 'SMART planning training, and plan quality audited monthly.',
      owner: 'Service manager, children in need',
      due: -1,
      history: [[start + 2, 'green', 'Training under way.']],
    },
  ];
  const actionIds = new Map(actions.map((a) => [a.number, id()]));
  await insertRows(
    tx,
    'plan_actions',
    PLAN_ACTION_COLUMNS,
    actions.map((a, i) => ({
      id: actionIds.get(a.number),
      plan_id: planId,
      area_id: areaIds.get(a.area),
      number: a.number,
      description: a.text,
      owner: a.owner,
      target_date: monthEnd(today, a.due),
      position: i + 1,
    })),
  );
  const eventAt = (monthOffset: number, hour: number) =>
    `${monthEnd(today, monthOffset - 1).slice(0, 8)}15T${String(hour).padStart(2, '0')}:00:00Z`;
  const events = actions.flatMap((a) =>
    a.history.map(([month, kind, text], i) => ({
      action_id: actionIds.get(a.number),
      kind: kind === 'note' ? 'note' : 'rag',
      rag: kind === 'note' ? null : kind,
      text,
      by_id: managerId,
      by_name: 'Farah Khan (demo)',
      at: eventAt(month, 9 + i),
    })),
  );
  events.push({
    action_id: actionIds.get('A2'),
    kind: 'sign-off',
    rag: null,
    text: 'Evidence panel: attendance records and workshop evaluations seen.',
    by_id: qaId,
    by_name: 'Evidence panel (demo)',
    at: eventAt(start + 10, 14),
  });
  await insertRows(tx, 'plan_action_events', { ...PLAN_ACTION_EVENT_COLUMNS, at: 'timestamptz' }, events);

  const baselineDate = monthEnd(today, start);
  const trajectory = (baseline: number, ...milestones: [number, number][]): Trajectory => ({
    baseline: { date: baselineDate, value: baseline },
    milestones: milestones.map(([offset, target]) => ({ date: monthEnd(today, offset), target })),
  });
  const measures = [
    {
      action: 'A1',
      title: 'Audits rated at least good',
      metric: metric('Audits rated at least good', { item: 'overall.grade' }, [0, 1]),
      trajectory: trajectory(0.35, [start + 9, 0.5], [-3, 0.6], [6, 0.85]),
    },
    {
      action: 'B1',
      title: 'Audits with good quality supervision',
      metric: metric(
        'Supervision in line with policy',
        { item: 'oversight.supervision' },
        ['yes'],
        'quarter',
      ),
      trajectory: trajectory(0.38, [start + 6, 0.5], [3, 0.8]),
    },
    {
      action: 'C1',
      title: 'Children seen alone when visited',
      metric: metric('Seen alone', { item: 'lived-experience.seen-alone' }, ['yes']),
      trajectory: trajectory(0.4, [-6, 0.6], [6, 0.9]),
    },
    {
      action: 'D1',
      title: 'Audits with feedback from the child, the family or a trusted professional',
      metric: metric(
        'Feedback from any of child, family or professional',
        { anyOf: ['feedback.child', 'feedback.parents-carers', 'feedback.professional'] },
        ['yes'],
        'quarter',
      ),
      trajectory: trajectory(0.5, [6, 0.85]),
    },
  ];
  const rhiId = id();
  await insertRows(tx, 'plan_measures', { ...PLAN_MEASURE_COLUMNS, metric: 'jsonb' }, [
    ...measures.map((m) => ({
      id: id(),
      plan_id: planId,
      action_id: actionIds.get(m.action),
      title: m.title,
      source: 'audits',
      metric: m.metric,
      bucket: m.metric.bucket,
      trajectory: m.trajectory,
    })),
    {
      id: rhiId,
      plan_id: planId,
      action_id: actionIds.get('E1'),
      title: 'Take-up of return home interviews',
      source: 'manual',
      metric: null,
      bucket: 'quarter',
      trajectory: trajectory(0.47, [3, 0.75]),
    },
  ]);
  // Post-audit compliance: the case actions A1's audits set, done on time, month by
  // month; added a moment after A1's first measure so it follows it on every screen.
  const complianceId = id();
  await insertRows(
    tx,
    'plan_measures',
    { ...PLAN_MEASURE_COLUMNS, compliance: 'jsonb', minimum_n: 'integer' },
    [
      {
        id: complianceId,
        plan_id: planId,
        action_id: actionIds.get('A1'),
        title: 'Case actions from audits done on time',
        source: 'case_actions',
        compliance: { teamIds: [], roundId: null },
        bucket: 'month',
        trajectory: trajectory(0.6, [6, 0.9]),
        minimum_n: 3,
      },
    ],
  );
  await tx.query(`UPDATE plan_measures SET created_at = now() + interval '1 second' WHERE id = $1`, [
    complianceId,
  ]);
  // Return home interviews: the council's own quarterly figures, entered by hand.
  const quarters = periodBucketer('quarter');
  const firstQuarter = quarters.keyOfDay(londonDayNumber(`${baselineDate}T12:00:00Z`));
  const lastQuarter = quarters.keyOfDay(today) - 1;
  const values = [];
  for (let key = firstQuarter, i = 0; key <= lastQuarter; key++, i++) {
    const period = quarters.period(key);
    const n = 30 + ((i * 7) % 11);
    const k = Math.round(n * Math.min(0.9, 0.47 + 0.05 * i));
    values.push({
      measure_id: rhiId,
      period_id: period.id,
      period_start: period.startDate,
      period_end: period.endDate,
      value: k / n,
      k,
      n,
      note: 'From the missing-children tracker',
      entered_by: managerId,
    });
  }
  await insertRows(
    tx,
    'plan_measure_values',
    { ...PLAN_MEASURE_VALUE_COLUMNS, k: 'integer', n: 'integer' },
    values,
  );
  return planId;
}
