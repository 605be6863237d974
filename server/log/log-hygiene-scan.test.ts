/**
 * The log-hygiene check that runs after the end-to-end tests (tests/log-hygiene/check-run-logs.ts)
 * finds each kind of secret, names where without repeating it, and fails when it read nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenInLogs, scanLog } from '../../tests/support/log-hygiene';
import { ROOT, serverLogDir } from '../../tests/support/server-process';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { DEMO_NOTE_TEXTS } from '../demo/synthetic-answers';

const ACCESS =
  '{"level":"info","requestId":"r-12345678","type":"access","method":"GET","route":"/api/health","status":200}';

describe('the log scan', () => {
  it('passes a clean access line', () => {
    expect(scanLog('a.log', ACCESS, forbiddenInLogs())).toEqual({ lines: 1, accessLines: 1, findings: [] });
  });

  it.each([
    [
      'a demo note text, JSON-escaped',
      `{"msg":${JSON.stringify(DEMO_NOTE_TEXTS.find((t) => t.includes("'")) ?? '')}}`,
      'a demo note text',
    ],
    ['the demo password', `{"msg":"sign-in with ${DEMO_PASSWORD}"}`, 'the demo password'],
    ['a session cookie', '{"headers":"lantern_session=abc123def456"}', 'a session cookie'],
    ['a set-password link', '{"url":"/set-password?token=abcdefghijklmnop"}', 'a set-password link'],
    ['a secret-named field', '{"password":"hunter2hunter2"}', 'a secret-named field with a value'],
    [
      'an e-mail an e2e test types',
      '{"msg":"amara.auditor@demo.lantern.invalid"}',
      'a text an e2e test types',
    ],
  ])('finds %s and names the line, not the secret', (_name, line, what) => {
    const { findings } = scanLog('server-1.log', `${ACCESS}\n${line}`, forbiddenInLogs());
    expect(findings).toContain(`server-1.log:2: ${what}`);
  });

  it('leaves a redacted field alone', () => {
    expect(scanLog('a.log', '{"password":"[redacted]"}', forbiddenInLogs()).findings).toEqual([]);
  });
});

describe('the check after an end-to-end run', () => {
  const runs: string[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(serverLogDir(run), { recursive: true, force: true });
  });
  const check = async (files: Record<string, string> | null): Promise<{ code: number; out: string }> => {
    const run = `scan-test-${process.pid}-${runs.length}`;
    runs.push(run);
    if (files) {
      mkdirSync(serverLogDir(run), { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(serverLogDir(run), name), text);
    }
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'tests/log-hygiene/check-run-logs.ts', run],
        { cwd: ROOT },
      );
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  };

  it('passes logs with access lines and nothing secret', async () => {
    expect(await check({ 'server-1.log': `${ACCESS}\n${ACCESS}\n` })).toMatchObject({ code: 0 });
  }, 60_000);

  it('fails when the run left no logs, or logs without an access line', async () => {
    expect((await check(null)).code).toBe(1);
    const { code, out } = await check({ 'server-1.log': '{"msg":"ready on http://localhost:1"}\n' });
    expect(code).toBe(1);
    expect(out).toContain('no access line');
  }, 60_000);

  it('fails naming the file and line of a secret', async () => {
    const { code, out } = await check({ 'server-2.log': `${ACCESS}\n{"msg":"${DEMO_PASSWORD}"}\n` });
    expect(code).toBe(1);
    expect(out).toContain('server-2.log:2: the demo password');
  }, 60_000);
});
