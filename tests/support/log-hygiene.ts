/**
 * What must never be in a server log, and a scanner that says where it is: the demo's note
 * texts, the demo password, the longer texts the end-to-end tests type (notes, names,
 * e-mail addresses), a session cookie, a set-password token, and any JSON field named like a
 * secret that holds something other than "[redacted]". Used on the logs of a whole
 * end-to-end run (tests/log-hygiene/check-run-logs.ts) and on a scripted session
 * (server/log/log-redaction.test.ts).
 *
 * A scan that read no access line fails too, so it can never pass on an empty or wrong folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_NOTE_TEXTS } from '../../server/demo/synthetic-answers';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { ROOT } from './server-process';

export interface Forbidden {
  what: string;
  pattern: RegExp | string;
}

const escape = (text: string): string => JSON.stringify(text).slice(1, -1);

/** Fixed texts: as typed, and as they would look inside a JSON string. */
const literal = (what: string, text: string): Forbidden[] =>
  [...new Set([text, escape(text)])].map((pattern) => ({ what, pattern }));

export const SECRET_SHAPES: Forbidden[] = [
  { what: 'a session cookie', pattern: /(__Host-)?lantern_session=[^;\s"]+/ },
  { what: 'a set-password link', pattern: /set-password\?token=/ },
  { what: 'a token in a query', pattern: /[?&]token=[\w-]{8,}/ },
  {
    what: 'a secret-named field with a value',
    pattern:
      /"(password|newPassword|confirmPassword|token|cookie|set-cookie|authorization|csrfToken|secret)":"(?!\[redacted\])/i,
  },
  { what: 'a bearer token', pattern: /Bearer [\w.~+/-]{8,}/ },
];

/** The texts the end-to-end specs type (20 characters or more, or an e-mail address). */
export function typedInE2eSpecs(): string[] {
  const dirs = [join(ROOT, 'tests/e2e'), join(ROOT, 'tests/e2e/support')];
  const found = new Set<string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(/\.(?:fill|type|pressSequentially)\((['"`])([^'"`$]+)\1/g)) {
        const text = match[2] ?? '';
        if (text.length >= 20 || /@.+\.invalid$/.test(text)) found.add(text);
      }
    }
  }
  return [...found];
}

export function forbiddenInLogs(extra: Forbidden[] = []): Forbidden[] {
  return [
    ...DEMO_NOTE_TEXTS.flatMap((text) => literal('a demo note text', text)),
    ...literal('the demo password', DEMO_PASSWORD),
    ...typedInE2eSpecs().flatMap((text) => literal('a text an e2e test types', text)),
    ...SECRET_SHAPES,
    ...extra,
  ];
}

export interface LogScan {
  lines: number;
  accessLines: number;
  /** `what` and where (file:line), never the secret itself. */
  findings: string[];
}

export function scanLog(name: string, text: string, forbidden: Forbidden[]): LogScan {
  const lines = text.split('\n');
  const findings: string[] = [];
  let accessLines = 0;
  lines.forEach((line, i) => {
    if (/"type":"access"/.test(line) && /"requestId":"[^"]+"/.test(line)) accessLines++;
    for (const { what, pattern } of forbidden) {
      const hit = typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line);
      if (hit) findings.push(`${name}:${i + 1}: ${what}`);
    }
  });
  return { lines: lines.filter(Boolean).length, accessLines, findings };
}

/** Every `*.log` file in `dir`, scanned together. */
export function scanLogDir(
  dir: string,
  forbidden: Forbidden[] = forbiddenInLogs(),
): LogScan & { files: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  const total = { files: files.length, lines: 0, accessLines: 0, findings: [] as string[] };
  for (const file of files) {
    const scan = scanLog(file, readFileSync(join(dir, file), 'utf8'), forbidden);
    total.lines += scan.lines;
    total.accessLines += scan.accessLines;
    total.findings.push(...scan.findings);
  }
  return total;
}
