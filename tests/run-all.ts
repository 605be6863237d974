/**
 * `npm test`: every gate in order — format, lint, types, unit and in-process server tests
 * (vitest, on PGlite and, when DATABASE_URL is set, PostgreSQL), the client build, and the
 * end-to-end tests in Chromium — then one closing line "lantern: N passed, N failed".
 * A run that executed no test fails.
 *
 * LANTERN_TEST_LOAD=N runs the whole suite beside N CPU-bound processes (started first,
 * stopped at the end), to prove it stays green on a busy machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import {
  playwrightCounts,
  playwrightFailures,
  vitestCounts,
  vitestFailures,
  type PlaywrightResults,
  type VitestResults,
} from './support/result-files';

interface Step {
  name: string;
  command: string[];
  /** Reads the step's result file: [passed, failed, skipped]. */
  count?: () => [number, number, number];
  /** The tests that failed, as "file › name", read from the same file. */
  failures?: () => string[];
  /**
   * Runs beside the other such steps, before the tests: format, lint, types and the client
   * build read the sources and write nothing another reads (the build's dist/ is ignored by
   * the other three), and each is mostly one process on one core. Their output is shown
   * whole, step by step, once each ends.
   */
  together?: boolean;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const only = process.argv.slice(2);
// One name for this run's end-to-end servers, so their logs can be checked afterwards.
const e2eRun = (process.env.LANTERN_E2E_RUN ??= `${Date.now()}-${process.pid}`);
const steps: Step[] = [
  { name: 'format', command: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'], together: true },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'], together: true },
  { name: 'types', command: ['npx', 'vue-tsc', '--noEmit', '-p', 'tsconfig.json'], together: true },
  { name: 'build', command: ['npx', 'vite', 'build', '--logLevel', 'warn'], together: true },
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
    count: () => vitestCounts(readJson<VitestResults>('test-results/unit.json')),
    failures: () => vitestFailures(readJson<VitestResults>('test-results/unit.json'), process.cwd()),
  },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test'],
    count: () => playwrightCounts(readJson<PlaywrightResults>('test-results/e2e.json')),
    failures: () => playwrightFailures(readJson<PlaywrightResults>('test-results/e2e.json')),
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
/** Every failed test by name, repeated at the end where a log's tail still shows it. */
const failedTests: string[] = [];
const started = Date.now();

/** Runs a step; a step run beside others keeps its output until it ends. */
function run(step: Step, beside: boolean): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.command[0] ?? 'npx', step.command.slice(1), {
      stdio: beside ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: process.env,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ ok: false, output: `${output}${String(error)}\n` }));
    child.once('close', (code) => resolve({ ok: code === 0, output }));
  });
}

function finish(step: Step, ok: boolean, t0: number): void {
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
  if (step.failures) {
    try {
      failedTests.push(...step.failures().map((name) => `${step.name}: ${name}`));
    } catch {
      // No result file: the step's own output says why.
    }
  }
  if (!ok) failedSteps.push(step.name);
  console.log(`── ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const wanted = steps.filter(
  (step) =>
    only.length === 0 || only.includes(step.name) || (step.name === 'log-hygiene' && only.includes('e2e')),
);
const together = wanted.filter((step) => step.together);
if (together.length > 0) {
  const t0 = Date.now();
  console.log(`\n── together: ${together.map((step) => step.name).join(', ')}`);
  await Promise.all(
    together.map(async (step) => {
      const { ok, output } = await run(step, together.length > 1);
      console.log(`\n── ${step.name}: ${step.command.join(' ')}`);
      if (output) process.stdout.write(output);
      finish(step, ok, t0);
    }),
  );
}
for (const step of wanted.filter((s) => !s.together)) {
  const t0 = Date.now();
  console.log(`\n── ${step.name}: ${step.command.join(' ')}`);
  const { ok } = await run(step, false);
  finish(step, ok, t0);
}
const engines = process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite';
const under = load.length > 0 ? ` Under a load of ${load.length} CPU-bound processes.` : '';
console.log(`\nEngines: ${engines}.${under} Took ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
if (failedTests.length > 0)
  console.log(`Tests that failed or needed a retry:\n${failedTests.map((t) => `  ${t}`).join('\n')}`);
if (passed + failed === 0 && only.every((s) => s === 'unit' || s === 'e2e')) {
  console.log('No test was executed: that is a failure.');
  failedSteps.push('no-tests');
}
console.log(`lantern: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
