/**
 * The browser-side defences server/app.ts sets on every answer — a Content Security Policy
 * without inline scripts, no framing, no referrer, no MIME sniffing — on an API response and
 * on the app's HTML page; and the 1 MB limit on request bodies, answered 413 with a clear
 * message whether or not the client declared the length.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { migrate } from '../db/migrate';
import { createApp, MAX_BODY_BYTES, type LanternApp } from '../app';

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  const directives = Object.fromEntries(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
  expect(directives['default-src']).toBe("'self'");
  expect(directives['script-src']).toBe("'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(directives['object-src']).toBe("'none'");
  expect(directives['frame-ancestors']).toBe("'none'");
  expect(directives['base-uri']).toBe("'self'");
  expect(directives['form-action']).toBe("'self'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe.each(ENGINES)('security headers and body limit on $engine', ({ create }) => {
  let target: TestDatabase;
  let clientDir: string;
  let app: LanternApp;

  beforeAll(async () => {
    target = await create();
    const { schemaVersion } = await migrate(target.db);
    clientDir = await mkdtemp(join(tmpdir(), 'lantern-client-'));
    await writeFile(
      join(clientDir, 'index.html'),
      '<!doctype html><title>Lantern</title><div id="app"></div>',
    );
    await mkdir(join(clientDir, 'assets'));
    await writeFile(join(clientDir, 'assets', 'index-AbCd1234.js'), 'export const lantern = 1;\n');
    app = createApp({ db: target.db, config: TEST_CONFIG, schemaVersion, clientDir, oidc: null });
  });
  afterAll(async () => {
    await target.drop();
    await rm(clientDir, { recursive: true, force: true });
  });

  it('sets them on an API response, which is never cached', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sets them on the HTML page of a deep link', async () => {
    const response = await app.request('/admin/people');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<div id="app">');
    expectSecurityHeaders(response);
  });

  it('keeps on a built file only the headers that act on a script: no MIME sniffing, no use by other sites', async () => {
    const response = await app.request('/assets/index-AbCd1234.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A hashed script is never a document or a worker: these act only there.
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'x-xss-protection'])
      expect(response.headers.get(name), name).toBeNull();
    // The service worker is a worker: its policy stays.
    const worker = await app.request('/sw.js');
    expect(worker.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  const tooLarge = JSON.stringify({ email: 'a@b.invalid', password: 'x'.repeat(MAX_BODY_BYTES) });

  it('refuses a body over 1 MB with 413 and a clear message', async () => {
    const response = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(tooLarge)) },
      body: tooLarge,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'payload_too_large',
      message: 'The request is larger than 1 MB.',
    });
  });

  it('refuses it too when it is streamed without a declared length', async () => {
    const bytes = new TextEncoder().encode(tooLarge);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const response = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'payload_too_large',
      message: 'The request is larger than 1 MB.',
    });
  });

  it('reads a body just under the limit', async () => {
    const fits = JSON.stringify({ email: 'a@b.invalid', password: 'x'.repeat(MAX_BODY_BYTES - 100) });
    expect(Buffer.byteLength(fits)).toBeLessThan(MAX_BODY_BYTES);
    const response = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fits,
    });
    // Read and validated: the password is too long for the schema, the body is not too large.
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('validation_failed');
  });
});
