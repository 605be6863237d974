/**
 * Text answers travel compressed: brotli when accepted, else gzip, above a small size, streamed
 * exports included; built client files are sent as the build compressed them; every such
 * answer says `Vary: Accept-Encoding`; sign-in answers (they carry the CSRF token) and short
 * answers go as they are. Checked by decompressing what was sent and comparing it with the
 * uncompressed answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono, type Context } from 'hono';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import {
  chooseEncoding,
  COMPRESS_THRESHOLD_BYTES,
  compressResponses,
  ONE_SHOT_LIMIT_BYTES,
} from './compress-responses';
import { jsonAnswer } from './json-answer';
import { clientRoutes } from '../static/serve-client';
import { createTestApp, type Client, type TestApp } from '../../tests/support/test-app';
import { ENGINES } from '../../tests/support/test-databases';

const bytesOf = async (response: Response): Promise<Buffer> => Buffer.from(await response.arrayBuffer());
const decode = (encoding: string | null, body: Buffer): string =>
  (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString();

describe('choosing an encoding', () => {
  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0', null],
    ['identity', null],
    ['deflate', null],
    ['', null],
  ])('Accept-Encoding "%s" gets %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('the middleware', () => {
  const app = new Hono();
  app.use('*', compressResponses());
  const csv = Array.from({ length: 5000 }, (_, i) => `CASE-${i},Team ${i % 7},Child in need\r\n`).join('');
  app.get('/short', (c) => c.json({ ok: true }));
  app.get('/long', (c) => c.json({ rows: csv.split('\r\n') }));
  app.get('/stream', () => {
    const encoder = new TextEncoder();
    const lines = csv.split(/(?<=\r\n)/);
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i >= lines.length) controller.close();
        else controller.enqueue(encoder.encode(lines.slice(i, (i += 100)).join('')));
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  });
  // Answers of known length, as json-answer.ts makes them: compressed in one call up to the limit.
  const known = (rows: number) => (c: Context) => jsonAnswer(c, { rows: csv.split('\r\n').slice(0, rows) });
  app.get('/known', known(500));
  app.get('/known-long', known(5000));
  app.get('/png', (c) => c.body(new Uint8Array(4000), 200, { 'Content-Type': 'image/png' }));
  app.get('/no-transform', (c) => c.text(csv, 200, { 'Cache-Control': 'no-transform' }));

  it('sends a long answer in brotli, else gzip, and it reads back the same', async () => {
    const plain = await (await app.request('/long')).text();
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const response = await app.request('/long', { headers: { 'Accept-Encoding': accept } });
      expect(response.headers.get('Content-Encoding')).toBe(encoding);
      expect(response.headers.get('Vary')).toBe('Accept-Encoding');
      expect(response.headers.get('Content-Length')).toBeNull();
      const body = await bytesOf(response);
      expect(body.length).toBeLessThan(plain.length / 5);
      expect(decode(encoding, body)).toBe(plain);
    }
  });

  it('compresses an answer of known length up to the limit in one piece, with its new length', async () => {
    const plain = await (await app.request('/known')).text();
    expect(plain.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    expect(plain.length).toBeLessThanOrEqual(ONE_SHOT_LIMIT_BYTES);
    for (const encoding of ['br', 'gzip'] as const) {
      const response = await app.request('/known', { headers: { 'Accept-Encoding': encoding } });
      expect(response.headers.get('Content-Encoding')).toBe(encoding);
      expect(response.headers.get('Vary')).toBe('Accept-Encoding');
      const body = await bytesOf(response);
      expect(response.headers.get('Content-Length')).toBe(String(body.length));
      expect(decode(encoding, body)).toBe(plain);
    }
    const long = await app.request('/known-long', { headers: { 'Accept-Encoding': 'br' } });
    const longPlain = await (await app.request('/known-long')).text();
    expect(longPlain.length).toBeGreaterThan(ONE_SHOT_LIMIT_BYTES);
    expect(long.headers.get('Content-Encoding')).toBe('br');
    expect(long.headers.get('Content-Length')).toBeNull();
    expect(decode('br', await bytesOf(long))).toBe(longPlain);
  });

  it('compresses a streamed export as it streams', async () => {
    const response = await app.request('/stream', { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(decode('br', await bytesOf(response))).toBe(csv);
  });

  it('leaves short answers, images, no-transform and clients that accept nothing as they are', async () => {
    const short = await app.request('/short', { headers: { 'Accept-Encoding': 'br' } });
    expect(short.headers.get('Content-Encoding')).toBeNull();
    expect(await short.json()).toEqual({ ok: true });
    expect(short.headers.get('Vary')).toBe('Accept-Encoding');
    const png = await app.request('/png', { headers: { 'Accept-Encoding': 'br' } });
    expect(png.headers.get('Content-Encoding')).toBeNull();
    expect((await bytesOf(png)).length).toBe(4000);
    const kept = await app.request('/no-transform', { headers: { 'Accept-Encoding': 'br' } });
    expect(kept.headers.get('Content-Encoding')).toBeNull();
    const none = await app.request('/long', { headers: { 'Accept-Encoding': 'identity' } });
    expect(none.headers.get('Content-Encoding')).toBeNull();
    expect(none.headers.get('Vary')).toBe('Accept-Encoding');
  });
});

describe('the built client', () => {
  let dir = '';
  const script = `export const words = ${JSON.stringify('a case-file audit '.repeat(500))};\n`;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lantern-client-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets/app-abc123.js'), script);
    await writeFile(join(dir, 'assets/app-abc123.js.br'), brotliCompressSync(script));
    await writeFile(join(dir, 'assets/app-abc123.js.gz'), gzipSync(script));
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><title>Lantern</title>${'<p>x</p>'.repeat(400)}`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sends the file the build compressed, cached for a year, and the app shell compressed and never cached', async () => {
    const app = new Hono();
    app.use('*', compressResponses());
    app.route('/', clientRoutes(dir));
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const asset = await app.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': accept } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('Content-Encoding')).toBe(encoding);
      expect(asset.headers.get('Vary')).toContain('Accept-Encoding');
      expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('Content-Type')).toMatch(/javascript/);
      expect(decode(encoding, await bytesOf(asset))).toBe(script);
    }
    const plain = await app.request('/assets/app-abc123.js');
    expect(await plain.text()).toBe(script);
    const shell = await app.request('/audits/some-id', { headers: { 'Accept-Encoding': 'br' } });
    expect(shell.headers.get('Content-Encoding')).toBe('br');
    expect(shell.headers.get('Cache-Control')).toBe('no-cache');
    expect(decode('br', await bytesOf(shell))).toContain('<title>Lantern</title>');
  });
});

describe.each(ENGINES)('API answers on $engine', (engine) => {
  let t: TestApp;
  let qa: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    qa = await t.as('erin.qalead@demo.lantern.invalid');
  });
  afterAll(() => t.close());

  it('a long JSON answer reads back the same compressed; sign-in answers are never compressed', async () => {
    const plain = await (await qa.request('/api/rounds')).text();
    expect(plain.length).toBeGreaterThan(1024);
    const response = await qa.request('/api/rounds', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(decode('br', await bytesOf(response))).toBe(plain);

    const signIn = await t.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'Accept-Encoding': 'br' },
      json: { email: 'erin.qalead@demo.lantern.invalid', password: 'lantern-demo' },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('Content-Encoding')).toBeNull();
  });
});
