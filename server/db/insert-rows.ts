/**
 * Many rows in one statement on either engine: the rows travel as one JSON parameter and
 * `jsonb_to_recordset` turns them back into typed columns. Used by seeding and imports,
 * where thousands of single-row INSERTs would be slow on PGlite.
 */
import type { Queryable } from './database';

/** Column name → SQL type, in insertion order, e.g. `{ id: 'uuid', reference: 'text' }`. */
export type ColumnTypes = Record<string, string>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function insertRows(
  tx: Queryable,
  table: string,
  columns: ColumnTypes,
  rows: readonly object[],
  chunkSize = 5_000,
): Promise<void> {
  const names = Object.keys(columns);
  for (const name of [table, ...names]) {
    if (!IDENTIFIER.test(name)) throw new Error(`insertRows: "${name}" is not a plain identifier`);
  }
  const list = names.join(', ');
  const typed = names.map((name) => `${name} ${columns[name]}`).join(', ');
  const sql = `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${typed})`;
  for (let i = 0; i < rows.length; i += chunkSize) {
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + chunkSize))]);
  }
}
