/**
 * Every LANTERN_* name the code reads is a known setting (or a test-only one), every setting is
 * in the README's configuration table, and an unknown one is warned about with a suggestion.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, TEST_SETTINGS, settingValueProblems, unknownSettingWarnings } from './known-settings';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('Lantern’s settings', () => {
  it('knows every LANTERN_* name the code reads', () => {
    const read = new Set<string>();
    for (const file of ['server', 'shared', 'client'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
      if (file.endsWith('known-settings.ts')) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/\bLANTERN_[A-Z0-9_]*[A-Z0-9]\b/g))
        read.add(match[0]);
    }
    const known = new Set<string>([...SETTINGS, ...TEST_SETTINGS]);
    expect([...read].filter((name) => !known.has(name)).sort()).toEqual([]);
  });

  it('lists every setting in the README’s configuration table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `(LANTERN_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    expect(SETTINGS.filter((name) => !rows.has(name))).toEqual([]);
  });

  it('warns about a variable it does not read, suggesting the one meant', () => {
    expect(
      unknownSettingWarnings({
        LANTERN_SMTP_URI: 'smtp://mail',
        LANTERN_DEMO: '0',
        LANTERN_E2E_RUN: 'x',
        PATH: '/usr/bin',
        LANTERN_SOMETHING_ELSE_ENTIRELY: '1',
      }),
    ).toEqual([
      'LANTERN_SMTP_URI is not a Lantern setting and is ignored; did you mean LANTERN_SMTP_URL? (the README lists every setting)',
      'LANTERN_SOMETHING_ELSE_ENTIRELY is not a Lantern setting and is ignored (the README lists every setting)',
    ]);
  });
});

describe('settings read later, checked at start', () => {
  it.each([
    ['LANTERN_ALERT_ESCALATION_HOURS', 'four', 'a number of working hours'],
    ['LANTERN_ALERT_ESCALATION_HOURS', '0', 'above 0'],
    ['LANTERN_ACTION_ESCALATION_DAYS', '2.5', 'whole number of working days'],
    ['LANTERN_EXTRA_CLOSED_DAYS', '2026-12-24, 24/12/2026', 'YYYY-MM-DD'],
    ['LANTERN_EXTRA_CLOSED_DAYS', '2026-02-30', 'YYYY-MM-DD'],
    ['LANTERN_SMTP_URL', 'mail.council.gov.uk:587', 'smtp://'],
    ['LANTERN_PUBLIC_URL', 'lantern.council.gov.uk', 'https://'],
    ['LANTERN_NOTIFY_PRACTITIONER_AT', 'never', 'submitted or moderated'],
    ['LANTERN_LOG_LEVEL', 'verbose', 'fatal, error, warn, info, debug, trace or silent'],
    ['LANTERN_LOG_FORMAT', 'colour', 'json or pretty'],
  ])('%s=%s is refused, saying it must be %s', (name, value, words) => {
    const [problem, ...more] = settingValueProblems({ [name]: value });
    expect(more).toEqual([]);
    expect(problem).toContain(name);
    expect(problem).toContain(words);
    expect(problem).toContain(`(got "${value}")`);
  });

  it('refuses a short metrics token without repeating it', () => {
    const [problem] = settingValueProblems({ LANTERN_METRICS_TOKEN: 'short-secret' });
    expect(problem).toBe(
      'LANTERN_METRICS_TOKEN must be at least 16 characters without spaces (a long random string) (got 12 characters)',
    );
  });

  it('accepts good values and unset ones', () => {
    expect(
      settingValueProblems({
        LANTERN_ALERT_ESCALATION_HOURS: '7.5',
        LANTERN_ACTION_ESCALATION_DAYS: '10',
        LANTERN_EXTRA_CLOSED_DAYS: '2026-12-24, 2026-12-29',
        LANTERN_SMTP_URL: 'smtps://user:secret@mail.council.gov.uk:465',
        LANTERN_PUBLIC_URL: 'https://lantern.council.gov.uk',
        LANTERN_NOTIFY_PRACTITIONER_AT: 'moderated',
        LANTERN_OIDC_ISSUER: '',
        LANTERN_LOG_LEVEL: 'Debug',
        LANTERN_LOG_FORMAT: 'pretty',
        LANTERN_METRICS_TOKEN: 'a-long-random-scrape-token-0123',
      }),
    ).toEqual([]);
  });
});
