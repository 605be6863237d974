/**
 * The plan's SQL: plans, their areas and actions, and each action's append-only history, read
 * into the shapes of shared/plans/plan-views.ts. A plan is read as of a London date (the board
 * report) or as of now (the plan page); the history makes both the same query.
 */
import type { Queryable } from '../db/database';
import { actionStateAsOf, endOfLondonDay, type ActionEvent } from '../../shared/plans/action-state';
import { areaRag, progressSummary } from '../../shared/plans/progress-summary';
import type {
  ActionView,
  AreaView,
  PartnerOwnerView,
  PlanListItem,
  PlanSource,
  PlanView,
} from '../../shared/plans/plan-views';
import {
  areaNounSchema,
  dateInWords,
  managerRagSchema,
  recurrenceInWords,
  recurrenceSchema,
  timescaleInWords,
  timescaleSchema,
} from '../../shared/plans/plan-vocabulary';
import { planSourceSchema, type PlanInput } from '../../shared/plans/plan-schemas';
import { appError } from '../../shared/errors/app-error';
import { MEASURE_COLUMNS, measureFigures, type MeasureRow } from '../measures/measure-figures';
import { inScope, type DataScope } from '../auth/service-scope';
import type { CarryableAction } from './action-store';

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
  recurrence: string | null;
  recurrence_start: string | null;
  outcomes: unknown;
}
/** An action as the plan page reads it: the columns of a carryable action, with its area and owner. */
interface ActionRow extends CarryableAction {
  area_id: string;
  owner_person_id: string | null;
  owner_name: string | null;
  owner_organisation: string | null;
}
interface LinkRow {
  action_id: string;
  plan_id: string;
  plan_title: string;
  other_id: string;
  number: string;
}
interface EventRow {
  action_id: string;
  kind: ActionEvent['kind'];
  rag: string | null;
  text: string;
  by_name: string;
  at: string;
  from_date: string | null;
  to_date: string | null;
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
    ...(row.kind === 'target-revised' ? { fromDate: row.from_date, toDate: row.to_date } : {}),
  };
}

/** An action's target date as of a moment, and its original when revised by then (from its history). */
export function targetDatesAsOf(
  current: string | null,
  events: readonly ActionEvent[],
  cutoff: string | null,
): { targetDate: string | null; originalTargetDate: string | null } {
  const revisions = events.filter((e) => e.kind === 'target-revised');
  const first = revisions[0];
  if (!first) return { targetDate: current, originalTargetDate: null };
  const by = cutoff === null ? revisions : revisions.filter((e) => Date.parse(e.at) <= Date.parse(cutoff));
  const last = by.at(-1);
  return last
    ? { targetDate: last.toDate ?? null, originalTargetDate: first.fromDate ?? null }
    : { targetDate: first.fromDate ?? null, originalTargetDate: null };
}

/** An action's timescale in words: its recurrence, "Ongoing", or "By" its target date. */
export function actionTimescaleWords(
  timescale: string | null,
  recurrence: string | null,
  start: string | null,
  targetDate: string | null,
): string {
  const r = recurrenceSchema.safeParse(recurrence).data;
  if (timescale === 'recurring' && r && start) return recurrenceInWords(r, start);
  if (timescale === 'ongoing') return 'Ongoing';
  return targetDate ? `By ${dateInWords(targetDate)}` : '';
}

const outcomesOf = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];

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
      ? `SELECT e.action_id, e.kind, e.rag, e.text, e.by_name, e.at, e.from_date, e.to_date FROM plan_action_events e
         JOIN plan_actions a ON a.id = e.action_id WHERE a.plan_id = $1 ORDER BY e.at, e.id`
      : `SELECT action_id, kind, rag, text, by_name, at, from_date, to_date FROM plan_action_events
         WHERE action_id = $1 ORDER BY at, id`,
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
  const [areas, actions, alsoRows, carriedFrom, carriedTo, partners, events, findings, measureRows] =
    await Promise.all([
      db.query<AreaRow>(
        `SELECT id, reference, title, theme, source, timescale, timescale_date, recurrence, recurrence_start, outcomes
       FROM plan_areas WHERE plan_id = $1 ORDER BY position, reference`,
        [planId],
      ),
      db.query<ActionRow>(
        `SELECT a.id, a.area_id, a.number, a.description, a.owner, a.target_date, a.timescale, a.recurrence,
              a.recurrence_start, a.owner_person_id, p.display_name AS owner_name, p.organisation AS owner_organisation
       FROM plan_actions a LEFT JOIN people p ON p.id = a.owner_person_id
       WHERE a.plan_id = $1 ORDER BY a.position, a.number`,
        [planId],
      ),
      db.query<{ action_id: string; area_id: string }>(
        `SELECT x.action_id, x.area_id FROM plan_action_areas x JOIN plan_actions a ON a.id = x.action_id
       WHERE a.plan_id = $1`,
        [planId],
      ),
      db.query<LinkRow>(
        `SELECT a.id AS action_id, o.plan_id, p.title AS plan_title, o.id AS other_id, o.number
       FROM plan_actions a JOIN plan_actions o ON o.id = a.carried_from JOIN plans p ON p.id = o.plan_id
       WHERE a.plan_id = $1`,
        [planId],
      ),
      db.query<LinkRow>(
        `SELECT o.id AS action_id, n.plan_id, p.title AS plan_title, n.id AS other_id, n.number
       FROM plan_actions n JOIN plan_actions o ON o.id = n.carried_from JOIN plans p ON p.id = n.plan_id
       WHERE o.plan_id = $1`,
        [planId],
      ),
      db.query<{
        id: string;
        display_name: string;
        email: string;
        organisation: string;
        agency: string;
        guest_until: string;
      }>(
        `SELECT id, display_name, email, organisation, agency, guest_until FROM people
       WHERE guest_plan_id = $1 ORDER BY display_name, id`,
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
  const referenceOf = new Map(areas.map((a) => [a.id, a.reference]));
  const areasOf = new Map<string, string[]>();
  for (const row of alsoRows)
    areasOf.set(row.action_id, [...(areasOf.get(row.action_id) ?? []), row.area_id]);
  const link = (rows: LinkRow[]) =>
    new Map(
      rows.map((r) => [
        r.action_id,
        { planId: r.plan_id, planTitle: r.plan_title, actionId: r.other_id, number: r.number },
      ]),
    );
  const fromOf = link(carriedFrom);
  const toOf = link(carriedTo);
  const actionViews = actions.map((a): ActionView => {
    const history = events.get(a.id) ?? [];
    const state = actionStateAsOf(history, cutoff);
    const dates = targetDatesAsOf(a.target_date, history, cutoff);
    const timescale = a.timescale === 'ongoing' || a.timescale === 'recurring' ? a.timescale : null;
    const recurrence = recurrenceSchema.safeParse(a.recurrence).data ?? null;
    return {
      id: a.id,
      areaId: a.area_id,
      number: a.number,
      description: a.description,
      owner: a.owner_name ?? a.owner,
      ...dates,
      overdue:
        timescale === null &&
        state.rag !== 'blue' &&
        dates.targetDate !== null &&
        dates.targetDate < judgedOn,
      timescale,
      recurrence,
      recurrenceStart: a.recurrence_start,
      timescaleWords: actionTimescaleWords(timescale, a.recurrence, a.recurrence_start, dates.targetDate),
      alsoAnswers: (areasOf.get(a.id) ?? []).map((id) => ({ id, reference: referenceOf.get(id) ?? '' })),
      primaryAreaReference: referenceOf.get(a.area_id) ?? '',
      carriedFrom: fromOf.get(a.id) ?? null,
      carriedTo: toOf.get(a.id) ?? null,
      ownerPerson: a.owner_person_id
        ? { id: a.owner_person_id, name: a.owner_name ?? '', organisation: a.owner_organisation ?? '' }
        : null,
      ...state,
      measures: measures
        .filter((m) => m.actionId === a.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          rag: m.latest?.rag ?? 'no-data',
          periodLabel: m.latest?.label ?? null,
          fraction: m.latest?.fraction ?? null,
          kind: m.kind,
          unit: m.unit,
        })),
      findingCount: linkCount.get(a.id) ?? 0,
    };
  });
  const areaViews = areas.map((area): AreaView => {
    // Its own actions, and those of other areas that also answer it (listed, judged, counted once).
    const own = actionViews.flatMap((a) => {
      if (a.areaId === area.id) return [a];
      if (!a.alsoAnswers.some((x) => x.id === area.id)) return [];
      const others = [
        { id: a.areaId, reference: a.primaryAreaReference },
        ...a.alsoAnswers.filter((x) => x.id !== area.id),
      ];
      return [{ ...a, alsoAnswers: others }];
    });
    const timescale = timescaleSchema.safeParse(area.timescale).data ?? 'immediately';
    const recurrence = recurrenceSchema.safeParse(area.recurrence).data ?? null;
    return {
      id: area.id,
      reference: area.reference,
      title: area.title,
      theme: area.theme,
      source: area.source,
      timescale,
      timescaleDate: area.timescale_date,
      recurrence,
      recurrenceStart: area.recurrence_start,
      timescaleWords: timescaleInWords({
        timescale,
        timescaleDate: area.timescale_date,
        recurrence,
        recurrenceStart: area.recurrence_start,
      }),
      outcomes: outcomesOf(area.outcomes),
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
    partners: partners.map((p): PartnerOwnerView => ({
      id: p.id,
      name: p.display_name,
      email: p.email,
      organisation: p.organisation,
      agency: p.agency,
      lastDay: p.guest_until,
    })),
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

/** Adds a plan of the service, created by the person. */
export async function insertPlan(
  tx: Queryable,
  plan: PlanInput & { id: string; createdBy: string; serviceId: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO plans (id, title, kind, area_noun, sources, created_by, service_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [
      plan.id,
      plan.title,
      plan.kind,
      plan.areaNoun,
      JSON.stringify(plan.sources),
      plan.createdBy,
      plan.serviceId,
    ],
  );
}

/** Replaces a plan's title, kind, area noun and sources; false when there is no such plan. */
export async function updatePlan(tx: Queryable, planId: string, input: PlanInput): Promise<boolean> {
  const updated = await tx.query(
    'UPDATE plans SET title = $2, kind = $3, area_noun = $4, sources = $5::jsonb, updated_at = now() WHERE id = $1 RETURNING id',
    [planId, input.title, input.kind, input.areaNoun, JSON.stringify(input.sources)],
  );
  return updated.length > 0;
}

/** Locks the plan for the rest of the transaction; false when there is no such plan. */
export async function lockPlan(tx: Queryable, planId: string): Promise<boolean> {
  const [plan] = await tx.query('SELECT id FROM plans WHERE id = $1 FOR UPDATE', [planId]);
  return Boolean(plan);
}

/** Whether `otherPlanId` is a plan of the scope other than `planId`. */
export async function isOtherPlanInScope(
  db: Queryable,
  scope: DataScope,
  otherPlanId: string,
  planId: string,
): Promise<boolean> {
  const params: unknown[] = [otherPlanId, planId];
  const [other] = await db.query(
    `SELECT id FROM plans WHERE id = $1 AND id <> $2 AND ${inScope(scope, { service: 'service_id' }, params)}`,
    params,
  );
  return Boolean(other);
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
    fromDate?: string | null;
    toDate?: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO plan_action_events (action_id, kind, rag, text, by_id, by_name, from_date, to_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      actionId,
      event.kind,
      event.rag ?? null,
      event.text,
      event.byId,
      event.byName,
      event.fromDate ?? null,
      event.toDate ?? null,
    ],
  );
}

/** Appends a progress note to an action's history, by the person who wrote it (owner or partner). */
export function addNote(
  tx: Queryable,
  actionId: string,
  by: EventAuthor,
  input: { text: string },
): Promise<void> {
  return addEvent(tx, actionId, { kind: 'note', text: input.text, byId: by.id, byName: by.name });
}

/** Appends a RAG and the reason for it to an action's history, by the person who set it. */
export function addRag(
  tx: Queryable,
  actionId: string,
  by: EventAuthor,
  input: { rag: string; reason: string },
): Promise<void> {
  return addEvent(tx, actionId, {
    kind: 'rag',
    rag: input.rag,
    text: input.reason,
    byId: by.id,
    byName: by.name,
  });
}

/** Who an action's event is by, as the history names them. */
interface EventAuthor {
  id: string;
  name: string;
}
