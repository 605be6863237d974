/**
 * The body limit under Node's HTTP server: over the limit is refused, under it is read whole,
 * whether the length is declared or the body streamed in chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { limitBody } from './body-limit';

const LIMIT = 64 * 1024;
const app = new Hono()
  .use(limitBody({ maxSize: LIMIT, onError: (c) => c.json({ code: 'payload_too_large' }, 413) }))
  .post('/echo', async (c) => c.json({ length: ((await c.req.json()) as { text: string }).text.length }));

let server: ServerType;
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs `body` to the real server, with its length declared or sent in chunks. */
function post(body: string, declared: boolean): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declared) headers['content-length'] = String(Buffer.byteLength(body));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
    });
    req.on('error', (error) => ((error as { code?: string }).code === 'EPIPE' ? undefined : reject(error)));
    for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024));
    req.end();
  });
}

const bodyOf = (size: number): string => JSON.stringify({ text: 'x'.repeat(size) });

describe('limitBody', () => {
  it('under Node, refuses a declared length over the limit and reads one under it', async () => {
    expect(await post(bodyOf(LIMIT), true)).toEqual({ status: 413, json: { code: 'payload_too_large' } });
    expect(await post(bodyOf(LIMIT - 100), true)).toEqual({ status: 200, json: { length: LIMIT - 100 } });
  });

  it('under Node, counts a streamed body without a declared length', async () => {
    expect((await post(bodyOf(LIMIT), false)).status).toBe(413);
    expect(await post(bodyOf(LIMIT - 100), false)).toEqual({ status: 200, json: { length: LIMIT - 100 } });
  });
});
