/**
 * PostgreSQL through node-postgres, for when a council grows past one machine: several
 * stateless Lantern processes share one database, so nothing here keeps state in memory.
 */
import pg from 'pg';
import { beginStatement, typeParsers, type Database, type Queryable } from './database';

const parserFor = (oid: number): ((value: string) => unknown) | undefined => typeParsers[oid];

export async function openPostgresDatabase(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    // Idle open transactions would hold back the sync pull horizon (DESIGN.md).
    options: '-c TimeZone=UTC -c idle_in_transaction_session_timeout=60000',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parserFor(oid) ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Fail now, with the connection error, rather than on the first request.
  const probe = await pool.connect();
  probe.release();

  const query = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await pool.query(sql, [...params])).rows as T[];

  return {
    engine: 'postgresql',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn, options) {
      const client = await pool.connect();
      try {
        await client.query(beginStatement(options));
        const scoped: Queryable = {
          query: async <T>(sql: string, params: readonly unknown[] = []) =>
            (await client.query(sql, [...params])).rows as T[],
          exec: async (sql: string) => {
            await client.query(sql);
          },
        };
        const result = await fn(scoped);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
