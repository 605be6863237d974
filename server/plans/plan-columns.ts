/**
 * The columns that bulk writes of a plan insert (server/db/insert-rows.ts), shared by the plan
 * import and the demo's plans so both write the same tables the same way. A row that leaves a
 * column out inserts NULL into it, so each writer starts from the columns every plan row has and
 * adds only those it fills (a column with a default is not listed unless the writer sets it).
 */
import type { ColumnTypes } from '../db/insert-rows';

export const PLAN_AREA_COLUMNS = {
  id: 'uuid',
  plan_id: 'uuid',
  reference: 'text',
  title: 'text',
  theme: 'text',
  source: 'text',
  timescale: 'text',
  timescale_date: 'date',
  position: 'integer',
} as const satisfies ColumnTypes;

/** An area as councils keep it: how often it recurs, and the outcomes it should bring. */
export const PLAN_AREA_KEPT_COLUMNS = {
  ...PLAN_AREA_COLUMNS,
  recurrence: 'text',
  recurrence_start: 'date',
  outcomes: 'jsonb',
} as const satisfies ColumnTypes;

export const PLAN_ACTION_COLUMNS = {
  id: 'uuid',
  plan_id: 'uuid',
  area_id: 'uuid',
  number: 'text',
  description: 'text',
  owner: 'text',
  target_date: 'date',
  position: 'integer',
} as const satisfies ColumnTypes;

/** An action as councils keep it: its own timescale and how often it recurs. */
export const PLAN_ACTION_KEPT_COLUMNS = {
  ...PLAN_ACTION_COLUMNS,
  timescale: 'text',
  recurrence: 'text',
  recurrence_start: 'date',
} as const satisfies ColumnTypes;

/** An entry of an action's history; `at` is left to its default (now) unless a writer adds it. */
export const PLAN_ACTION_EVENT_COLUMNS = {
  action_id: 'uuid',
  kind: 'text',
  rag: 'text',
  text: 'text',
  by_id: 'uuid',
  by_name: 'text',
} as const satisfies ColumnTypes;

/** The columns every measure has; each kind of measure adds its own (metric, compliance, …). */
export const PLAN_MEASURE_COLUMNS = {
  id: 'uuid',
  plan_id: 'uuid',
  action_id: 'uuid',
  title: 'text',
  source: 'text',
  bucket: 'text',
  trajectory: 'jsonb',
} as const satisfies ColumnTypes;

/** A value entered by hand for one period of a measure. */
export const PLAN_MEASURE_VALUE_COLUMNS = {
  measure_id: 'uuid',
  period_id: 'text',
  period_start: 'date',
  period_end: 'date',
  value: 'float8',
  note: 'text',
  entered_by: 'uuid',
} as const satisfies ColumnTypes;
