/**
 * The server's one logger: JSON lines on stdout (pino), one object per line with `time`,
 * `level`, `msg` and, inside a request, its `requestId` (and `personId` once known), so a
 * council's log collector can search and join them. `LANTERN_LOG_LEVEL` picks how much
 * (default info); `LANTERN_LOG_FORMAT=pretty` prints readable lines for a person at a terminal.
 *
 * What must never reach a log line: answers, notes, passwords, tokens, cookies. The code logs
 * ids, counts, route patterns and error codes, never request bodies, queries or headers; the
 * `redact` list below is a second guard for a key of those names that slips into an object.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequestContext } from './request-context';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

/** Keys whose values are replaced by "[redacted]" wherever they appear, two levels deep. */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'token',
  'cookie',
  'authorization',
  'set-cookie',
  'secret',
  'answers',
  'note',
  'text',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const step = /^\w+$/.test(key) ? `.${key}` : `["${key}"]`;
  return [step.replace(/^\./, ''), `*${step}`, `*.*${step}`];
});

export interface LoggerOptions {
  level?: string;
  format?: string;
  /** Where lines go; default stdout (tests pass a stream to read them back). */
  destination?: NodeJS.WritableStream;
  /** The REDACT_PATHS guard (default on); off only for lines whose fields are fixed in the code. */
  redact?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = (LOG_LEVELS as readonly string[]).includes(options.level ?? '') ? options.level : 'info';
  const base = {
    level,
    base: { app: 'lantern' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    ...(options.redact === false ? {} : { redact: { paths: REDACT_PATHS, censor: '[redacted]' } }),
    mixin: () => {
      const context = currentRequestContext();
      return context ? { ...context } : {};
    },
  };
  if (options.format === 'pretty') return pino(base, pretty({ destination: 1, colorize: false, sync: true }));
  return pino(base, options.destination ?? pino.destination({ dest: 1, sync: true }));
}

const stdout = pino.destination({ dest: 1, sync: true });
let target: { write(line: string): unknown } = stdout;

const processLogger = (redact: boolean): Logger =>
  createLogger({
    level: process.env.LANTERN_LOG_LEVEL?.trim().toLowerCase(),
    format: process.env.LANTERN_LOG_FORMAT?.trim().toLowerCase(),
    destination: { write: (line: string) => target.write(line) } as NodeJS.WritableStream,
    redact,
  });

/** The process's logger, set up from the environment once. */
export const log: Logger = processLogger(true);

/**
 * The same logger for the access line alone (server/log/request-log.ts), whose fields are
 * fixed there (method, route pattern, status, time): walking the redact paths through each of
 * them cost more than writing the line.
 */
export const accessLog: Logger = processLogger(false);

/**
 * For in-process tests: the JSON lines the process's logger writes from now on, at `level`,
 * instead of stdout, until `stop()`.
 */
export function captureLogLines(level = 'info'): { lines(): string[]; stop(): void } {
  const lines: string[] = [];
  const previousLevel = log.level;
  target = { write: (line: string) => lines.push(line) };
  log.level = level;
  accessLog.level = level;
  return {
    lines: () => lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)),
    stop: () => {
      target = stdout;
      log.level = previousLevel;
      accessLog.level = previousLevel;
    },
  };
}

/**
 * What may be logged of an error: its kind, its SQLSTATE and which table, column or
 * constraint — never a database error's message or detail, which can quote the value sent
 * (`invalid input syntax for type uuid: "<what the person typed>"`). A programming error
 * keeps its message and stack, which the code wrote, so it can be fixed; `message: false`
 * leaves them out for errors of outside services whose text may quote data.
 */
export function loggableError(error: unknown, options: { message?: boolean } = {}): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  // A mail server's refusal can quote the address it refused: its kind and code only.
  if (options.message === false)
    return { type: error.name, code: (error as Error & { code?: unknown }).code };
  const fields = error as Error & Record<string, unknown>;
  if (typeof fields.code === 'string' && typeof fields.severity === 'string') {
    const { code, severity, table, column, constraint, routine } = fields;
    return { type: error.name, sqlState: code, severity, table, column, constraint, routine };
  }
  return { type: error.name, message: error.message, stack: error.stack };
}

/**
 * A start that fails is read by a person at a terminal (or in `systemctl status`), not by a
 * log collector: one plain line on stderr, `lantern: <what to do>`, then the process exits.
 */
export function printStartFailure(message: string): void {
  process.stderr.write(`lantern: ${message}\n`);
}
