/**
 * A request body's bytes as the sender meant them: a body sent `Content-Encoding: gzip` (the
 * auditor's tablet compresses a large sync push, which is mostly notes in words and shrinks
 * several times over a slow uplink) is inflated here, never beyond the route's limit, so a small
 * compressed body cannot grow into a large one in memory. Inflating runs off the event loop
 * (zlib's thread pool): one large body does not hold up other people's requests.
 */
import type { Context } from 'hono';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { appError } from '../../shared/errors/app-error';

const inflate = promisify(gunzip);

/** The largest body a route takes unless it sets its own: 1 MB, after any decompression. */
export const MAX_BODY_BYTES = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * The body's bytes, inflated when sent with gzip. Refused: an encoding other than gzip or
 * identity (400), a body that is not valid gzip (400), and one that inflates past `maxBytes` (413).
 */
export async function requestBytes(c: Context, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const sent = new Uint8Array(await c.req.arrayBuffer());
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return sent;
  if (encoding !== 'gzip') {
    throw appError(
      'bad_request',
      `A request body may be sent as it is or with gzip, not "${encoding.slice(0, 40)}".`,
    );
  }
  try {
    return new Uint8Array(await inflate(sent, { maxOutputLength: maxBytes }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw appError('payload_too_large', `The request is larger than ${megabytes(maxBytes)} once unpacked.`);
    }
    throw appError('bad_request', 'The request body says it is gzip but could not be unpacked.', [
      { path: '(body)', message: 'Not valid gzip.' },
    ]);
  }
}
