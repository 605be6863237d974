/**
 * The embedded engine: PGlite (Postgres compiled to WebAssembly) with its data directory on
 * disk, or in memory for tests. One connection, so transactions are serialised by PGlite.
 */
import { PGlite } from '@electric-sql/pglite';
import {
  beginStatement,
  CHANGES_CHANNEL,
  changeListeners,
  typeParsers,
  type Database,
  type Queryable,
} from './database';

export interface PgliteDatabase extends Database {
  /** The whole data directory as one uncompressed tarball (PGlite's `dumpDataDir`). */
  dumpDataDir(): Promise<Blob>;
}

/**
 * `loadDataDir`: a tarball from `dumpDataDir` to start from instead of a fresh cluster (tests
 * clone a prepared database this way; loading skips initdb, the slowest part of an open).
 */
export async function openPgliteDatabase(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<PgliteDatabase> {
  const pg = await PGlite.create(dataDir ?? 'memory://', {
    parsers: typeParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await pg.exec("SET TIME ZONE 'UTC'");
  // The one connection hears its own notices as each statement or transaction commits, before
  // its promise resolves.
  const changes = changeListeners();
  await pg.listen(CHANGES_CHANNEL, (payload) => changes.tell(payload));

  const query = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
    const result = await pg.query<T>(sql, [...params]);
    return result.rows;
  };

  return {
    engine: 'pglite',
    query,
    async exec(sql) {
      await pg.exec(sql);
    },
    async transaction(fn, options) {
      return pg.transaction(async (tx) => {
        if (options?.isolation || options?.readOnly) {
          // PGlite has already said BEGIN; the mode is set as the transaction's first statement.
          const mode = beginStatement(options).replace(/^BEGIN/, 'SET TRANSACTION');
          await tx.query(mode);
        }
        const scoped: Queryable = {
          query: async <T>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<T>(sql, [...params])).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        };
        return fn(scoped);
      });
    },
    onChange: changes.add,
    async dumpDataDir() {
      return pg.dumpDataDir('none');
    },
    async close() {
      await pg.close();
    },
  };
}
