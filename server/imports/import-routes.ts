/**
 * /api/imports — the QA lead's case-list import, in two steps over the same file:
 *   POST /preview  reads the file, proposes (or takes) a column mapping, and reports every
 *                  problem by row and column, with what importing would change;
 *   POST /         imports it: all or nothing — a file with any problem imports nothing and
 *                  answers 400 listing every problem — and idempotent by case reference.
 *   GET  /         the imports applied so far.
 *   GET  /name-mappings             the names remembered from earlier imports ("CP" → Child protection);
 *   DELETE /name-mappings/:mappingId  forgets one (the name then asks for a decision again).
 * Names of teams, case types and flags that Lantern does not know are listed in the preview;
 * the import request carries the decisions about them (map or create), which the import checks
 * again and applies in the same transaction as the rows (see shared/imports/resolve-names.ts
 * for who may create what).
 * Files travel base64 in JSON, so these routes take a larger body than the rest of the API.
 */
import { Hono } from 'hono';
import { limitUploadBody, uploadRequestBytes } from './uploaded-file';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import {
  importRequestSchema,
  MAX_IMPORT_BYTES,
  MAX_LISTED_NAMES,
  MAX_LISTED_PROBLEMS,
  type ImportPreview,
  type ImportResult,
} from '../../shared/imports/import-schemas';
import { describeMappedRowProblem } from '../../shared/imports/field-mapping';
import { NAME_KIND_LABELS } from '../../shared/imports/import-names';
import type { Importer } from '../../shared/imports/resolve-names';
import type { Person } from '../http/app-env';
import { prepareImport, type PreparedImport } from './prepare-import';
import { applyDecisions, applyImport } from './apply-import';
import { deleteMapping, listMappings } from './name-mappings-store';
import { idParam } from '../admin/id-param';
import { dataScope, serviceForNewRecord } from '../auth/service-scope';
import { listImports, recordImport } from './import-history-store';
import { filePreview } from './parse-table';

const SAMPLE_ROWS = 10;

const importerOf = (person: Person): Importer => ({
  admin: person.roles.includes('admin'),
  serviceId: person.serviceId,
});

const CREATED_ACTION = { team: 'team.created', case_type: 'case-type.created', flag: 'case-flag.created' };
const ENTITY = { team: 'team', case_type: 'case-type', flag: 'case-flag' };

/** Every reason the import cannot go ahead, in row order: row problems and names still unknown. */
function refusals(prepared: PreparedImport): { row: number; path: string; message: string }[] {
  const rows = prepared.problems.map((p) => ({
    row: p.row,
    path: `row ${p.row}, column ${p.column}`,
    message: describeMappedRowProblem(p),
  }));
  const names = prepared.names
    .filter((n) => n.status === 'unknown')
    .map((n) => {
      const what = NAME_KIND_LABELS[n.kind];
      const where = n.rows === 1 ? '' : ` (on ${n.rows} rows)`;
      return {
        row: n.firstRow,
        path: `row ${n.firstRow}, column ${n.column}`,
        message: `Row ${n.firstRow}, column ${n.column}: "${n.source}" is not a ${what} in Lantern${where}. Map it to an existing ${what} or create it in the preview, or correct the file.`,
      };
    });
  return [...rows, ...names].sort((a, b) => a.row - b.row);
}

function preview(prepared: PreparedImport): ImportPreview {
  const valid =
    prepared.fileProblems.length === 0 &&
    prepared.problems.length === 0 &&
    prepared.names.every((n) => n.status !== 'unknown');
  return {
    ...filePreview(prepared),
    problems: prepared.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: prepared.problems.length,
    names: prepared.names.slice(0, MAX_LISTED_NAMES),
    nameCount: prepared.names.length,
    nameOptions: prepared.options,
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

const REQUEST_LIMIT = uploadRequestBytes(MAX_IMPORT_BYTES);
export function importRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .use(limitUploadBody(MAX_IMPORT_BYTES))
    .get('/', async (c) => {
      // The imports of the QA lead's service.
      const imports = await listImports(deps.db, 'case_imports', dataScope(c));
      return c.json({ imports });
    })
    .get('/name-mappings', async (c) => c.json({ mappings: await listMappings(deps.db) }))
    .delete('/name-mappings/:mappingId', async (c) => {
      const id = idParam(c, 'mappingId', 'remembered name');
      const forgotten = await deps.db.transaction(async (tx) => {
        const mapping = await deleteMapping(tx, id);
        if (!mapping) throw appError('not_found', 'There is no remembered name with that id.');
        await logChange(
          c,
          deps,
          tx,
          'import-name',
          id,
          { kind: mapping.kind, source: mapping.source, target: mapping.target },
          'import-name.forgotten',
        );
        return mapping;
      });
      return c.json({ mapping: forgotten });
    })
    .post('/preview', async (c) => {
      const person = requirePerson(c);
      const request = await parseBody(c, importRequestSchema, { maxBytes: REQUEST_LIMIT });
      return c.json(preview(await prepareImport(deps.db, request, importerOf(person))));
    })
    .post('/', async (c) => {
      const person = requirePerson(c);
      const request = await parseBody(c, importRequestSchema, { maxBytes: REQUEST_LIMIT });
      const result = await deps.db.transaction(async (tx): Promise<ImportResult> => {
        // Decided inside the transaction, so what is compared is what is written.
        const prepared = await prepareImport(tx, request, importerOf(person));
        if (prepared.fileProblems.length > 0)
          throw appError(
            'validation_failed',
            'The file cannot be imported as it is. Nothing was imported.',
            prepared.fileProblems,
          );
        const refused = refusals(prepared);
        if (refused.length > 0) {
          const listed = refused
            .slice(0, MAX_LISTED_PROBLEMS)
            .map(({ path, message }) => ({ path, message }));
          const more = refused.length - listed.length;
          throw appError(
            'validation_failed',
            `${refused.length} ${refused.length === 1 ? 'problem' : 'problems'} in the file${more > 0 ? ` (the first ${listed.length} are listed)` : ''}. Nothing was imported: correct the file, or decide about the names Lantern does not know, and import it again.`,
            listed,
          );
        }
        const decided = await applyDecisions(tx, prepared, person.id);
        for (const name of decided.created)
          await logChange(
            c,
            deps,
            tx,
            ENTITY[name.kind],
            name.id,
            name.kind === 'team'
              ? { name: name.name, serviceId: name.serviceId, fromImport: prepared.fileName }
              : { label: name.name, fromImport: prepared.fileName },
            CREATED_ACTION[name.kind],
          );
        for (const m of prepared.resolved?.mappings ?? [])
          await logChange(
            c,
            deps,
            tx,
            'import-name',
            `${m.kind}:${m.source}`,
            { kind: m.kind, source: m.sourceText, fromImport: prepared.fileName },
            'import-name.remembered',
          );
        const { created, updated } = await applyImport(tx, prepared);
        const rowCount = prepared.cases.length;
        const unchanged = rowCount - created - updated;
        const importId =
          created + updated > 0
            ? await recordImport(
                tx,
                { table: 'case_imports', serviceId: serviceForNewRecord(dataScope(c)) },
                {
                  fileName: prepared.fileName,
                  sha256: prepared.sha256,
                  format: prepared.table.format,
                  mapping: prepared.mapping,
                  rowCount,
                  created,
                  updated,
                  unchanged,
                  importedBy: person.id,
                },
              )
            : null;
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
            namesCreated: decided.created.length,
            namesRemembered: decided.remembered,
          },
          'case-list.imported',
        );
        return {
          importId,
          rowCount,
          created,
          updated,
          unchanged,
          createdNames: decided.created.map(({ kind, id, name }) => ({ kind, id, name })),
          remembered: decided.remembered,
        };
      });
      return c.json(result);
    });
}
