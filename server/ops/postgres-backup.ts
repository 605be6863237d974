/**
 * Backup and restore of a PostgreSQL database, in PostgreSQL's own custom dump format
 * (pg_dump -Fc): compressed, restorable with pg_restore by any DBA, consistent (pg_dump reads
 * one snapshot, so Lantern may keep serving while it runs).
 * - The backup is written to FILE.partial and renamed to FILE only when pg_dump succeeded: a
 *   failed or interrupted backup never leaves a file that looks whole.
 * - The restore refuses a database that already holds tables unless told (`--force`), then
 *   replaces everything in one transaction (psql --single-transaction over pg_restore's script):
 *   it is all restored or, on any error, nothing changed. It ends by giving the database a new
 *   server epoch, so every device pulls everything again instead of trusting a checkpoint from
 *   a timeline the restore has undone.
 */
import { rename, rm, stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { CommandError } from './command-error';
import { fileStartsWith } from './file-starts-with';
import { assertToolCanServe, connectionFor, runTool, toolMajor } from './pg-tools';

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const serverMajor = (client: pg.Client): Promise<number> =>
  client
    .query<{ v: number }>("SELECT current_setting('server_version_num')::int / 10000 AS v")
    .then((r) => Number(r.rows[0]?.v));

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

export async function backupPostgres(databaseUrl: string, file: string): Promise<{ bytes: number }> {
  const server = await withClient(databaseUrl, async (client) => {
    const [row] = (
      await client.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS lantern")
    ).rows;
    if (!row?.lantern)
      throw new CommandError('The database in DATABASE_URL holds no Lantern database to back up');
    return serverMajor(client);
  });
  assertToolCanServe('pg_dump', await toolMajor('pg_dump'), server);
  const { url, env } = connectionFor(databaseUrl);
  const partial = `${file}.partial`;
  const run = await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${url}`], { env });
  if (run.code !== 0) {
    await rm(partial, { force: true });
    throw new CommandError(`pg_dump failed: ${lastLine(run.stderr)}`);
  }
  await rename(partial, file);
  return { bytes: (await stat(file)).size };
}

/** The major version of the pg_dump that wrote an archive, from its table of contents. */
async function archiveMajor(file: string): Promise<number> {
  const run = await runTool('pg_restore', ['--list', file]);
  const match = /Dumped by pg_dump version: (\d+)/.exec(run.stdout);
  if (run.code !== 0 || !match)
    throw new CommandError(`${file} cannot be read as a PostgreSQL backup: ${lastLine(run.stderr)}`);
  return Number(match[1]);
}

/** Whether the file is in pg_dump's custom format, which begins "PGDMP". */
export const isPostgresDump = (file: string): Promise<boolean> =>
  fileStartsWith(file, Buffer.from('PGDMP', 'latin1'));

export async function restorePostgres(
  databaseUrl: string,
  file: string,
  options: { force: boolean },
): Promise<void> {
  const { server, tables, others } = await withClient(databaseUrl, async (client) => ({
    server: await serverMajor(client),
    tables: Number(
      (
        await client.query(
          "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
        )
      ).rows[0]?.n,
    ),
    others: Number(
      (
        await client.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
      ).rows[0]?.n,
    ),
  }));
  const restoreMajor = await toolMajor('pg_restore');
  assertToolCanServe('psql', await toolMajor('psql'), server);
  const dumped = await archiveMajor(file);
  if (dumped > restoreMajor)
    throw new CommandError(
      `${file} was written by pg_dump ${dumped}; this pg_restore is version ${restoreMajor} and cannot read it: install the version ${dumped} client tools`,
    );
  if (tables > 0 && !options.force)
    throw new CommandError(
      `The database in DATABASE_URL is not empty (${tables} tables); a restore replaces everything in it: add --force to do so`,
    );
  if (others > 0 && !options.force)
    throw new CommandError(
      `${others} other connections are open to the database in DATABASE_URL: stop every Lantern process first (or add --force)`,
    );
  await replaceFromArchive(databaseUrl, file);
}

/** pg_restore's script, between a wipe and a new epoch, run by psql as one transaction. */
async function replaceFromArchive(databaseUrl: string, file: string): Promise<void> {
  const { url, env } = connectionFor(databaseUrl);
  const script = new PassThrough();
  script.write('DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n');
  const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let restoreErrors = '';
  restore.stderr.on('data', (chunk: Buffer) => (restoreErrors += chunk.toString()));
  restore.stdout.pipe(script, { end: false });
  restore.once('close', (code) => {
    // A script cut short must never commit: an error makes psql roll the whole transaction back.
    script.end(
      code === 0
        ? '\nSET search_path = public;\nUPDATE server_epoch SET epoch = gen_random_uuid();\n'
        : "\nDO $$ BEGIN RAISE EXCEPTION 'the backup file could not be read to its end'; END $$;\n",
    );
  });
  const psql = await runTool(
    'psql',
    ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`],
    { env, stdin: script },
  );
  if (psql.code !== 0) {
    const why = lastLine(restoreErrors) || lastLine(psql.stderr);
    throw new CommandError(`The restore failed and changed nothing: ${why}`);
  }
}
