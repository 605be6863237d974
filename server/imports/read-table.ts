/**
 * The one file reader of every import (case list, people, improvement plan): an uploaded
 * file's bytes as a header row and rows of text cells, whatever Excel or a case-management
 * system saved it as —
 * - CSV in UTF-8 (with or without a byte-order mark), Windows-1252 (Excel on Windows, with
 *   £ ’ “ ” –) or UTF-16 (Excel's "Unicode text"), separated by commas, semicolons or tabs, with
 *   Excel's `sep=;` first line, quoted cells holding separators, quotes and line breaks;
 * - an XLSX workbook: the sheet the person chose, or the only one with data in it.
 * How the character set is decided is stated in detect-encoding.ts, the separator in
 * read-csv.ts, the sheet and cell texts in read-xlsx.ts, the table's shape in parse-table.ts.
 * When the file cannot be read without the person's say, the answer is a typed error the
 * import screens understand: `choose_sheet` or `choose_encoding`, with `choices` to resend
 * one of as `{ sheet }` or `{ encoding }`. Mangled text ("O\u0092Brien", "�5k") is refused by
 * row and column, never stored.
 *
 * The parse runs in a worker thread: a 12 MB workbook takes exceljs seconds of CPU and
 * hundreds of MB, which must neither hold the event loop that serves every other request nor
 * exhaust the server's memory. Each reader worker has its own heap limit, and a file that
 * takes longer than the time limit ends its worker; at most MAX_READERS files are read at once,
 * the rest wait their turn. A worker that ran out of memory or time is replaced by a new one.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  AppError,
  appError,
  type ErrorChoice,
  type ErrorCode,
  type FieldProblem,
} from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';
import type { Table } from './parse-table';

export type { Table } from './parse-table';
export { MAX_COLUMNS, MAX_ROWS } from './parse-table';

/** How many files are parsed at once; the machine's other cores serve requests meanwhile. */
export const MAX_READERS = 2;
/** The worker's heap: a 200,000-row workbook needs about a third of it. */
export const READER_HEAP_MB = 1024;
/** A file that takes longer than this to read is refused (no real table does). */
export const READER_TIMEOUT_MS = 300_000;

// Compiled (`npm start`, server/build/build-server.mjs), this module is part of dist-server/main.js
// and the worker is compiled beside it as read-table-worker.js. Under tsx (tests, `npm run dev`
// tools) the worker registers tsx's loader itself (a worker does not inherit the parent's loader,
// and a test runner's parent has its own) and then imports the TypeScript worker module through it.
const COMPILED = import.meta.url.endsWith('.js');

function workerSource(): { source: string | URL; eval: boolean } {
  if (COMPILED) return { source: new URL('./read-table-worker.js', import.meta.url), eval: false };
  const workerUrl = new URL('./read-table-worker.ts', import.meta.url).href;
  const tsxApi = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
  ).href;
  return {
    source: `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(workerUrl)}))`,
    eval: true,
  };
}

interface WorkerAnswer {
  id: number;
  ok: boolean;
  table?: Table;
  error?: { code: ErrorCode; message: string; fields?: FieldProblem[]; choices?: ErrorChoice[] };
}

interface Reader {
  worker: Worker;
  busy: boolean;
}

/** Readers started so far, kept for the next file: starting one (tsx, exceljs) costs about a second of CPU. */
const readers: Reader[] = [];
const waiting: (() => void)[] = [];
let nextJob = 1;

function startReader(): Reader {
  const { source, eval: isSource } = workerSource();
  const worker = new Worker(source, {
    eval: isSource,
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
  });
  // An idle reader never keeps the server (or a test run) from exiting.
  worker.unref();
  const reader: Reader = { worker, busy: false };
  worker.once('exit', () => {
    const i = readers.indexOf(reader);
    if (i >= 0) readers.splice(i, 1);
  });
  // Errors are answered by the job that was running (below); an idle reader's are dropped with it.
  worker.on('error', () => undefined);
  readers.push(reader);
  return reader;
}

async function freeReader(): Promise<Reader> {
  for (;;) {
    const idle = readers.find((r) => !r.busy);
    if (idle) return idle;
    if (readers.length < MAX_READERS) return startReader();
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function parseOn(reader: Reader, bytes: Uint8Array, choice: TableChoice): Promise<Table> {
  const { worker } = reader;
  const id = nextJob++;
  return new Promise<Table>((resolve, reject) => {
    const done = (outcome: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      outcome();
    };
    const onMessage = (answer: WorkerAnswer) => {
      if (answer.id !== id) return;
      done(() => {
        if (answer.ok && answer.table) resolve(answer.table);
        else if (answer.error)
          reject(
            new AppError(answer.error.code, answer.error.message, answer.error.fields, answer.error.choices),
          );
        else reject(new Error('The file reader answered nothing.'));
      });
    };
    const onError = (error: Error & { code?: string }) => {
      done(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? appError(
                'validation_failed',
                'The file is too large to read once unpacked. Copy the table onto a sheet of its own, or save it as CSV, and try again.',
              )
            : error,
        ),
      );
    };
    const onExit = (code: number) => {
      done(() => reject(new Error(`The file reader stopped (exit code ${code}) without an answer.`)));
    };
    const timer = setTimeout(() => {
      done(() =>
        reject(
          appError(
            'validation_failed',
            'The file took too long to read. Copy the table onto a sheet of its own, or save it as CSV, and try again.',
          ),
        ),
      );
      void worker.terminate();
    }, READER_TIMEOUT_MS);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // A copy the worker owns: the caller's bytes may be a view into Node's shared Buffer pool.
    const copy = new Uint8Array(bytes);
    worker.postMessage({ id, bytes: copy, choice }, [copy.buffer]);
  });
}

async function parseInWorker(bytes: Uint8Array, choice: TableChoice): Promise<Table> {
  const reader = await freeReader();
  reader.busy = true;
  try {
    return await parseOn(reader, bytes, choice);
  } finally {
    reader.busy = false;
    waiting.shift()?.();
  }
}

/**
 * @throws AppError `choose_sheet` or `choose_encoding` (with `choices`) when the person must say
 *   which; `validation_failed` naming what is wrong, and where, for anything that cannot be read.
 * @example const table = await readTable(bytes, { sheet: 'Cases' });
 */
export function readTable(bytes: Uint8Array, options: TableChoice = {}): Promise<Table> {
  if (bytes.length === 0)
    return Promise.reject(appError('validation_failed', 'The file is empty. Nothing was imported.'));
  return parseInWorker(bytes, { sheet: options.sheet, encoding: options.encoding });
}
