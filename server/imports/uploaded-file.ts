/**
 * An import's file as it comes (case list, people): its bytes base64-encoded in a JSON body.
 * The body limit of the import's routes, and the bytes read into a table, with the SHA-256 that
 * names the file in the import's history.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { limitBody } from '../http/body-limit';
import { appError } from '../../shared/errors/app-error';
import type { TableChoice } from '../../shared/imports/table-choice';
import { readTable, type Table } from './read-table';

/** The largest request carrying a file of `maxFileBytes`: base64 makes the file a third larger, with room for the rest of the body. */
export const uploadRequestBytes = (maxFileBytes: number): number =>
  Math.ceil((maxFileBytes * 4) / 3) + 64 * 1024;

/** The body limit of routes taking a file of at most `maxFileBytes` (a whole number of MB). */
export function limitUploadBody(maxFileBytes: number): MiddlewareHandler {
  const megabytes = maxFileBytes / (1024 * 1024);
  return limitBody({
    maxSize: uploadRequestBytes(maxFileBytes),
    onError: (c) =>
      c.json(appError('payload_too_large', `The file is larger than ${megabytes} MB.`).toBody(), 413),
  });
}

/**
 * The uploaded file's table, read as the person chose (sheet, character set), and the SHA-256
 * of its bytes.
 * @throws validation_failed for an empty file; readTable's errors (choose_sheet, choose_encoding, …).
 */
export async function readUpload(upload: { content: string } & TableChoice): Promise<{
  table: Table;
  sha256: string;
}> {
  const bytes = Buffer.from(upload.content, 'base64');
  if (bytes.length === 0) throw appError('validation_failed', 'The file is empty.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await readTable(bytes, { sheet: upload.sheet, encoding: upload.encoding });
  return { table, sha256 };
}
