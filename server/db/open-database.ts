/**
 * Opens the engine the configuration asks for and turns every way that can fail into one
 * line a person running Lantern can act on: which host and port (never the password), which
 * directory, what went wrong.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import { StartupError } from '../startup-error';
import { claimDataDir, releaseDataDir } from './data-dir-lock';

export { releaseDataDir };

export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize?: number;
  /**
   * 0 when nothing keeps sessions in memory (LANTERN_SESSION_CACHE_SECONDS=0): PostgreSQL's
   * connections then listen for no change notices (a pooler in transaction mode cannot carry them).
   */
  sessionCacheSeconds?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize, options.sessionCacheSeconds !== 0)
    : openPglite(options.dataDir);
}

/** Where a connection string points, for messages: host and port only. */
export function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname || 'localhost';
    return `${host}:${url.port || '5432'}`;
  } catch {
    return 'the server in DATABASE_URL (the URL could not be read)';
  }
}

async function openPostgres(
  databaseUrl: string,
  poolSize: number | undefined,
  listen: boolean,
): Promise<Database> {
  const target = describeTarget(databaseUrl);
  try {
    return await openPostgresDatabase(databaseUrl, poolSize, { listen });
  } catch (error) {
    throw new StartupError(`Cannot use PostgreSQL at ${target}: ${postgresReason(error)}`);
  }
}

function postgresReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening there?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '3D000':
    case '28P01':
    case '28000':
      // PostgreSQL's own words: they name the database or user, never the password.
      return e.message ?? e.code;
    default:
      return /timeout/i.test(e.message ?? '')
        ? 'connection timed out'
        : 'the server did not accept the connection';
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  await ensureWritable(dataDir);
  await claimDataDir(dataDir);
  try {
    return await openPgliteDatabase(join(dataDir, 'pglite'));
  } catch (error) {
    await releaseDataDir(dataDir);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Cannot open the embedded database in ${dataDir}: ${reason}`);
  }
}

async function ensureWritable(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = join(dataDir, `.write-test-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new StartupError(
      `Data directory ${dataDir} is not writable (${code}); set LANTERN_DATA_DIR to a folder Lantern may write`,
    );
  }
}
