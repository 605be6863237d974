/**
 * `npm run backup -- FILE`: a consistent copy of Lantern's database in FILE — PostgreSQL's own
 * dump format when DATABASE_URL is set, the embedded database's data folder otherwise.
 * docs/OPERATIONS.md says how to schedule it.
 */
import { backupPostgres } from './postgres-backup';
import { backupPglite } from './pglite-backup';
import { parseCommand, runCommand } from './run-command';

runCommand(async () => {
  const target = parseCommand('backup', process.argv.slice(2), process.env);
  const { bytes } = target.databaseUrl
    ? await backupPostgres(target.databaseUrl, target.file)
    : await backupPglite(target.dataDir, target.file);
  const engine = target.databaseUrl
    ? 'PostgreSQL (pg_dump custom format)'
    : `embedded database in ${target.dataDir}`;
  return `backed up the ${engine} to ${target.file} (${bytes} bytes)`;
});
