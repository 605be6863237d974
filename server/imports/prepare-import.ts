/**
 * Everything an import decides before it writes anything, shared by the preview and the
 * import itself so they can never disagree: read the file, refuse personal-data columns,
 * check the column mapping, check every row, and work out what each valid case would change
 * (created, updated, or unchanged — compared by case reference with what Lantern holds).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';
import { readTable, type Table } from './read-table';
import { personalDataColumns } from '../../shared/imports/personal-data-columns';
import { guessMapping, mappingProblems, type ColumnMapping } from '../../shared/imports/column-mapping';
import {
  validateCaseRows,
  type ImportedCase,
  type RowProblem,
} from '../../shared/imports/case-row-validation';
import type { ImportRequest } from '../../shared/imports/import-schemas';
import { appError } from '../../shared/errors/app-error';

export interface PreparedImport {
  fileName: string;
  sha256: string;
  table: Table;
  mapping: ColumnMapping;
  fileProblems: { path: string; message: string }[];
  problems: RowProblem[];
  cases: ImportedCase[];
  /** Per valid case: what importing it would do. */
  changes: { created: ImportedCase[]; updated: ImportedCase[]; unchanged: number };
}

interface ExistingCase {
  reference: string;
  team_id: string;
  case_type: string;
  allocated_worker: string;
  plan_type: string;
  flags: string[];
  closed: boolean;
}

/** True when importing `c` would change nothing about `row` (fields the file lacks are kept). */
function sameAs(c: ImportedCase, row: ExistingCase): boolean {
  return (
    row.team_id === c.teamId &&
    row.case_type === c.caseType &&
    (c.allocatedWorker === undefined || row.allocated_worker === c.allocatedWorker) &&
    (c.planType === undefined || row.plan_type === c.planType) &&
    (c.closed === undefined || row.closed === c.closed) &&
    (c.flags === undefined ||
      (row.flags.length === c.flags.length && row.flags.every((f, i) => f === c.flags?.[i])))
  );
}

export async function prepareImport(db: Queryable, request: ImportRequest): Promise<PreparedImport> {
  const bytes = Buffer.from(request.content, 'base64');
  if (bytes.length === 0) throw appError('validation_failed', 'The file is empty.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await readTable(bytes, { sheet: request.sheet, encoding: request.encoding });
  const mapping = request.mapping ?? guessMapping(table.headers);
  const fileProblems = [
    ...personalDataColumns(table.headers).map((p) => ({ path: `column-${p.column}`, message: p.message })),
    ...mappingProblems(mapping, table.headers),
  ];
  const empty = { created: [], updated: [], unchanged: 0 };
  if (fileProblems.length > 0)
    return {
      fileName: request.fileName,
      sha256,
      table,
      mapping,
      fileProblems,
      problems: [],
      cases: [],
      changes: empty,
    };

  const [teams, caseTypes] = await Promise.all([
    db.query<{ id: string; name: string }>('SELECT id, name FROM teams'),
    db.query<{ key: string; label: string }>('SELECT key, label FROM case_types'),
  ]);
  const { cases, problems } = validateCaseRows(table.rows, mapping, { teams, caseTypes }, table.headers);
  if (problems.length > 0)
    return {
      fileName: request.fileName,
      sha256,
      table,
      mapping,
      fileProblems,
      problems,
      cases,
      changes: empty,
    };

  const existing = await db.query<ExistingCase>(
    `SELECT reference, team_id, case_type, allocated_worker, plan_type, flags, closed
     FROM cases WHERE reference = ANY ($1::text[])`,
    [cases.map((c) => c.reference)],
  );
  const byReference = new Map(existing.map((row) => [row.reference, row]));
  const created: ImportedCase[] = [];
  const updated: ImportedCase[] = [];
  let unchanged = 0;
  for (const c of cases) {
    const row = byReference.get(c.reference);
    if (!row) created.push(c);
    else if (sameAs(c, row)) unchanged++;
    else updated.push(c);
  }
  return {
    fileName: request.fileName,
    sha256,
    table,
    mapping,
    fileProblems,
    problems,
    cases,
    changes: { created, updated, unchanged },
  };
}
