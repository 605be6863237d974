/**
 * Which column of the file holds which case field. The importer proposes a mapping from the
 * headers (an exact match of a known header first, then a header that starts with one), the
 * QA lead confirms or changes it in the preview, and the mapping is checked before any row is.
 */
import { z } from 'zod';
import { CASE_FIELD_INFO, CASE_FIELDS, type CaseField } from './case-fields';
import { fieldMappingProblems, guessFieldMapping } from './field-mapping';

const column = z.number().int().min(0).max(500).nullable();

/**
 * Field → column index (0 = column A), or null when the file has no such column. The date
 * opened came later: a mapping without it means the file has none.
 */
export const columnMappingSchema = z.object({
  reference: column,
  team: column,
  caseType: column,
  allocatedWorker: column,
  // Optional in a saved mapping: mappings made before the field existed have none.
  workerEmail: column.default(null),
  planType: column,
  flags: column,
  closed: column,
  openedOn: column.default(null),
} satisfies Record<CaseField, z.ZodType>);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * The mapping the headers suggest; a column is used for one field at most.
 * @example guessMapping(['Case Ref', 'Team', 'Type', 'Social worker']).allocatedWorker // 3
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return guessFieldMapping(CASE_FIELDS, CASE_FIELD_INFO, headers);
}

/** Problems with a mapping against a file's headers, as `{ path: field, message }`. */
export function mappingProblems(
  mapping: ColumnMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  return fieldMappingProblems(CASE_FIELDS, CASE_FIELD_INFO, mapping, headers);
}
