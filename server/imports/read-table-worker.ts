/**
 * A reader worker: parses uploaded files (parse-table.ts) off the server's event loop, one at
 * a time, and posts back each table, or the typed error that says what is wrong. Started and
 * reused by read-table.ts, with a memory limit.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';
import { parseTable } from './parse-table';

interface Job {
  id: number;
  bytes: Uint8Array;
  choice: TableChoice;
}

parentPort?.on('message', (job: Job) => {
  parseTable(job.bytes, job.choice).then(
    (table) => parentPort?.postMessage({ id: job.id, ok: true, table }),
    (error: unknown) => {
      // Anything but a typed refusal is a fault: it ends the worker, and read-table.ts rejects.
      if (!(error instanceof AppError)) throw error;
      parentPort?.postMessage({ id: job.id, ok: false, error: error.toBody() });
    },
  );
});
