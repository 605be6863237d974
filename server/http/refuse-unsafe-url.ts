/**
 * Every API request's path and query string, checked once before any handler or access rule
 * reads them: each path segment and each query parameter's name and value must decode as UTF-8
 * (`%FF` or `%ED%A0%80` cannot) and hold safe text (shared/validation/safe-text.ts: no NUL,
 * lone surrogate or control character). Hono would otherwise hand a handler the raw `%FF`
 * or a decoded U+0000, and the database refuses the latter with a 500. Refused with a 400
 * naming the parameter, or `(path)`.
 */
import type { MiddlewareHandler } from 'hono';
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import { textProblem } from '../../shared/validation/safe-text';

const NOT_UTF8 = 'Contains bytes that are not UTF-8 text.';

/** The decoded text, or a problem; `+` is a space in a query string only. */
function decode(raw: string, query: boolean): { text: string } | { problem: string } {
  try {
    const text = decodeURIComponent(query ? raw.replaceAll('+', ' ') : raw);
    const problem = textProblem(text);
    return problem ? { problem } : { text };
  } catch {
    return { problem: NOT_UTF8 };
  }
}

/** The problems with a request URL's path and query, each naming where it is. */
export function urlProblems(url: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const queryStart = url.indexOf('?');
  const pathAndHost = queryStart < 0 ? url : url.slice(0, queryStart);
  const path = pathAndHost.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  for (const segment of path.split('/')) {
    const decoded = decode(segment, false);
    if ('problem' in decoded) {
      problems.push({ path: '(path)', message: decoded.problem });
      break;
    }
  }
  if (queryStart < 0) return problems;
  for (const pair of url
    .slice(queryStart + 1)
    .split('#')[0]
    ?.split('&') ?? []) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals), true);
    if ('problem' in name) {
      problems.push({ path: '(a parameter name)', message: name.problem });
      continue;
    }
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1), true);
    if ('problem' in value) problems.push({ path: name.text, message: value.problem });
  }
  return problems;
}

export function refuseUnsafeUrl(): MiddlewareHandler {
  return async (c, next) => {
    const problems = urlProblems(c.req.url);
    if (problems.length > 0) {
      throw appError('validation_failed', 'The address holds characters that cannot be read.', problems);
    }
    await next();
  };
}
