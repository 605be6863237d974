/**
 * Which column of the file holds which case field. The importer proposes a mapping from the
 * headers (an exact match of a known header first, then a header that starts with one), the
 * QA lead confirms or changes it in the preview, and the mapping is checked before any row is.
 */
import { z } from 'zod';
import { CASE_FIELD_INFO, CASE_FIELDS, columnLetter, normaliseHeader, type CaseField } from './case-fields';

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
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping = Object.fromEntries(CASE_FIELDS.map((field) => [field, null])) as Record<
    CaseField,
    number | null
  >;
  const pass = (matches: (header: string, known: string) => boolean): void => {
    for (const field of CASE_FIELDS) {
      if (mapping[field] !== null) continue;
      const index = normalised.findIndex(
        (header, i) => !used.has(i) && CASE_FIELD_INFO[field].headers.some((known) => matches(header, known)),
      );
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  };
  pass((header, known) => header === known);
  pass((header, known) => known.length > 3 && header.startsWith(`${known} `));
  return mapping;
}

/** Problems with a mapping against a file's headers, as `{ path: field, message }`. */
export function mappingProblems(
  mapping: ColumnMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Map<number, CaseField>();
  for (const field of CASE_FIELDS) {
    const column = mapping[field];
    const info = CASE_FIELD_INFO[field];
    if (column === null) {
      if (info.required)
        problems.push({
          path: field,
          message: `Choose the column that holds the ${info.label.toLowerCase()}.`,
        });
      continue;
    }
    if (column >= headers.length) {
      problems.push({ path: field, message: `The file has no column ${columnLetter(column)}.` });
      continue;
    }
    const other = seen.get(column);
    if (other) {
      problems.push({
        path: field,
        message: `Column ${columnLetter(column)} is already used for ${CASE_FIELD_INFO[other].label.toLowerCase()}.`,
      });
    }
    seen.set(column, field);
  }
  return problems;
}
