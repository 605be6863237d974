/**
 * What `api` puts on the wire: JSON as text, or gzipped when the caller asks and the body is
 * large enough for it to pay (a sync push of notes over a weak uplink).
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { api } from './http';

const sent: { headers: Headers; body: unknown }[] = [];
beforeEach(() => {
  sent.length = 0;
  vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
    sent.push({ headers: new Headers(init.headers), body: init.body });
    return new Response('{}', { status: 200 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const notes = { note: 'The plan was read to the child in her own words and she agreed it. '.repeat(40) };

it('gzips a large body when asked, and the bytes unpack to the same JSON', async () => {
  await api('/api/sync/push', { method: 'POST', body: notes, compress: true });
  const [request] = sent;
  expect(request?.headers.get('Content-Encoding')).toBe('gzip');
  expect(request?.headers.get('Content-Type')).toBe('application/json');
  expect(request?.body).toBeInstanceOf(ArrayBuffer);
  const bytes = new Uint8Array(request?.body as ArrayBuffer);
  expect(bytes.length * 5).toBeLessThan(JSON.stringify(notes).length);
  expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(notes);
});

it('sends a small body, or one not asked to be compressed, as JSON text', async () => {
  await api('/api/sync/push', { method: 'POST', body: { note: 'short' }, compress: true });
  await api('/api/plans', { method: 'POST', body: notes });
  for (const request of sent) {
    expect(request.headers.get('Content-Encoding')).toBeNull();
    expect(typeof request.body).toBe('string');
  }
});
