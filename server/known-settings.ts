/**
 * Every `LANTERN_*` setting Lantern reads, so a misspelt or retired one is warned about at
 * start instead of being silently ignored (`LANTERN_SMTP_URI` would otherwise leave alert
 * e-mails off with no word). The README's configuration table lists each of SETTINGS; a test
 * (known-settings.test.ts) fails when the code reads a `LANTERN_*` name that is in neither list
 * or when a setting is missing from the README.
 */
import { LOG_FORMATS, LOG_LEVELS } from './log/logger';
import { RETENTION_PERIODS, retentionRule } from './retention/retention-settings';

/** The settings a council sets, each in the README's table. */
export const SETTINGS = [
  'LANTERN_DATA_DIR',
  'LANTERN_DEMO',
  'LANTERN_CLIENT_BUILD',
  'LANTERN_CLIENT_DIR',
  'LANTERN_SECURE_COOKIES',
  'LANTERN_DATABASE_POOL_SIZE',
  'LANTERN_SESSION_IDLE_MINUTES',
  'LANTERN_SESSION_MAX_HOURS',
  'LANTERN_SESSION_CACHE_SECONDS',
  'LANTERN_TRUST_PROXY',
  'LANTERN_SCRYPT_COST',
  'LANTERN_PUBLIC_URL',
  'LANTERN_SMTP_URL',
  'LANTERN_SMTP_FROM',
  'LANTERN_ALERT_ESCALATION_HOURS',
  'LANTERN_EXTRA_CLOSED_DAYS',
  'LANTERN_ACTION_ESCALATION_DAYS',
  'LANTERN_NOTIFY_PRACTITIONER_AT',
  'LANTERN_OIDC_ISSUER',
  'LANTERN_OIDC_CLIENT_ID',
  'LANTERN_OIDC_CLIENT_SECRET',
  'LANTERN_OIDC_ACCOUNT_DOMAINS',
  'LANTERN_OIDC_REDIRECT_URL',
  'LANTERN_RETAIN_ENDED_SESSIONS_DAYS',
  'LANTERN_RETAIN_FAILED_SIGN_INS_DAYS',
  'LANTERN_RETAIN_REFUSED_SNAPSHOTS_DAYS',
  'LANTERN_RETAIN_AUDIT_LOG_DAYS',
  'LANTERN_LOG_LEVEL',
  'LANTERN_LOG_FORMAT',
  'LANTERN_METRICS_TOKEN',
] as const;

/** Read only by the test suite and its helpers: not for a council, so not in the README. */
export const TEST_SETTINGS = [
  'LANTERN_E2E_RUN',
  'LANTERN_CHROMIUM',
  'LANTERN_TEST_CLOCK_FILE',
  'LANTERN_TEST_SWEEP_MS',
] as const;

const KNOWN = new Set<string>([...SETTINGS, ...TEST_SETTINGS]);

/** How many single-character edits turn `a` into `b` (for "did you mean"). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * One warning per `LANTERN_*` variable in `env` that Lantern does not read, naming the closest
 * setting when it looks like a typing slip.
 * @example unknownSettingWarnings({ LANTERN_SMTP_URI: 'smtp://…' })
 * // ['LANTERN_SMTP_URI is not a Lantern setting and is ignored; did you mean LANTERN_SMTP_URL?']
 */
export function unknownSettingWarnings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('LANTERN_') && !KNOWN.has(name))
    .sort()
    .map((name) => {
      const closest = SETTINGS.map((setting) => ({ setting, distance: editDistance(name, setting) })).sort(
        (x, y) => x.distance - y.distance,
      )[0];
      const hint = closest && closest.distance <= 3 ? `; did you mean ${closest.setting}?` : '';
      return `${name} is not a Lantern setting and is ignored${hint} (the README lists every setting)`;
    });
}

const isUrl = (value: string, schemes: readonly string[]): boolean => {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const isDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * The settings read when first needed (not by readConfig), each with what it must be. They are
 * checked at start, so a council's typing slip stops Lantern with a clear line instead of an
 * alert silently falling back to a default weeks later.
 */
const LATER_SETTINGS: Record<
  string,
  { ok: (value: string) => boolean; mustBe: string; /** Never echoed: it is a secret. */ secret?: boolean }
> = {
  LANTERN_ALERT_ESCALATION_HOURS: {
    ok: (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) <= 400,
    mustBe: 'a number of working hours above 0 and at most 400',
  },
  LANTERN_ACTION_ESCALATION_DAYS: {
    ok: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 60,
    mustBe: 'a whole number of working days from 1 to 60',
  },
  LANTERN_EXTRA_CLOSED_DAYS: {
    ok: (v) =>
      v
        .split(/[\s,]+/)
        .filter(Boolean)
        .every(isDate),
    mustBe: 'dates written YYYY-MM-DD, separated by commas',
  },
  LANTERN_SMTP_URL: {
    ok: (v) => isUrl(v, ['smtp:', 'smtps:']),
    mustBe: 'an smtp:// or smtps:// address, like smtp://user:password@mail.council.gov.uk:587',
  },
  LANTERN_PUBLIC_URL: {
    ok: (v) => isUrl(v, ['http:', 'https:']),
    mustBe: 'the http:// or https:// address people open Lantern at',
  },
  LANTERN_NOTIFY_PRACTITIONER_AT: {
    ok: (v) => ['submitted', 'moderated'].includes(v.toLowerCase()),
    mustBe: 'submitted or moderated',
  },
  LANTERN_OIDC_ISSUER: {
    ok: (v) => isUrl(v, ['https:', 'http:']),
    mustBe: 'the identity provider’s issuer address (https://…)',
  },
  LANTERN_LOG_LEVEL: {
    ok: (v) => (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()),
    mustBe: LOG_LEVELS.join(', ').replace(/, (\w+)$/, ' or $1'),
  },
  LANTERN_LOG_FORMAT: {
    ok: (v) => (LOG_FORMATS as readonly string[]).includes(v.toLowerCase()),
    mustBe: 'json or pretty',
  },
  LANTERN_METRICS_TOKEN: {
    ok: (v) => /^[\x21-\x7e]{16,200}$/.test(v),
    mustBe: 'at least 16 characters without spaces (a long random string)',
    secret: true,
  },
  LANTERN_OIDC_REDIRECT_URL: {
    ok: (v) => isUrl(v, ['https:', 'http:']),
    mustBe: 'an http:// or https:// address',
  },
  ...Object.fromEntries(
    Object.values(RETENTION_PERIODS).map((period) => [period.name, retentionRule(period)]),
  ),
};

/**
 * One line per setting read later whose value is wrong, naming the variable and what it must be
 * (readConfig checks the rest as it reads them).
 * @example settingValueProblems({ LANTERN_NOTIFY_PRACTITIONER_AT: 'never' })
 * // ['LANTERN_NOTIFY_PRACTITIONER_AT must be submitted or moderated (got "never")']
 */
export function settingValueProblems(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(LATER_SETTINGS).flatMap(([name, rule]) => {
    const value = env[name]?.trim();
    if (!value || rule.ok(value)) return [];
    return [
      `${name} must be ${rule.mustBe} (got ${rule.secret ? `${value.length} characters` : `"${value}"`})`,
    ];
  });
}
