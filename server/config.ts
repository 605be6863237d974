/**
 * Lantern's configuration, read once from the environment at start. Every bad value is a
 * StartupError that names the variable and what it expects.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { StartupError } from './startup-error';
import { DEFAULT_SCRYPT_COST, SCRYPT_LOG_N_RANGE, type ScryptCost } from './auth/password';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections each process keeps to PostgreSQL at most (the embedded database has one). */
  poolSize: number;
  demo: boolean;
  /** Set when Lantern is served over HTTPS (directly or behind a proxy): cookies become Secure. */
  secureCookies: boolean;
  /** A session ends after this long without use… */
  sessionIdleMinutes: number;
  /** …and this long after sign-in, whatever happens. */
  sessionMaxHours: number;
  /**
   * How long a process keeps a session it looked up (server/auth/session-cache.ts); 0: never.
   * Optional for tests that build their own configuration.
   */
  sessionCacheSeconds?: number;
  /**
   * How many reverse proxies in front of Lantern append to X-Forwarded-For (0: none, the
   * socket's address is the client's). The client is the right-most address they did not add.
   */
  trustProxy: number;
  /** scrypt's cost for new password hashes (older hashes are redone at the next sign-in). */
  scryptCost: ScryptCost;
  /** Serve a client built elsewhere (a release image); Lantern then never builds. */
  clientDir: string | undefined;
  /** 'auto' builds the client when missing or stale; 'skip' serves whatever dist/ holds. */
  clientBuild: 'auto' | 'skip';
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new StartupError(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  }
  const demoFlag = (env.LANTERN_DEMO ?? '1').trim().toLowerCase();
  if (!['0', '1', 'true', 'false', 'yes', 'no'].includes(demoFlag)) {
    throw new StartupError(`LANTERN_DEMO must be 1 or 0 (got "${env.LANTERN_DEMO}")`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new StartupError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const clientBuild = (env.LANTERN_CLIENT_BUILD ?? 'auto').trim() || 'auto';
  if (clientBuild !== 'auto' && clientBuild !== 'skip') {
    throw new StartupError(`LANTERN_CLIENT_BUILD must be auto or skip (got "${clientBuild}")`);
  }
  const positive = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new StartupError(`${name} must be a positive number (got "${raw}")`);
    return value;
  };
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.LANTERN_DATA_DIR?.trim() || './data'),
    databaseUrl,
    poolSize: wholeNumber(env, 'LANTERN_DATABASE_POOL_SIZE', defaultPoolSize(), { min: 1, max: 100 }),
    demo: ['1', 'true', 'yes'].includes(demoFlag),
    secureCookies: (env.LANTERN_SECURE_COOKIES ?? '').trim() === '1',
    clientBuild,
    clientDir: env.LANTERN_CLIENT_DIR?.trim() ? resolve(env.LANTERN_CLIENT_DIR.trim()) : undefined,
    sessionIdleMinutes: positive('LANTERN_SESSION_IDLE_MINUTES', 8 * 60),
    sessionMaxHours: positive('LANTERN_SESSION_MAX_HOURS', 24),
    sessionCacheSeconds: wholeNumber(env, 'LANTERN_SESSION_CACHE_SECONDS', DEFAULT_SESSION_CACHE_SECONDS, {
      min: 0,
      max: 60,
    }),
    trustProxy: wholeNumber(env, 'LANTERN_TRUST_PROXY', 0, { min: 0, max: 10 }),
    scryptCost: {
      ...DEFAULT_SCRYPT_COST,
      logN: wholeNumber(env, 'LANTERN_SCRYPT_COST', DEFAULT_SCRYPT_COST.logN, SCRYPT_LOG_N_RANGE),
    },
  };
}

/**
 * A session looked up is kept this many seconds: a device syncing several times a second is
 * looked up once, and an expiry by time alone holds at most this late (changes are heard at
 * once: server/auth/session-cache.ts).
 */
export const DEFAULT_SESSION_CACHE_SECONDS = 5;

/**
 * Twice the processor cores, at least 4: PostgreSQL does a request's work on one core, and
 * connections beyond what the cores can run only take turns. Measured on two cores with
 * PostgreSQL beside Lantern (docs/PERFORMANCE.md, "Sync"): 4 connections cost PostgreSQL about
 * a fifth less CPU a push than 10, and the push went faster. A database on a larger machine
 * of its own may want more (LANTERN_DATABASE_POOL_SIZE).
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

/** A whole-number setting within a range, or its default when unset. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new StartupError(`${name} must be a whole number from ${range.min} to ${range.max} (got "${raw}")`);
  }
  return value;
}
