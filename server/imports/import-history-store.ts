/**
 * The record of each file imported: case lists (case_imports, a service's) and people
 * (people_imports, the organisation's). Both tables keep the same columns, so one pair of
 * functions writes and lists them; an import that changed nothing leaves no row.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';

export type ImportTable = 'case_imports' | 'people_imports';

export interface ImportRecord {
  id: string;
  fileName: string;
  format: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  importedAt: string;
  importedBy: string;
}

interface ImportRow {
  id: string;
  file_name: string;
  format: string;
  row_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  imported_at: string;
  imported_by_name: string | null;
}

/**
 * The 50 latest imports, newest first; case lists only within the data scope given (a
 * service's QA lead sees their service's).
 */
export async function listImports(
  db: Queryable,
  table: ImportTable,
  scope: DataScope | null,
): Promise<ImportRecord[]> {
  const params: unknown[] = [];
  const where = scope ? `WHERE ${inScope(scope, { service: 'i.service_id' }, params)}` : '';
  const rows = await db.query<ImportRow>(
    `SELECT i.id, i.file_name, i.format, i.row_count, i.created_count, i.updated_count, i.unchanged_count,
            i.imported_at, p.display_name AS imported_by_name
     FROM ${table} i LEFT JOIN people p ON p.id = i.imported_by
     ${where}
     ORDER BY i.imported_at DESC LIMIT 50`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    rowCount: r.row_count,
    created: r.created_count,
    updated: r.updated_count,
    unchanged: r.unchanged_count,
    importedAt: r.imported_at,
    importedBy: r.imported_by_name ?? '',
  }));
}

export interface NewImportRecord {
  fileName: string;
  sha256: string;
  format: string;
  mapping: unknown;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  importedBy: string;
}

/** Records an import; its new id. A case list also records its service. */
export async function recordImport(
  tx: Queryable,
  into: { table: 'people_imports' } | { table: 'case_imports'; serviceId: string },
  record: NewImportRecord,
): Promise<string> {
  const id = crypto.randomUUID();
  const values = [
    id,
    record.fileName,
    record.sha256,
    record.format,
    JSON.stringify(record.mapping),
    record.rowCount,
    record.created,
    record.updated,
    record.unchanged,
    record.importedBy,
  ];
  if (into.table === 'case_imports')
    await tx.query(
      `INSERT INTO case_imports (id, file_name, file_sha256, format, mapping, row_count, created_count, updated_count,
         unchanged_count, imported_by, service_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11)`,
      [...values, into.serviceId],
    );
  else
    await tx.query(
      `INSERT INTO people_imports (id, file_name, file_sha256, format, mapping, row_count, created_count,
         updated_count, unchanged_count, imported_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)`,
      values,
    );
  return id;
}
