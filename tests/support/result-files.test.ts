import { describe, expect, it } from 'vitest';
import {
  playwrightCounts,
  playwrightFailures,
  vitestCounts,
  vitestFailures,
  type PlaywrightResults,
  type VitestResults,
} from './result-files';

describe('the result files npm test reads', () => {
  const vitest: VitestResults = {
    numPassedTests: 3,
    numFailedTests: 1,
    numPendingTests: 1,
    numTodoTests: 1,
    testResults: [
      {
        name: '/repo/server/a.test.ts',
        status: 'failed',
        assertionResults: [
          { fullName: 'routes on pglite answers', status: 'passed' },
          { fullName: 'routes on pglite refuses', status: 'failed' },
        ],
      },
      {
        name: '/repo/server/b.test.ts',
        status: 'failed',
        message: 'Hook timed out in 60000ms\n  at beforeAll',
        assertionResults: [],
      },
      {
        name: '/repo/shared/c.test.ts',
        status: 'passed',
        assertionResults: [{ fullName: 'c', status: 'passed' }],
      },
    ],
  };

  it('names each failed unit test by file, and a file that failed outside its tests by its message', () => {
    expect(vitestCounts(vitest)).toEqual([3, 1, 2]);
    expect(vitestFailures(vitest, '/repo')).toEqual([
      'server/a.test.ts › routes on pglite refuses',
      'server/b.test.ts › Hook timed out in 60000ms',
    ]);
  });

  it('names each failed end-to-end test, and each that passed only on a retry, in nested suites', () => {
    const e2e: PlaywrightResults = {
      stats: { expected: 2, unexpected: 1, flaky: 1, skipped: 0 },
      suites: [
        {
          specs: [{ title: 'signs in', file: 'sign-in.spec.ts', line: 14, tests: [{ status: 'expected' }] }],
          suites: [
            {
              specs: [
                { title: 'syncs', file: 'sync.spec.ts', line: 9, tests: [{ status: 'unexpected' }] },
                { title: 'reloads', file: 'sync.spec.ts', line: 30, tests: [{ status: 'flaky' }] },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightCounts(e2e)).toEqual([3, 1, 0]);
    expect(playwrightFailures(e2e)).toEqual([
      'sync.spec.ts:9 › syncs',
      'sync.spec.ts:30 › reloads (flaky: passed on a retry)',
    ]);
  });
});
