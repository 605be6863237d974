/**
 * Start-up time of a real server process on each engine: the first start of an empty
 * database (migrations and the demo organisation) and a restart of the same database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../support/server-process';
import { createPostgresTestDatabase } from '../support/test-databases';
import { median, ms } from './statistics';

const RUNS = 3;

async function timeStart(env: Record<string, string>, dataDir?: string): Promise<number> {
  const t0 = performance.now();
  const server = await startServer({ env: { LANTERN_CLIENT_BUILD: 'skip', ...env }, dataDir });
  const elapsed = performance.now() - t0;
  await server.stop();
  return elapsed;
}

async function engineFigures(
  label: string,
  fresh: () => Promise<{ env: Record<string, string>; dataDir?: string; drop(): Promise<void> }>,
) {
  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const target = await fresh();
    try {
      first.push(await timeStart(target.env, target.dataDir));
      restart.push(await timeStart(target.env, target.dataDir));
    } finally {
      await target.drop();
    }
  }
  console.log(
    `${label}: first start (migrate + demo) median ${ms(median(first))}; restart median ${ms(median(restart))} (runs: ${restart.map((v) => v.toFixed(0)).join(', ')} ms)`,
  );
}

export async function run(): Promise<void> {
  console.log(`process spawn to "ready", median of ${RUNS}`);
  await engineFigures('PGlite', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lantern-bench-'));
    return { env: {}, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  });
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  await engineFigures('PostgreSQL', async () => {
    const target = await createPostgresTestDatabase(adminUrl);
    return { env: { DATABASE_URL: target.url }, drop: target.drop };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
