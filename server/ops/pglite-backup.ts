/**
 * Backup and restore of the embedded database (PGlite): a copy of its whole data folder, as
 * PGlite's own tarball (dumpDataDir, gzip-compressed).
 * A consistent copy needs a database nobody is writing: the command claims the data folder as
 * a server does (data-dir-lock.ts), so while Lantern runs it refuses and says so — stop Lantern,
 * back up (seconds for a council's data), start it again. That is the embedded database's
 * trade: one process, no server to run; a council that cannot stop for a backup uses
 * PostgreSQL, whose backup runs beside a serving Lantern.
 * - The backup is written to FILE.partial and renamed to FILE when whole.
 * - The restore refuses a folder that already holds a database unless told (`--force`); it
 *   unpacks into a new folder beside the old, opens it and gives it a new server epoch (every
 *   device pulls everything again), and only then swaps the two by renaming: a failure at any
 *   step before the swap leaves the old database as it was.
 */
import { PGlite } from '@electric-sql/pglite';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { claimDataDir, releaseDataDir } from '../db/data-dir-lock';
import { CommandError } from './command-error';
import { fileStartsWith } from './file-starts-with';

const DB_FOLDER = 'pglite';

async function holdsDatabase(folder: string): Promise<boolean> {
  return (await readdir(folder).catch(() => [])).length > 0;
}

async function whileClaimed<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  await claimDataDir(dataDir, {
    purpose: 'stop Lantern before backing up or restoring the embedded database',
  });
  try {
    return await work();
  } finally {
    await releaseDataDir(dataDir);
  }
}

export async function backupPglite(dataDir: string, file: string): Promise<{ bytes: number }> {
  const folder = join(dataDir, DB_FOLDER);
  if (!(await holdsDatabase(folder)))
    throw new CommandError(`${dataDir} holds no embedded database to back up (is LANTERN_DATA_DIR right?)`);
  return whileClaimed(dataDir, async () => {
    const db = await PGlite.create(folder);
    let tarball: Blob;
    try {
      tarball = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
    const partial = `${file}.partial`;
    await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(partial, file);
    return { bytes: (await stat(file)).size };
  });
}

/** Whether the file is gzip-compressed, as the embedded database's copies are. */
export const isGzip = (file: string): Promise<boolean> => fileStartsWith(file, Buffer.from([0x1f, 0x8b]));

export async function restorePglite(
  dataDir: string,
  file: string,
  options: { force: boolean },
): Promise<void> {
  const folder = join(dataDir, DB_FOLDER);
  const incoming = join(dataDir, `${DB_FOLDER}.restoring`);
  const replaced = join(dataDir, `${DB_FOLDER}.replaced`);
  if ((await holdsDatabase(folder)) && !options.force)
    throw new CommandError(
      `${dataDir} already holds an embedded database; a restore replaces it: add --force to do so`,
    );
  const tarball = await readFile(file);
  try {
    // Read to its end first: a file cut short must fail here, before anything is touched.
    gunzipSync(tarball);
  } catch {
    throw new CommandError(`${file} cannot be read to its end (damaged or cut short); nothing was changed`);
  }
  await mkdir(dataDir, { recursive: true });
  await whileClaimed(dataDir, async () => {
    await rm(incoming, { recursive: true, force: true });
    try {
      const db = await PGlite.create(incoming, { loadDataDir: new Blob([tarball]) });
      try {
        const [row] = (
          await db.query<{ lantern: boolean }>(
            "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS lantern",
          )
        ).rows;
        if (!row?.lantern) throw new CommandError(`${file} holds no Lantern database`);
        await db.query('UPDATE server_epoch SET epoch = gen_random_uuid()');
      } finally {
        await db.close();
      }
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      if (error instanceof CommandError) throw error;
      throw new CommandError(
        `${file} could not be restored, and nothing was changed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // The swap: two renames; the old database is removed only once the new one is in place.
    await rm(replaced, { recursive: true, force: true });
    if (await holdsDatabase(folder)) await rename(folder, replaced);
    else await rm(folder, { recursive: true, force: true });
    await rename(incoming, folder);
    await rm(replaced, { recursive: true, force: true });
  });
}
