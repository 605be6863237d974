/** The columns the demo's round seeders insert into rounds, round_cases and allocations (server/db/insert-rows.ts). */
export const ROUND_COLUMNS = {
  id: 'uuid',
  name: 'text',
  kind: 'text',
  theme: 'text',
  start_date: 'date',
  end_date: 'date',
  due_date: 'date',
  framework_key: 'text',
  framework_version: 'integer',
  moderation_share: 'numeric',
  created_by: 'uuid',
  service_id: 'uuid',
} as const;

export const ROUND_CASE_COLUMNS = {
  round_id: 'uuid',
  case_id: 'uuid',
  stratum: 'text',
  position: 'integer',
} as const;

/** An allocation's own columns: its id (its audit's too), the case, the auditor, the framework. */
export const ALLOCATION_COLUMNS = {
  id: 'uuid',
  case_id: 'uuid',
  auditor_id: 'uuid',
  framework_key: 'text',
  framework_version: 'integer',
} as const;

/** An allocation in a round; a column a row leaves out is inserted as NULL. */
export const ROUND_ALLOCATION_COLUMNS = {
  ...ALLOCATION_COLUMNS,
  round_name: 'text',
  round_id: 'uuid',
  due_date: 'date',
  allocated_by: 'uuid',
  active: 'boolean',
  finished: 'boolean',
} as const;
