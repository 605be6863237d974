/**
 * `npm test`: every gate in order — format, lint, types, unit and in-process server tests
 * (vitest, on PGlite and, when DATABASE_URL is set, PostgreSQL), the client build, and the
 * end-to-end tests in Chromium — then one closing line "lantern: N passed, N failed".
 * A run that executed no test fails.
 *
 * LANTERN_TEST_LOAD=N runs the whole suite beside N CPU-bound processes (started first,
 * stopped at the end), to prove it stays green on a busy machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

interface Step {
  name: string;
  command: string[];
  /** Reads the step's result file: [passed, failed, skipped]. */
  count?: () => [number, number, number];
}

const only = process.argv.slice(2);
// One name for this run's end-to-end servers, so their logs can be checked afterwards.
const e2eRun = (process.env.LANTERN_E2E_RUN ??= `${Date.now()}-${process.pid}`);
const steps: Step[] = [
  { name: 'format', command: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'types', command: ['npx', 'vue-tsc', '--noEmit', '-p', 'tsconfig.json'] },
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    count: () => {
      const r = JSON.parse(readFileSync('test-results/unit.json', 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
      };
      return [r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests];
    },
  },
  { name: 'build', command: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test'],
    count: () => {
      const r = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      };
      return [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped];
    },
  },
  // Every server log of that run: no note, password, token or cookie (server/log/logger.ts).
  { name: 'log-hygiene', command: ['npx', 'tsx', 'tests/log-hygiene/check-run-logs.ts', e2eRun] },
];

/**
 * Busy loops competing for the CPU. Each spins in slices and ends itself once this process is
 * gone, so a run killed before it could stop them leaves none behind.
 */
function startLoad(count: number): ChildProcess[] {
  const spin = `const parent = process.ppid;
    const slice = () => {
      const until = Date.now() + 200;
      while (Date.now() < until);
      try { process.kill(parent, 0); } catch { process.exit(0); }
      setImmediate(slice);
    };
    slice();`;
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
}
const load = startLoad(Number(process.env.LANTERN_TEST_LOAD ?? 0) || 0);
if (load.length > 0) console.log(`Competing load: ${load.length} CPU-bound processes.`);
process.once('exit', () => {
  for (const child of load) child.kill('SIGKILL');
});

for (const file of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(file, { force: true });
let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps: string[] = [];
const started = Date.now();
for (const step of steps) {
  const wanted = only.includes(step.name) || (step.name === 'log-hygiene' && only.includes('e2e'));
  if (only.length > 0 && !wanted) continue;
  const t0 = Date.now();
  console.log(`\n── ${step.name}: ${step.command.join(' ')}`);
  const result = spawnSync(step.command[0] ?? 'npx', step.command.slice(1), {
    stdio: 'inherit',
    env: process.env,
  });
  const ok = result.status === 0;
  if (step.count) {
    try {
      const [p, f, s] = step.count();
      passed += p;
      failed += f;
      skipped += s;
    } catch {
      failed += 1;
    }
  }
  if (!ok) failedSteps.push(step.name);
  console.log(`── ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const engines = process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite';
const under = load.length > 0 ? ` Under a load of ${load.length} CPU-bound processes.` : '';
console.log(`\nEngines: ${engines}.${under} Took ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
if (passed + failed === 0 && only.every((s) => s === 'unit' || s === 'e2e')) {
  console.log('No test was executed: that is a failure.');
  failedSteps.push('no-tests');
}
console.log(`lantern: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
