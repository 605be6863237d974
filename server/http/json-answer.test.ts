/**
 * A JSON answer sent with jsonAnswer carries its length, so the compression middleware decides
 * from the header: a short one leaves as it is, a long one compressed, and either reads back as
 * the value sent.
 */
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { brotliDecompressSync } from 'node:zlib';
import { COMPRESS_THRESHOLD_BYTES, compressResponses } from './compress-responses';
import { jsonAnswer } from './json-answer';

const short = { protocol: 1, results: [{ mutationId: 'm-1', status: 'applied', rev: 2, note: 'café' }] };
const long = { protocol: 1, items: Array.from({ length: 200 }, (_, i) => ({ id: i, text: `item ${i}` })) };

const app = new Hono()
  .use('*', compressResponses())
  .get('/short', (c) => jsonAnswer(c, short))
  .get('/long', (c) => jsonAnswer(c, long));

describe('jsonAnswer', () => {
  it('says the length of a short answer in bytes, and it goes uncompressed', async () => {
    const response = await app.request('/short', { headers: { 'accept-encoding': 'br, gzip' } });
    const text = JSON.stringify(short);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    // 'é' is two bytes: the length is of the bytes, not of the characters.
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual(short);
  });

  it('leaves a long answer to be compressed, with the length of the compressed bytes', async () => {
    expect(Buffer.byteLength(JSON.stringify(long))).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    const response = await app.request('/long', { headers: { 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(long)));
    expect(JSON.parse(brotliDecompressSync(body).toString())).toEqual(long);
  });
});
