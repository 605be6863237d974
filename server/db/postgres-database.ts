/**
 * PostgreSQL through node-postgres, for when a council grows past one machine: several
 * stateless Lantern processes share one database, so nothing here keeps state in memory
 * (but for prepared statements, which live and die with their connection). What the server
 * keeps for a few seconds elsewhere (looked-up sessions) it forgets on the change notices every
 * connection here listens for.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  beginStatement,
  CHANGES_CHANNEL,
  changeListeners,
  typeParsers,
  type Database,
  type QueryOptions,
  type Queryable,
} from './database';

const parserFor = (oid: number): ((value: string) => unknown) | undefined => typeParsers[oid];

/**
 * Prepared statements' names by their text. The texts are the code's own (values are always
 * parameters), so there are few; the map is emptied should it ever grow past that.
 */
const statementNames = new Map<string, string>();

/** A prepared statement is named after a digest of its text, worked out once per text. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= 1_000) statementNames.clear();
    name = `l_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** node-postgres's query config. */
function statement(sql: string, params: readonly unknown[], options?: QueryOptions): pg.QueryConfig {
  const values = [...params];
  if (!options?.prepare) return { text: sql, values };
  return { name: statementName(sql), text: sql, values };
}

/**
 * A prepared statement outlived a change of the tables it reads (another process migrated the
 * schema): PostgreSQL refuses it. The connection is dropped and the work tried again.
 */
function isStalePreparedStatement(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test(error.message)
  );
}

/**
 * `listen: false`: no connection listens for change notices, and the database offers none
 * (`onChange` absent), so nothing is kept in memory on the strength of them.
 */
export async function openPostgresDatabase(
  connectionString: string,
  poolSize = 10,
  { listen = true }: { listen?: boolean } = {},
): Promise<Database> {
  const changes = changeListeners();
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
    // Every connection listens for change notices before its first use, so a change committed
    // on it is heard before its COMMIT returns, and one committed by another process as soon as
    // any of this process's connections is idle.
    ...(listen && {
      onConnect: async (client: pg.ClientBase) => {
        client.on('notification', (message) => {
          if (message.channel === CHANGES_CHANNEL) changes.tell(message.payload ?? null);
        });
        await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      },
    }),
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // A connection closed (idle, or lost) no longer hears notices; with none left open, one may
  // be missed, so what is kept in memory is forgotten whenever one goes.
  if (listen) pool.on('remove', () => changes.tell(null));
  // Fail now, with the connection error, rather than on the first request.
  const probe = await pool.connect();
  probe.release();

  /**
   * Runs `work` on a connection of its own; again if a prepared plan went stale, each time on
   * another connection (every pooled one may hold the stale plan, and each is dropped in turn).
   */
  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>, attempt = 1): Promise<T> {
    const client = await pool.connect();
    let released = false;
    try {
      return await work(client);
    } catch (error) {
      if (!isStalePreparedStatement(error)) throw error;
      // The connection remembers the stale statement by name: never hand it out again.
      client.release(true);
      released = true;
      if (attempt <= poolSize) return withClient(work, attempt + 1);
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  const scopedTo = (client: pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
      (await client.query(statement(sql, params, options))).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  });

  return {
    engine: 'postgresql',
    query: <T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
      options?.prepare
        ? withClient((client) => scopedTo(client).query<T>(sql, params, options))
        : pool.query(sql, [...params]).then((result) => result.rows as T[]),
    async exec(sql) {
      await pool.query(sql);
    },
    transaction(fn, options) {
      return withClient(async (client) => {
        await client.query(beginStatement(options));
        try {
          const result = await fn(scopedTo(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },
    ...(listen && { onChange: changes.add }),
    async close() {
      await pool.end();
    },
  };
}
