/**
 * `npm run seed:large -- --audits 1000000 [--teams 20] [--months 24] [--seed 7]`: fills the
 * database the environment points at (DATABASE_URL, or the embedded one in LANTERN_DATA_DIR)
 * with a large synthetic dataset for benchmarks: extra teams and cases, and submitted audits
 * over the last months with a realistic trend. Safe to run on top of the demo organisation.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openDatabase, releaseDataDir } from '../db/open-database';
import { migrate } from '../db/migrate';
import { seedFirstStart } from './seed-first-start';
import { fillLargeDataset } from './large-dataset';
import { StartupError } from '../startup-error';

const { values } = parseArgs({
  options: {
    audits: { type: 'string', default: '100000' },
    teams: { type: 'string', default: '20' },
    months: { type: 'string', default: '24' },
    seed: { type: 'string', default: '7' },
  },
});

function wholeNumber(name: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new StartupError(`--${name} must be a whole number of at least ${min} (got "${raw}")`);
  return value;
}

async function main(): Promise<void> {
  const options = {
    audits: wholeNumber('audits', values.audits, 1),
    teams: wholeNumber('teams', values.teams, 1),
    months: wholeNumber('months', values.months, 1),
    seed: wholeNumber('seed', values.seed, 0),
  };
  const config = readConfig(process.env);
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await seedFirstStart(db, { demo: true });
    const t0 = performance.now();
    await fillLargeDataset(db, {
      ...options,
      now: new Date(),
      onProgress: (done) => process.stdout.write(`\r${done.toLocaleString('en-GB')} audits`),
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `\nseed:large: ${options.audits.toLocaleString('en-GB')} audits over ${options.teams} teams and ${options.months} months in ${seconds.toFixed(1)} s (${db.engine})`,
    );
  } finally {
    await db.close();
    if (!config.databaseUrl) await releaseDataDir(config.dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(`seed:large: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
