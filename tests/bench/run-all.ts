/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. Benchmarks are
 * not tests: they assert nothing, and their figures go into docs/PERFORMANCE.md by hand
 * with the date and machine. `npm run bench -- startup` runs only the named ones.
 */
import { cpus, totalmem } from 'node:os';

const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  metric: () => import('./metric-bench'),
  startup: () => import('./startup-bench'),
  aggregate: () => import('./aggregate-bench'),
  sync: () => import('./sync-bench'),
  trend: () => import('./trend-bench'),
  auditor: () => import('./auditor-bench'),
  'slow-network': () => import('./slow-network-bench'),
  import: () => import('./import-bench'),
  'people-import': () => import('./people-import-bench'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Lantern benchmarks — ${new Date().toISOString()} — ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const [name, load] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).run();
}
