/**
 * A stand-in for the server in the client's store tests, held to the API's description: every
 * request a store sends must be a route of server/openapi/api-operations.ts with a body and
 * query that parse with that route's schemas, and every answer a test gives must fit the
 * route's documented response. The server's own tests check the same description against the
 * real handlers (openapi-request-bodies, openapi-responses), so a store, the document and the
 * server cannot drift apart without a test failing.
 *
 * Use: `const server = fakeApi()` before the store acts (it replaces the global fetch),
 * `server.answer('GET /api/alerts', {...})`, then read `server.calls`; call `server.done()` in
 * afterEach, which fails on any request no answer was given for.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { z } from 'zod';
import { gunzipSync } from 'node:zlib';
import { API_OPERATIONS, type ApiOperation } from '../../server/openapi/api-operations';

export interface ApiCall {
  /** The documented route it matched, e.g. `POST /api/alerts/:alertId/acknowledge`. */
  route: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  csrfToken: string | null;
}

interface Answer {
  route: string;
  status: number;
  body: unknown;
  /** Answer this once (then fall back to later answers or standing ones). */
  once: boolean;
}

const patterns = Object.keys(API_OPERATIONS).map((route) => {
  const [method, path] = route.split(' ') as [string, string];
  const regex = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
  return { route, method, regex };
});

/** The documented route a request names, or undefined. */

/** A request's JSON body as the server reads it: text, or gzipped bytes (a large sync push). */
function readBody(sent: unknown, encoding: string | null): unknown {
  if (typeof sent === 'string') return JSON.parse(sent);
  if (sent instanceof ArrayBuffer && encoding === 'gzip')
    return JSON.parse(gunzipSync(new Uint8Array(sent)).toString('utf8'));
  return undefined;
}

export function routeOf(method: string, path: string): string | undefined {
  return patterns.find((p) => p.method === method && p.regex.test(path))?.route;
}

export function fakeApi() {
  const calls: ApiCall[] = [];
  const unexpected: string[] = [];
  const answers: Answer[] = [];
  let offline = false;
  /** While set, requests wait here unanswered (a line that connects but does not answer). */
  let held: (() => void)[] | null = null;

  function operation(route: string): ApiOperation {
    const found = API_OPERATIONS[route];
    if (!found) throw new Error(`${route} is not a route of server/openapi/api-operations.ts`);
    return found;
  }

  function give(route: string, body: unknown, status: number, once: boolean): void {
    const op = operation(route);
    if (status < 400 && op.response) {
      const fits = z.safeParse(op.response, body);
      if (!fits.success)
        throw new Error(
          `The test's answer to ${route} does not fit its documented response: ${fits.error.message}`,
        );
    }
    answers.push({ route, status, body, once });
  }

  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}): Promise<Response> => {
    if (held) await new Promise<void>((resume) => held?.push(resume));
    if (offline) throw new TypeError('Failed to fetch');
    const url = new URL(input, 'https://lantern.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const route = routeOf(method, url.pathname);
    const label = `${method} ${url.pathname}${url.search}`;
    if (!route) {
      unexpected.push(`${label}: no such route in the API description`);
      return new Response(JSON.stringify({ code: 'not_found', message: 'No such route' }), { status: 404 });
    }
    const op = operation(route);
    const query = Object.fromEntries(url.searchParams);
    const headers = new Headers(init.headers);
    const body = readBody(init.body, headers.get('Content-Encoding'));
    if (op.body && !z.safeParse(op.body, body).success)
      unexpected.push(`${label}: the body does not parse with the route's schema: ${JSON.stringify(body)}`);
    if (op.query && !op.query.safeParse(query).success)
      unexpected.push(`${label}: the query does not parse with the route's schema`);
    calls.push({ route, method, path: url.pathname, query, body, csrfToken: headers.get('X-CSRF-Token') });
    const index = answers.findIndex((a) => a.route === route);
    const answer = answers[index];
    if (!answer) {
      unexpected.push(`${label}: the test gave no answer for ${route}`);
      return new Response(JSON.stringify({ code: 'internal', message: 'No answer' }), { status: 500 });
    }
    if (answer.once) answers.splice(index, 1);
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status,
    });
  });

  return {
    calls,
    /** Answers every request to `route` with `body` (after any one-off answers queued before it). */
    answer: (route: string, body: unknown = {}, status = 200) => give(route, body, status, false),
    /** Answers the next request to `route` only. */
    answerOnce: (route: string, body: unknown = {}, status = 200) => give(route, body, status, true),
    /** Answers `route` with the server's problem shape. */
    refuse: (route: string, status: number, code: string, message: string, fields: unknown[] = []) =>
      give(route, { code, message, fields }, status, false),
    /** From now on every request fails as it does with no network. */
    goOffline: () => void (offline = true),
    goOnline: () => void (offline = false),
    /** From now on requests get no answer (a line that connects but never answers) until `release`. */
    stall: () => void (held ??= []),
    /** The stalled requests go on, and new ones are answered at once. */
    release(): void {
      const waiting = held ?? [];
      held = null;
      for (const resume of waiting) resume();
    },
    /** The routes called, in order. */
    routes: () => calls.map((c) => c.route),
    /** Fails on any request that named no documented route, did not parse, or had no answer. */
    done(): void {
      vi.unstubAllGlobals();
      if (unexpected.length) throw new Error(`Unexpected requests:\n${unexpected.join('\n')}`);
    },
  };
}
export type FakeApi = ReturnType<typeof fakeApi>;

/** An in-memory localStorage for stores that remember things on the device. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
}

/**
 * A fresh Pinia, an empty device localStorage and a fake server for each test of the file, and
 * the check that every request was expected after it: `const server = withFakeApi();` at the
 * top of a store's test file, then `server().answer(...)`.
 */
export function withFakeApi(): () => FakeApi {
  let server: FakeApi | undefined;
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    setActivePinia(createPinia());
    server = fakeApi();
  });
  afterEach(() => server?.done());
  return () => {
    if (!server) throw new Error('withFakeApi: the server exists inside a test only');
    return server;
  };
}
