/**
 * `npm run restore -- FILE [--force]`: puts back a backup made by `npm run backup`, into the
 * database the settings point at (DATABASE_URL, else LANTERN_DATA_DIR). A database that is not
 * empty is replaced only with --force; a restore is whole or changes nothing; afterwards every
 * device pulls everything again (a new server epoch).
 */
import { isPostgresDump, restorePostgres } from './postgres-backup';
import { isGzip, restorePglite } from './pglite-backup';
import { parseCommand, runCommand } from './run-command';
import { CommandError } from './command-error';

runCommand(async () => {
  const target = parseCommand('restore', process.argv.slice(2), process.env);
  const [postgresDump, pgliteCopy] = await Promise.all([
    isPostgresDump(target.file),
    isGzip(target.file),
  ]).catch(() => {
    throw new CommandError(`${target.file} cannot be read`);
  });
  if (target.databaseUrl) {
    if (!postgresDump)
      throw new CommandError(
        `${target.file} is not a PostgreSQL backup${pgliteCopy ? ' (it is a copy of the embedded database: unset DATABASE_URL to restore it)' : ''}`,
      );
    await restorePostgres(target.databaseUrl, target.file, { force: target.force });
    return `restored ${target.file} into PostgreSQL; devices will pull everything again`;
  }
  if (!pgliteCopy)
    throw new CommandError(
      `${target.file} is not a copy of the embedded database${postgresDump ? ' (it is a PostgreSQL backup: set DATABASE_URL to restore it)' : ''}`,
    );
  await restorePglite(target.dataDir, target.file, { force: target.force });
  return `restored ${target.file} into the embedded database in ${target.dataDir}; devices will pull everything again`;
});
