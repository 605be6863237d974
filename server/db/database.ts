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

/**
 * The channel every connection LISTENs on. The database's triggers NOTIFY it at commit
 * (migrations/033-session-change-notices.sql), so each process hears of a change to data it
 * keeps in memory: the connection that committed hears it before its COMMIT returns, the others
 * as soon as they are idle.
 */
export const CHANGES_CHANNEL = 'lantern_changes';

/**
 * A notice from CHANGES_CHANNEL, or null when notices may have been missed (a connection that
 * listened was lost): whoever keeps data in memory then forgets all of it.
 */
export type ChangeNotice = string | null;

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Calls `listener` with every notice on CHANGES_CHANNEL; returns what stops it. Absent on a
   * database that cannot tell (a test's stand-in): nothing may then be kept in memory.
   */
  onChange?(listener: (notice: ChangeNotice) => void): () => void;
  close(): Promise<void>;
}

/** The listeners of one database's change notices (both engines keep theirs this way). */
export function changeListeners(): {
  add: (listener: (notice: ChangeNotice) => void) => () => void;
  tell: (notice: ChangeNotice) => void;
} {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tell(notice) {
      for (const listener of listeners) listener(notice);
    },
  };
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
  1184: timestampToIso, // timestamptz
};

/** A timestamp as PostgreSQL writes it in UTC: `2026-12-06 03:20:00.123456+00`. */
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as an ISO string to the millisecond, as `Date#toISOString` writes it. The
 * common shape is rewritten as text (the fraction cut to milliseconds, as Date reads it), since
 * Date's parser is slow on six-digit fractions and every row read holds several timestamps;
 * anything else (BC, years past 9999) goes through Date.
 */
export function timestampToIso(value: string): string {
  const match = UTC_TIMESTAMP.exec(value);
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  return new Date(value.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
}
