/**
 * /api/imports — the QA lead's case-list import, in two steps over the same file:
 *   POST /preview  reads the file, proposes (or takes) a column mapping, and reports every
 *                  problem by row and column, with what importing would change;
 *   POST /         imports it: all or nothing — a file with any problem imports nothing and
 *                  answers 400 listing every problem — and idempotent by case reference.
 *   GET  /         the imports applied so far.
 * Files travel base64 in JSON, so these routes take a larger body than the rest of the API.
 */
import { Hono } from 'hono';
import { limitBody } from '../http/body-limit';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import {
  importRequestSchema,
  MAX_IMPORT_BYTES,
  MAX_LISTED_PROBLEMS,
  type ImportPreview,
  type ImportResult,
} from '../../shared/imports/import-schemas';
import { describeRowProblem } from '../../shared/imports/case-row-validation';
import { prepareImport, type PreparedImport } from './prepare-import';
import { applyImport } from './apply-import';

const SAMPLE_ROWS = 10;

function preview(prepared: PreparedImport): ImportPreview {
  const valid = prepared.fileProblems.length === 0 && prepared.problems.length === 0;
  return {
    fileName: prepared.fileName,
    format: prepared.table.format,
    sheet: prepared.table.sheet,
    sheets: prepared.table.sheets,
    encoding: prepared.table.encoding,
    headers: prepared.table.headers,
    mapping: prepared.mapping,
    fileProblems: prepared.fileProblems,
    rowCount: prepared.table.rows.filter((r) => r.some((cell) => cell.trim() !== '')).length,
    problems: prepared.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: prepared.problems.length,
    sample: prepared.table.rows.slice(0, SAMPLE_ROWS),
    changes: valid
      ? {
          created: prepared.changes.created.length,
          updated: prepared.changes.updated.length,
          unchanged: prepared.changes.unchanged,
        }
      : null,
  };
}

export function importRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .use(
      limitBody({
        // base64 is 4/3 of the file, plus the JSON around it.
        maxSize: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024,
        onError: (c) => c.json(appError('payload_too_large', 'The file is larger than 12 MB.').toBody(), 413),
      }),
    )
    .get('/', async (c) => {
      const rows = await deps.db.query<{
        id: string;
        file_name: string;
        format: string;
        row_count: number;
        created_count: number;
        updated_count: number;
        unchanged_count: number;
        imported_at: string;
        imported_by_name: string | null;
      }>(
        `SELECT i.id, i.file_name, i.format, i.row_count, i.created_count, i.updated_count, i.unchanged_count,
                i.imported_at, p.display_name AS imported_by_name
         FROM case_imports i LEFT JOIN people p ON p.id = i.imported_by ORDER BY i.imported_at DESC LIMIT 50`,
      );
      return c.json({
        imports: rows.map((r) => ({
          id: r.id,
          fileName: r.file_name,
          format: r.format,
          rowCount: r.row_count,
          created: r.created_count,
          updated: r.updated_count,
          unchanged: r.unchanged_count,
          importedAt: r.imported_at,
          importedBy: r.imported_by_name ?? '',
        })),
      });
    })
    .post('/preview', async (c) => {
      const request = await parseBody(c, importRequestSchema);
      return c.json(preview(await prepareImport(deps.db, request)));
    })
    .post('/', async (c) => {
      const person = requirePerson(c);
      const request = await parseBody(c, importRequestSchema);
      const result = await deps.db.transaction(async (tx): Promise<ImportResult> => {
        // Decided inside the transaction, so what is compared is what is written.
        const prepared = await prepareImport(tx, request);
        if (prepared.fileProblems.length > 0)
          throw appError(
            'validation_failed',
            'The file cannot be imported as it is. Nothing was imported.',
            prepared.fileProblems,
          );
        if (prepared.problems.length > 0) {
          const listed = prepared.problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
            path: `row ${p.row}, column ${p.column}`,
            message: describeRowProblem(p),
          }));
          const more = prepared.problems.length - listed.length;
          throw appError(
            'validation_failed',
            `${prepared.problems.length} ${prepared.problems.length === 1 ? 'problem' : 'problems'} in the file${more > 0 ? ` (the first ${listed.length} are listed)` : ''}. Nothing was imported: correct the file and import it again.`,
            listed,
          );
        }
        const { created, updated } = await applyImport(tx, prepared);
        const rowCount = prepared.cases.length;
        const unchanged = rowCount - created - updated;
        let importId: string | null = null;
        if (created + updated > 0) {
          importId = crypto.randomUUID();
          await tx.query(
            `INSERT INTO case_imports (id, file_name, file_sha256, format, mapping, row_count, created_count, updated_count,
               unchanged_count, imported_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)`,
            [
              importId,
              prepared.fileName,
              prepared.sha256,
              prepared.table.format,
              JSON.stringify(prepared.mapping),
              rowCount,
              created,
              updated,
              unchanged,
              person.id,
            ],
          );
        }
        await logChange(
          c,
          deps,
          tx,
          'case-list',
          importId ?? '',
          {
            fileName: prepared.fileName,
            sha256: prepared.sha256,
            rows: rowCount,
            created,
            updated,
            unchanged,
          },
          'case-list.imported',
        );
        return { importId, rowCount, created, updated, unchanged };
      });
      return c.json(result);
    });
}
