/**
 * Compresses text answers on the fly: brotli when the client accepts it, else gzip, for bodies
 * of at least `threshold` bytes whose type is text-like (JSON, CSV, HTML, JavaScript…). The
 * built client's files arrive here already compressed at build time (vite.config.ts,
 * serve-client.ts) and pass through untouched.
 *
 * Hono's own compress middleware offers gzip and deflate only, and compresses a body of unknown
 * length however small; this one reads up to `threshold` bytes first, so a short answer goes as
 * it is and a long or streamed one (an export) is compressed as it streams. Brotli runs at
 * quality 4, a fraction of the CPU of its default (11) for nearly gzip's speed and smaller
 * output. A body of known length up to 64 KB is compressed in one call; a longer or streamed
 * one on zlib's thread pool, never on the event loop.
 *
 * Never compressed: answers under /api/auth/ (they carry the session's CSRF token: no
 * compression side channel beside a secret), HEAD, 204/206/304, bodies already encoded, and
 * `Cache-Control: no-transform`. Every compressible answer says `Vary: Accept-Encoding`, so a
 * cache between never hands a compressed body to a client that cannot read it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Duplex } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';

export const COMPRESS_THRESHOLD_BYTES = 1024;
const COMPRESSIBLE =
  /^\s*(?:text\/|application\/(?:json|javascript|xml|manifest\+json|problem\+json)|image\/svg\+xml)/i;
const NEVER = /^\/api\/auth\//;

type Encoding = 'br' | 'gzip';

/** The encoding to send, from an Accept-Encoding header: brotli, else gzip, honouring q=0. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  const accepts = (name: Encoding): boolean => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function compressor(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
  const stream =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : createGzip({ level: 6 });
  return Duplex.toWeb(stream) as unknown as TransformStream<Uint8Array, Uint8Array>;
}

/**
 * Up to this many bytes, a body of known length (every JSON answer: json-answer.ts) is
 * compressed in one call on the event loop, about 0.05 ms for a push's answer and under half a
 * millisecond at the limit; the stream machinery around zlib's thread pool cost three times the
 * compression itself on short answers. Longer bodies, or of unknown length, stream.
 */
export const ONE_SHOT_LIMIT_BYTES = 64 * 1024;

function compressOnce(encoding: Encoding, body: Uint8Array): Buffer<ArrayBuffer> {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
      })
    : gzipSync(body, { level: 6 });
}

/** Reads from `reader` until `limit` bytes or the end; the bytes read and whether it ended. */
async function readAtLeast(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<{ head: Uint8Array[]; size: number; done: boolean }> {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { value, done } = await reader.read();
    if (done) return { head, size, done: true };
    head.push(value);
    size += value.byteLength;
  }
  return { head, size, done: false };
}

/**
 * The answer's headers for its compressed body: the encoding named, the length the compressed
 * one's (or none, streamed), and a strong ETag made weak (the bytes are no longer the same).
 */
function encodedHeaders(res: Response, encoding: Encoding, length: number | null): Headers {
  const headers = new Headers(res.headers);
  headers.set('Content-Encoding', encoding);
  if (length === null) headers.delete('Content-Length');
  else headers.set('Content-Length', String(length));
  const etag = headers.get('ETag');
  if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
  return headers;
}

/** Hono merges the old answer's headers into a new one; these headers are already complete. */
function replaceResponse(c: Context, res: Response): void {
  c.res = undefined as unknown as Response;
  c.res = res;
}

export function compressResponses(threshold = COMPRESS_THRESHOLD_BYTES): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // The body is read last: asking for it turns @hono/node-server's light answer of a string
    // into a whole web Response, which a short answer never needs.
    if (c.req.method === 'HEAD' || NEVER.test(c.req.path)) return;
    if (res.status === 204 || res.status === 206 || res.status === 304) return;
    if (res.headers.has('Content-Encoding') || !COMPRESSIBLE.test(res.headers.get('Content-Type') ?? ''))
      return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    const vary = res.headers.get('Vary');
    if (!vary) res.headers.set('Vary', 'Accept-Encoding');
    else if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))
      res.headers.set('Vary', `${vary}, Accept-Encoding`);
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    const length = res.headers.get('Content-Length');
    if (!encoding || (length !== null && Number(length) < threshold) || !res.body) return;

    const init = (headers: Headers) => ({ status: res.status, statusText: res.statusText, headers });
    if (length !== null && Number(length) <= ONE_SHOT_LIMIT_BYTES) {
      const packed = compressOnce(encoding, new Uint8Array(await res.arrayBuffer()));
      replaceResponse(c, new Response(packed, init(encodedHeaders(res, encoding, packed.byteLength))));
      return;
    }

    const reader = res.body.getReader();
    const { head, done } = await readAtLeast(reader, threshold);
    if (done) {
      // Short: send the bytes as they are.
      replaceResponse(c, new Response(new Blob(head as BlobPart[]), init(new Headers(res.headers))));
      return;
    }
    const rest = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of head) controller.enqueue(chunk);
      },
      async pull(controller) {
        const { value, done: ended } = await reader.read();
        if (ended) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const headers = encodedHeaders(res, encoding, null);
    replaceResponse(c, new Response(rest.pipeThrough(compressor(encoding)), init(headers)));
  };
}
