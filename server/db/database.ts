/**
 * The one small interface the server uses to talk to storage, whichever engine is behind it:
 * PGlite (embedded, the default) or PostgreSQL (when DATABASE_URL is set). Both speak the same
 * SQL dialect, so every resource writes plain SQL once.
 */

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Keep the statement parsed and planned on the connection (a named prepared statement on
   * PostgreSQL): for the few fixed statements on a hot path, such as the sync push. Never for
   * SQL whose text varies with the data, or every variant would be kept.
   */
  prepare?: boolean;
}

export interface Queryable {
  /** Run one statement with $1…$n parameters and return its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Run a script of several statements without parameters (migrations, fixtures). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

export type Engine = 'pglite' | 'postgresql';

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Throws unless the database answers a trivial statement (the health check). */
export async function databaseAnswers(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** The statement that opens a transaction with the requested isolation and access mode. */
export function beginStatement(options: TransactionOptions = {}): string {
  const isolation = options.isolation ?? 'read committed';
  return `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}${options.readOnly ? ' READ ONLY' : ''}`;
}

/**
 * Both engines hand back the same JavaScript shapes: counts as numbers, timestamps as ISO
 * strings in UTC (sessions run with TimeZone=UTC), dates as 'YYYY-MM-DD', xid8 as strings.
 */
export const typeParsers: Record<number, (value: string) => unknown> = {
  20: (value) => Number(value), // int8: counts and sums here stay far below 2^53
  1082: (value) => value, // date
  1184: (value) => new Date(value.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString(), // timestamptz
};
