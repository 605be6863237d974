/**
 * The client's one way to call the API: JSON in and out, same-origin cookies, and every
 * failure turned into an ApiError carrying the server's stable code, so stores can decide
 * what to do and views can say it in words a council worker understands.
 */
import type { ErrorChoice, ErrorCode, FieldProblem } from '../../shared/errors/app-error';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: FieldProblem[] = [],
    /** For `choose_sheet` / `choose_encoding`: the options to ask the person to pick from. */
    readonly choices: ErrorChoice[] = [],
  ) {
    super(message);
  }
}

/** Set by the session store once signed in: sent on every state-changing request. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Set by the session store: asks the server for the session again, which brings a fresh CSRF
 * token. A page loaded offline has none, and a sign-in in another tab replaces it.
 */
let refreshSession: (() => Promise<void>) | null = null;
export function setSessionRefresher(refresh: (() => Promise<void>) | null): void {
  refreshSession = refresh;
}

/** What a request sends: `compress` gzips a body of 1 KB or more where the browser can. */
export interface ApiRequest {
  method?: string;
  body?: unknown;
  compress?: boolean;
}

/** Bodies below this are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * The JSON of a body, gzipped when asked and worth it. A sync push is mostly notes in words,
 * which gzip shrinks several times: on a tablet's weak uplink that is most of the push's time.
 */
async function encodeBody(
  body: unknown,
  compress: boolean,
): Promise<{ data: BodyInit; encoding: 'gzip' | null }> {
  const json = JSON.stringify(body);
  if (!compress || json.length < COMPRESS_FROM_BYTES || typeof CompressionStream === 'undefined')
    return { data: json, encoding: null };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return { data: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}

/** One request; refused only for a missing or stale CSRF token, it is sent again once with a fresh one. */
export async function api<T>(path: string, init: ApiRequest = {}): Promise<T> {
  try {
    return await send<T>(path, init);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_failed' && refreshSession)) throw error;
    await refreshSession();
    return send<T>(path, init);
  }
}

async function send<T>(path: string, init: ApiRequest): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const sending = init.body === undefined ? undefined : await encodeBody(init.body, init.compress ?? false);
  if (sending) headers['Content-Type'] = 'application/json';
  if (sending?.encoding) headers['Content-Encoding'] = sending.encoding;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: sending?.data });
  } catch {
    throw new ApiError(0, 'network', 'Lantern cannot reach the server. Your work stays on this device.');
  }
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = (body ?? {}) as {
      code?: ErrorCode;
      message?: string;
      fields?: FieldProblem[];
      choices?: ErrorChoice[];
    };
    throw new ApiError(
      response.status,
      problem.code ?? 'internal',
      problem.message ?? `The server answered ${response.status}.`,
      problem.fields ?? [],
      problem.choices ?? [],
    );
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
