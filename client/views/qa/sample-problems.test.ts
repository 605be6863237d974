import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { sampleFieldOf, sampleProblems } from './sample-problems';

describe('sampleProblems', () => {
  it('ties each field the server names to its field on the screen, first message per field', () => {
    const error = new ApiError(400, 'validation_failed', 'Some of the sample settings need correcting.', [
      {
        path: 'teamIds.1',
        message: 'Choose teams from the list: this is not a team of the round’s service.',
      },
      { path: 'teamIds.2', message: 'A second unknown team.' },
      { path: 'workerIds.0', message: 'Choose workers from the list.' },
      { path: 'caseTypes.0', message: 'Choose case types from the list.' },
      { path: 'flags.0', message: 'Choose case flags from the list.' },
    ]);
    const problems = sampleProblems(error);
    expect(problems.items.map((i) => i.href)).toEqual([
      '#sample-teams',
      '#sample-teams',
      '#sample-workers',
      '#sample-case-types',
      '#sample-flags',
    ]);
    expect(problems.byField).toEqual({
      teams: 'Choose teams from the list: this is not a team of the round’s service.',
      workers: 'Choose workers from the list.',
      'case-types': 'Choose case types from the list.',
      flags: 'Choose case flags from the list.',
    });
  });

  it('puts a problem without a field on the quota, the first field', () => {
    const problems = sampleProblems(new ApiError(409, 'conflict', 'Cases are already allocated.'));
    expect(problems.items).toEqual([{ href: '#sample-quota', message: 'Cases are already allocated.' }]);
  });

  it.each([
    ['excludeAuditedWithinMonths', 'months'],
    ['openLongerThanMonths', 'open-months'],
    ['seed', 'seed'],
    ['somethingElse', 'quota'],
    [undefined, 'quota'],
  ])('%s is on the field %s', (name, field) => {
    expect(sampleFieldOf(name)).toBe(field);
  });
});
