/**
 * One "today", London's: the server's default report date and file names, and the
 * client's My audits, trends and board report, all take it from shared/metrics/london-date.ts.
 * UTC's date is wrong for the first hour of every summer day; this test fails, naming the
 * file, when code takes "today" from `toISOString()` again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { londonToday } from './london-today';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('London today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the London date on the server at 00:30 BST', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-30T23:30:00Z'));
    expect(londonToday()).toBe('2026-07-01');
  });

  it("is never taken from UTC's date of the current time in client or server code", () => {
    const utcToday =
      /new Date\(\)\.toISOString\(\)\.slice\(0, ?10\)|new Date\(\)\.toISOString\(\)\.substring\(0, ?10\)/;
    const offenders = ['client', 'server']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => utcToday.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
