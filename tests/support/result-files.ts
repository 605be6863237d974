/**
 * What `npm test` (tests/run-all.ts) reads from the result files vitest and Playwright write:
 * the counts for its closing line, and the name of every test that failed, so the last lines of
 * a long log (all a CI record may keep) still say which test to look at.
 */

/** Vitest's JSON reporter, the fields read here. */
export interface VitestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

/** Playwright's JSON reporter, the fields read here. */
export interface PlaywrightSuite {
  specs?: { title: string; file: string; line: number; tests: { status: string }[] }[];
  suites?: PlaywrightSuite[];
}
export interface PlaywrightResults extends PlaywrightSuite {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

export type Counts = [passed: number, failed: number, skipped: number];

export function vitestCounts(r: VitestResults): Counts {
  return [r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests];
}

/** "file › describe › test" for each failed test; a file that failed outside any test, by its first line. */
export function vitestFailures(r: VitestResults, root: string): string[] {
  return r.testResults.flatMap((file) => {
    const where = file.name.startsWith(`${root}/`) ? file.name.slice(root.length + 1) : file.name;
    const tests = file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => `${where} › ${t.fullName}`);
    if (tests.length > 0 || file.status !== 'failed') return tests;
    return [`${where} › ${file.message?.split('\n')[0] || 'failed outside its tests'}`];
  });
}

/** A flaky test passed on its retry: it counts as passed, and is still named. */
export function playwrightCounts(r: PlaywrightResults): Counts {
  return [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped];
}

/** "file:line › title" for each test that failed, or failed before passing on a retry. */
export function playwrightFailures(suite: PlaywrightSuite): string[] {
  return [
    ...(suite.specs ?? []).flatMap((spec) => {
      if (spec.tests.some((t) => t.status === 'unexpected'))
        return [`${spec.file}:${spec.line} › ${spec.title}`];
      if (spec.tests.some((t) => t.status === 'flaky'))
        return [`${spec.file}:${spec.line} › ${spec.title} (flaky: passed on a retry)`];
      return [];
    }),
    ...(suite.suites ?? []).flatMap(playwrightFailures),
  ];
}
