/** A screen's first load: the words of its failure, and when it has ended. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { screenLoad } from './load-on-mount';

describe('screenLoad', () => {
  it('has no problem and has not loaded before it runs', () => {
    const { problem, loaded } = screenLoad(async () => {});
    expect(problem.value).toBeNull();
    expect(loaded.value).toBe(false);
  });

  it('is loaded, with no problem, once the load succeeds', async () => {
    const { problem, loaded, run } = screenLoad(async () => {});
    await run();
    expect(problem.value).toBeNull();
    expect(loaded.value).toBe(true);
  });

  it.each([
    {
      name: "the server's words",
      failure: new ApiError(403, 'forbidden', 'You cannot see this team.', []),
      words: 'You cannot see this team.',
    },
    {
      name: 'the offline words when the server cannot be reached',
      failure: new ApiError(0, 'network', 'Failed to fetch', []),
      words: 'Lantern cannot reach the server. Try again when you are back online.',
    },
    {
      name: 'the general words for something that is not an error',
      failure: 'nope',
      words: 'Something went wrong. Nothing was changed. Try again.',
    },
  ])('says $name when the load fails, and has still loaded', async ({ failure, words }) => {
    const { problem, loaded, run } = screenLoad(async () => {
      throw failure;
    });
    await run();
    expect(problem.value).toBe(words);
    expect(loaded.value).toBe(true);
  });

  it('clears the last failure when it runs again and succeeds', async () => {
    let fail = true;
    const { problem, run } = screenLoad(async () => {
      if (fail) throw new ApiError(500, 'internal', 'The roles could not be loaded.', []);
    });
    await run();
    fail = false;
    await run();
    expect(problem.value).toBeNull();
  });
});
