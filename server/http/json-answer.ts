/**
 * A JSON answer whose length is known before it leaves the route: `c.json` leaves the length
 * out, so compress-responses.ts has to read the body's stream to learn that a short answer
 * needs no compression, which turns @hono/node-server's light answer of a string into a web
 * Response, a stream and a Blob. With Content-Length set, a short answer (every one-audit push)
 * goes out as the string it is; a long one is compressed as before.
 */
import type { Context } from 'hono';

export function jsonAnswer<T>(c: Context, value: T): Response {
  const text = JSON.stringify(value);
  return c.body(text, 200, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
}
