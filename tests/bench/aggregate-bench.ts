/**
 * A grade aggregate over the large generated dataset on each engine: the monthly share of
 * audits "at least good" per team over the last 24 months, straight from the audits table.
 * Size with LANTERN_BENCH_AUDITS (default 1,000,000). Generation time is reported too.
 */
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { fillLargeDataset } from '../../server/demo/large-dataset';
import { median, ms } from './statistics';
import { onEachEngine } from './bench-engines';

const AUDITS = Number(process.env.LANTERN_BENCH_AUDITS ?? 1_000_000);
const RUNS = 5;

export const TREND_BY_TEAM_SQL = `
  SELECT team_id, to_char(completed_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
         count(*) FILTER (WHERE overall_grade <= 1) AS k, count(overall_grade) AS n
  FROM audits
  WHERE status = 'submitted' AND NOT deleted AND completed_at >= $1
  GROUP BY 1, 2`;

async function measure(label: string, db: Database): Promise<void> {
  await migrate(db);
  await seedFirstStart(db, { demo: true });
  const now = new Date();
  const t0 = performance.now();
  await fillLargeDataset(db, { audits: AUDITS, teams: 20, months: 24, seed: 11, now });
  const fillSeconds = (performance.now() - t0) / 1000;
  await db.exec('ANALYZE');
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - 24);
  const times: number[] = [];
  let groups = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    groups = (await db.query(TREND_BY_TEAM_SQL, [since.toISOString()])).length;
    times.push(performance.now() - t);
  }
  console.log(
    `${label}: generated ${AUDITS.toLocaleString('en-GB')} audits in ${fillSeconds.toFixed(1)} s; 24-month trend by team (${groups} team-months) median ${ms(median(times))} (runs: ${times.map((v) => v.toFixed(0)).join(', ')} ms)`,
  );
}

export async function run(): Promise<void> {
  await onEachEngine(measure);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
