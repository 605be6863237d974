/**
 * The columns that bulk writes of people insert (server/db/insert-rows.ts), shared by the people
 * import, the demo organisation and the test worlds. A row that leaves a column out inserts NULL
 * into it, so each writer starts from a person's own columns and adds those it fills: a password
 * for the demo's people, how they came and from which agency for an imported person.
 */
import type { ColumnTypes } from '../db/insert-rows';

export const PERSON_COLUMNS = {
  id: 'uuid',
  email: 'text',
  display_name: 'text',
  job_title: 'text',
  team_id: 'uuid',
  service_id: 'uuid',
  roles: 'text[]',
} as const satisfies ColumnTypes;
