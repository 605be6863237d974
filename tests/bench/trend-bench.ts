/**
 * The dashboard's trend against a naive full scan, on each engine, over the large dataset: the
 * monthly share of audits "at least good" for each of 20 teams over 24 months, read (a) by
 * readMetric from the pre-aggregated counts, as the dashboards do, and (b) by a GROUP BY over
 * the audits table. Both answers are compared cell by cell before any figure is printed.
 * Size with LANTERN_BENCH_AUDITS (default 1,000,000). Also reports how long rebuilding the
 * counts from the audits takes after a bulk load.
 */
import { ORGANISATION_SCOPE } from '../../server/auth/service-scope';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { fillLargeDataset } from '../../server/demo/large-dataset';
import { rebuildMetricCounts } from '../../server/aggregates/rebuild-metric-counts';
import { readMetric } from '../../server/metrics/read-metric';
import { londonDate } from '../../shared/metrics/london-date';
import { median, ms } from './statistics';
import { onEachEngine } from './bench-engines';

const AUDITS = Number(process.env.LANTERN_BENCH_AUDITS ?? 1_000_000);
const RUNS = 7;

const NAIVE_SQL = `
  SELECT team_id::text AS team, to_char(completed_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
         count(*) FILTER (WHERE overall_grade <= 1) AS k, count(overall_grade) AS n
  FROM audits
  WHERE status = 'submitted' AND NOT deleted AND team_id::text = ANY($1::text[])
    AND completed_at >= $2::date - 1 AND completed_at < $3::date + 2
    AND (completed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
  GROUP BY 1, 2`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; times: number[] }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  if (value === undefined) throw new Error('no runs');
  return { value, times };
}

async function measure(label: string, db: Database): Promise<void> {
  await migrate(db);
  await seedFirstStart(db, { demo: true });
  const now = new Date();
  const t0 = performance.now();
  await fillLargeDataset(db, { audits: AUDITS, teams: 20, months: 24, seed: 20_261_124, now });
  const fillSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const rows = await db.transaction((tx) => rebuildMetricCounts(tx));
  const rebuildSeconds = (performance.now() - t1) / 1000;
  // As autovacuum would after a bulk load: statistics, and a visibility map for index-only scans.
  await db.exec('VACUUM ANALYZE');

  const teamIds = (
    await db.query<{ id: string }>(
      "SELECT id::text AS id FROM teams WHERE name LIKE 'Bench team %' ORDER BY name",
    )
  ).map((r) => r.id);
  const to = londonDate(now.toISOString());
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - 23, 1);
  const from = londonDate(start.toISOString()).slice(0, 8) + '01';
  const definition = {
    name: 'At least good',
    source: { item: 'overall.grade' },
    passing: [0, 1] as (0 | 1)[],
    filters: { teamIds },
    bucket: 'month' as const,
  };
  const counts = await timed(() =>
    readMetric(db, { definition, scope: ORGANISATION_SCOPE, range: { from, to }, groupBy: 'team' }),
  );
  const naive = await timed(() =>
    db.query<{ team: string; month: string; k: number; n: number }>(NAIVE_SQL, [teamIds, from, to]),
  );

  // The two must agree before their times mean anything.
  const fromCounts = new Map<string, string>();
  for (const series of counts.value.series)
    for (const p of series.result.periods)
      if (p.n > 0) fromCounts.set(`${series.group}|${p.period.id}`, `${p.k}/${p.n}`);
  const fromScan = new Map(naive.value.map((r) => [`${r.team}|${r.month}`, `${r.k}/${r.n}`]));
  const agree =
    fromCounts.size === fromScan.size && [...fromScan].every(([key, v]) => fromCounts.get(key) === v);
  if (!agree)
    throw new Error(
      `${label}: the counts and the scan disagree (${fromCounts.size} vs ${fromScan.size} team-months)`,
    );

  const fast = median(counts.times);
  const slow = median(naive.times);
  console.log(
    `${label}: ${AUDITS.toLocaleString('en-GB')} audits generated in ${fillSeconds.toFixed(1)} s (counts rebuilt within it); ` +
      `a second rebuild: ${rebuildSeconds.toFixed(1)} s, ${rows.toLocaleString('en-GB')} count rows\n` +
      `  24-month trend for ${teamIds.length} teams (${fromScan.size} team-months, answers identical): ` +
      `counts median ${ms(fast)} (runs ${counts.times.map((v) => v.toFixed(1)).join(', ')} ms); ` +
      `full scan median ${ms(slow)} (runs ${naive.times.map((v) => v.toFixed(0)).join(', ')} ms); ${(slow / fast).toFixed(1)}× faster`,
  );
}

export async function run(): Promise<void> {
  await onEachEngine(measure);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
