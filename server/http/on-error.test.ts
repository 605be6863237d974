/**
 * The one error handler and the places Hono's onError does not reach: every error is JSON with
 * the security headers, and a database error's own text (SQL, values, table names) never leaves.
 */
import { describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { errorResponse, onError } from './on-error';
import { errorSafeStream } from './error-safe-stream';
import { urlProblems } from './refuse-unsafe-url';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { log as logger } from '../log/logger';

/** An error shaped like the ones pg and PGlite throw. */
function databaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

function appThrowing(error: unknown) {
  const app = new Hono();
  app.onError(onError);
  app.use('*', secureHeaders());
  app.get('/boom', () => {
    throw error;
  });
  return app;
}

describe('the error handler', () => {
  it.each([
    ['a date out of range (22008)', '22008', 400, 'validation_failed'],
    ['a number out of range (22003)', '22003', 400, 'validation_failed'],
    ['a NUL byte (22021)', '22021', 400, 'validation_failed'],
    ['a reference to nothing (23503)', '23503', 400, 'validation_failed'],
    ['a unique clash (23505)', '23505', 409, 'conflict'],
    ['a serialisation failure (40001)', '40001', 503, 'unavailable'],
    ['anything else (42P01)', '42P01', 500, 'internal'],
  ])('answers %s as JSON without the database text', async (_name, code, status, errorCode) => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const secret = 'relation "secret_table" SELECT * FROM people WHERE email = \'x@y.invalid\'';
    const response = await appThrowing(databaseError(code, secret)).request('/boom');
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ code: errorCode, message: expect.any(String) });
    expect(text).not.toMatch(/secret_table|SELECT|x@y\.invalid/);
    vi.restoreAllMocks();
  });

  it('answers a plain Error as a bare internal error', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const response = await appThrowing(new Error('password=hunter2')).request('/boom');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hunter2');
    vi.restoreAllMocks();
  });

  it('answers a path nothing serves with JSON and the security headers, API or not', async () => {
    const unusedDb = new Proxy({} as Database, {
      get: () => {
        throw new Error('not needed');
      },
    });
    const app = createApp({ db: unusedDb, config: TEST_CONFIG, schemaVersion: 0, oidc: null });
    for (const path of ['/nothing-here', '/api/nothing-here']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(await response.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('gives errorResponse the same answer outside onError', async () => {
    const app = new Hono().get('/x', (c) => errorResponse(c, databaseError('22008', 'raw text')));
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const response = await app.request('/x');
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('raw text');
    vi.restoreAllMocks();
  });
});

describe('a stream that fails after its response began', () => {
  it('ends with a plain message, never the error text', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const encoder = new TextEncoder();
    const stream = errorSafeStream('GET /test', encoder.encode('first page\n'), async () => {
      throw databaseError('XX000', 'could not read block 7 of relation base/16384/2619');
    });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first page\n');
    const failure = await reader.read().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).not.toContain('relation');
    expect(String(failure)).toContain('Something went wrong');
    vi.restoreAllMocks();
  });

  it('reads page after page until there is none', async () => {
    const pages = ['b', 'c'];
    const encoder = new TextEncoder();
    const stream = errorSafeStream('GET /test', encoder.encode('a'), async () => {
      const page = pages.shift();
      return page === undefined ? null : encoder.encode(page);
    });
    expect(await new Response(stream).text()).toBe('abc');
  });
});

describe('the URL check', () => {
  it.each([
    ['/api/findings?q=a%00b', [{ path: 'q', message: expect.stringContaining('U+0000') }]],
    ['/api/findings?q=a%FFb', [{ path: 'q', message: expect.stringContaining('UTF-8') }]],
    ['/api/findings?q=a%ED%A0%80b', [{ path: 'q', message: expect.stringContaining('UTF-8') }]],
    ['/api/findings?q=a%C2%85b', [{ path: 'q', message: expect.stringContaining('U+0085') }]],
    ['/api/findings?a%00=1', [{ path: '(a parameter name)', message: expect.any(String) }]],
    ['/api/plans/%00', [{ path: '(path)', message: expect.any(String) }]],
    ['/api/plans/%E0%A4%A', [{ path: '(path)', message: expect.any(String) }]],
  ])('refuses %s', (url, problems) => {
    expect(urlProblems(`http://localhost${url}`)).toEqual(problems);
  });

  it.each([
    '/api/findings?q=supervision+notes',
    '/api/findings?q=Zo%C3%AB%20%F0%9F%91%8D',
    '/api/plans/2b1c?asOf=2026-09-30&x=&y',
    '/api/auth/oidc/start?next=%2Faudits%3Ftab%3Dmine',
  ])('lets %s through', (url) => {
    expect(urlProblems(`http://localhost${url}`)).toEqual([]);
  });
});
