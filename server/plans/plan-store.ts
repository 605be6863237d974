/**
 * The plan's SQL: plans, their areas and actions, and each action's append-only history, read
 * into the shapes of shared/plans/plan-views.ts. A plan is read as of a London date (the board
 * report) or as of now (the plan page); the history makes both the same query.
 */
import type { Queryable } from '../db/database';
import { actionStateAsOf, endOfLondonDay, type ActionEvent } from '../../shared/plans/action-state';
import { areaRag, progressSummary } from '../../shared/plans/progress-summary';
import type { ActionView, AreaView, PlanListItem, PlanSource, PlanView } from '../../shared/plans/plan-views';
import { areaNounSchema, managerRagSchema, timescaleSchema } from '../../shared/plans/plan-vocabulary';
import { planSourceSchema } from '../../shared/plans/plan-schemas';
import { appError } from '../../shared/errors/app-error';
import { MEASURE_COLUMNS, measureFigures, type MeasureRow } from '../measures/measure-figures';
import { inScope, type DataScope } from '../auth/service-scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path parameter that must name a record: anything but a UUID names none. */
export function idParam(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value))
    throw appError('not_found', `There is no such ${what}. It may have been removed.`);
  return value;
}

interface PlanRow {
  id: string;
  title: string;
  kind: 'inspection' | 'merged';
  area_noun: string;
  sources: unknown;
  updated_at: string;
}
interface AreaRow {
  id: string;
  reference: string;
  title: string;
  theme: string;
  source: string;
  timescale: string;
  timescale_date: string | null;
}
interface ActionRow {
  id: string;
  area_id: string;
  number: string;
  description: string;
  owner: string;
  target_date: string | null;
}
interface EventRow {
  action_id: string;
  kind: ActionEvent['kind'];
  rag: string | null;
  text: string;
  by_name: string;
  at: string;
}

const sourcesOf = (raw: unknown): PlanSource[] =>
  Array.isArray(raw) ? raw.flatMap((s) => planSourceSchema.safeParse(s).data ?? []) : [];

export function eventOf(row: EventRow): ActionEvent {
  return {
    kind: row.kind,
    rag: managerRagSchema.safeParse(row.rag).data ?? null,
    text: row.text,
    byName: row.by_name,
    at: row.at,
  };
}

async function planRow(db: Queryable, planId: string): Promise<PlanRow> {
  const [plan] = await db.query<PlanRow>(
    'SELECT id, title, kind, area_noun, sources, updated_at FROM plans WHERE id = $1',
    [planId],
  );
  if (!plan) throw appError('not_found', 'There is no such plan. It may have been removed.');
  return plan;
}

/** The plans of the scope (a manager's or QA lead's service), most recently changed first. */
export async function listPlans(db: Queryable, scope: DataScope): Promise<PlanListItem[]> {
  const params: unknown[] = [];
  const plans = await db.query<PlanRow>(
    `SELECT id, title, kind, area_noun, sources, updated_at FROM plans
     WHERE ${inScope(scope, { service: 'service_id' }, params)} ORDER BY updated_at DESC, title`,
    params,
  );
  return Promise.all(
    plans.map(async (p) => {
      const view = await loadPlanView(db, p.id, null, '9999-12-31', { withMeasures: false });
      return {
        id: p.id,
        title: p.title,
        kind: p.kind,
        areaNoun: view.areaNoun,
        sources: view.sources,
        updatedAt: p.updated_at,
        headline: view.summary.headline,
      };
    }),
  );
}

/** Every event of a plan's actions (or one action's), in the order they happened. */
export async function actionEvents(db: Queryable, where: { planId: string } | { actionId: string }) {
  const rows = await db.query<EventRow>(
    'planId' in where
      ? `SELECT e.action_id, e.kind, e.rag, e.text, e.by_name, e.at FROM plan_action_events e
         JOIN plan_actions a ON a.id = e.action_id WHERE a.plan_id = $1 ORDER BY e.at, e.id`
      : 'SELECT action_id, kind, rag, text, by_name, at FROM plan_action_events WHERE action_id = $1 ORDER BY at, id',
    ['planId' in where ? where.planId : where.actionId],
  );
  const byAction = new Map<string, ActionEvent[]>();
  for (const row of rows) {
    const list = byAction.get(row.action_id) ?? [];
    list.push(eventOf(row));
    byAction.set(row.action_id, list);
  }
  return byAction;
}

/**
 * The plan as of a London date (`asOf`), or as of now (null). `today` is the London date
 * measures are judged on when `asOf` is null.
 */
export async function loadPlanView(
  db: Queryable,
  planId: string,
  asOf: string | null,
  today: string,
  options: { withMeasures?: boolean } = {},
): Promise<PlanView> {
  const plan = await planRow(db, planId);
  const areaNoun = areaNounSchema.safeParse(plan.area_noun).data ?? 'area for improvement';
  const [areas, actions, events, findings, measureRows] = await Promise.all([
    db.query<AreaRow>(
      'SELECT id, reference, title, theme, source, timescale, timescale_date FROM plan_areas WHERE plan_id = $1 ORDER BY position, reference',
      [planId],
    ),
    db.query<ActionRow>(
      'SELECT id, area_id, number, description, owner, target_date FROM plan_actions WHERE plan_id = $1 ORDER BY position, number',
      [planId],
    ),
    actionEvents(db, { planId }),
    db.query<{ action_id: string; links: number }>(
      `SELECT l.action_id, count(*) AS links FROM plan_finding_links l JOIN plan_actions a ON a.id = l.action_id
       WHERE a.plan_id = $1 GROUP BY 1`,
      [planId],
    ),
    options.withMeasures === false
      ? Promise.resolve([])
      : db.query<MeasureRow>(
          `SELECT ${MEASURE_COLUMNS} FROM plan_measures m WHERE plan_id = $1
           ORDER BY (SELECT position FROM plan_actions a WHERE a.id = m.action_id), created_at, id`,
          [planId],
        ),
  ]);
  const cutoff = asOf === null ? null : endOfLondonDay(asOf);
  const judgedOn = asOf ?? today;
  const measures = await Promise.all(measureRows.map((m) => measureFigures(db, m, judgedOn)));
  const linkCount = new Map(findings.map((f) => [f.action_id, f.links]));
  const actionViews = actions.map((a): ActionView => {
    const state = actionStateAsOf(events.get(a.id) ?? [], cutoff);
    return {
      id: a.id,
      areaId: a.area_id,
      number: a.number,
      description: a.description,
      owner: a.owner,
      targetDate: a.target_date,
      ...state,
      measures: measures
        .filter((m) => m.actionId === a.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          rag: m.latest?.rag ?? 'no-data',
          periodLabel: m.latest?.label ?? null,
          fraction: m.latest?.fraction ?? null,
        })),
      findingCount: linkCount.get(a.id) ?? 0,
    };
  });
  const areaViews = areas.map((area): AreaView => {
    const own = actionViews.filter((a) => a.areaId === area.id);
    return {
      id: area.id,
      reference: area.reference,
      title: area.title,
      theme: area.theme,
      source: area.source,
      timescale: timescaleSchema.safeParse(area.timescale).data ?? 'immediately',
      timescaleDate: area.timescale_date,
      rag: areaRag(own),
      actions: own,
    };
  });
  return {
    id: plan.id,
    title: plan.title,
    kind: plan.kind,
    areaNoun,
    sources: sourcesOf(plan.sources),
    updatedAt: plan.updated_at,
    asOf,
    areas: areaViews,
    summary: progressSummary(areaNoun, areaViews),
  };
}

/** The plan's measures with their figures as of a London date. */
export async function planMeasures(db: Queryable, planId: string, asOf: string) {
  const rows = await db.query<MeasureRow>(
    `SELECT ${MEASURE_COLUMNS} FROM plan_measures m WHERE plan_id = $1
           ORDER BY (SELECT position FROM plan_actions a WHERE a.id = m.action_id), created_at, id`,
    [planId],
  );
  return Promise.all(rows.map((row) => measureFigures(db, row, asOf)));
}

/** Marks the plan as changed now. */
export async function touchPlan(tx: Queryable, planId: string): Promise<void> {
  await tx.query('UPDATE plans SET updated_at = now() WHERE id = $1', [planId]);
}

/** The next position at the end of a plan's areas or actions. */
export async function nextPosition(
  tx: Queryable,
  table: 'plan_areas' | 'plan_actions',
  planId: string,
): Promise<number> {
  const [row] = await tx.query<{ next: number }>(
    `SELECT coalesce(max(position), 0) + 1 AS next FROM ${table} WHERE plan_id = $1`,
    [planId],
  );
  return row?.next ?? 1;
}

/** Appends to an action's history. */
export async function addEvent(
  tx: Queryable,
  actionId: string,
  event: {
    kind: ActionEvent['kind'];
    rag?: string | null;
    text: string;
    byId: string | null;
    byName: string;
  },
): Promise<void> {
  await tx.query(
    'INSERT INTO plan_action_events (action_id, kind, rag, text, by_id, by_name) VALUES ($1, $2, $3, $4, $5, $6)',
    [actionId, event.kind, event.rag ?? null, event.text, event.byId, event.byName],
  );
}
