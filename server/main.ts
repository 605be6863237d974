/**
 * `npm start`: read the configuration, build the client if needed, open the database,
 * migrate, create the demo organisation on first start, and serve. Anything that stops a
 * start is one line on stderr and a non-zero exit; once it runs, everything it says is a JSON
 * line on stdout (server/log/logger.ts).
 */
import { serve } from '@hono/node-server';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readConfig } from './config';
import { settingValueProblems, unknownSettingWarnings } from './known-settings';
import { StartupError } from './startup-error';
import { openDatabase, releaseDataDir } from './db/open-database';
import { migrate } from './db/migrate';
import { seedFirstStart } from './demo/seed-first-start';
import { countActiveAdmins } from './admin/people-store';
import { firstAdminSteps } from '../shared/organisation/first-admin';
import { createApp } from './app';
import { startAlertSweeper } from './alerts/alert-sweeper';
import { startNotificationSweeper } from './notifications/notification-sweeper';
import { startRetentionSweeper } from './retention/retention-sweeper';
import { ensureClientBuild } from './static/ensure-client-build';
import type { Database } from './db/database';
import { log, loggableError, printStartFailure } from './log/logger';
import { keepIdleConnections } from './http/idle-connections';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENT_DIR = join(ROOT, 'dist');
const say = (line: string): void => log.info(line);

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig(process.env);
  const settingProblems = settingValueProblems(process.env);
  if (settingProblems.length > 0) throw new StartupError(settingProblems.join('; '));
  for (const warning of unknownSettingWarnings(process.env)) log.warn(warning);
  await assertPortFree(config.port, config.host);
  const clientDir = config.clientDir ?? CLIENT_DIR;
  if (config.clientBuild === 'auto' && !config.clientDir) await ensureClientBuild(ROOT, CLIENT_DIR, say);

  const db = await openDatabase(config);
  let stopSweeper = (): void => undefined;
  const stop = shutdownOnSignals(db, config.databaseUrl ? undefined : config.dataDir, () => stopSweeper());
  const { applied, schemaVersion } = await migrate(db);
  if (applied.length > 0) say(`applied migrations ${applied.join(', ')}; schema version ${schemaVersion}`);
  const seeded = await seedFirstStart(db, { demo: config.demo });
  if (seeded) say(seeded);
  // An empty organisation: nobody can sign in until the first admin is made from a terminal.
  if ((await countActiveAdmins(db)) === 0) {
    // One line, its steps as a list, so a log collector keeps them together.
    log.warn(
      { steps: firstAdminSteps(db.engine === 'pglite') },
      'no admin yet: make the first one as the steps say',
    );
  }

  const app = createApp({ db, config, schemaVersion, clientDir });
  // Safeguarding alerts escalate and are e-mailed on a timer. Only a serving process runs it
  // (in-process tests call the sweep functions themselves); it keeps no state, so every process
  // sharing a PostgreSQL may run one (server/alerts/alert-sweeper.ts).
  // Notifications (late audits, their e-mails) sweep the same way, on their own timer
  // (server/notifications/notification-sweeper.ts).
  const stopAlertSweeper = startAlertSweeper(db);
  const stopNotificationSweeper = startNotificationSweeper(db);
  // Retention deletes what is kept long enough, once a day (server/retention/retention-sweeper.ts).
  const stopRetentionSweeper = startRetentionSweeper(db, config.sessionIdleMinutes);
  stopSweeper = () => {
    stopAlertSweeper();
    stopNotificationSweeper();
    stopRetentionSweeper();
  };
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  if ('keepAliveTimeout' in server) keepIdleConnections(server);
  server.once('error', (error: NodeJS.ErrnoException) => {
    printStartFailure(listenFailure(error, config.port));
    void stop(1);
  });
  server.once('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const engine = db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    say(`ready on http://localhost:${port} (${engine}) in ${Math.round(performance.now() - startedAt)} ms`);
  });
}

function listenFailure(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `Port ${port} is already in use; stop the other program or set PORT to a free port`;
  if (error.code === 'EACCES')
    return `Port ${port} needs privileges Lantern does not have; set PORT to 1024 or above`;
  return `Cannot listen on port ${port}: ${error.message}`;
}

/** Fail fast, before a long build, when the port is taken. */
function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new StartupError(listenFailure(error, port))),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function shutdownOnSignals(db: Database, dataDir: string | undefined, beforeClose: () => void) {
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    beforeClose();
    // PGlite writes its last pages on close: never exit without it.
    await db.close().catch(() => undefined);
    if (dataDir) await releaseDataDir(dataDir);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  return stop;
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    printStartFailure(error.message);
  } else {
    log.fatal({ err: loggableError(error) }, 'could not start');
  }
  process.exit(1);
});
