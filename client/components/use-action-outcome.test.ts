import { describe, expect, it, vi } from 'vitest';
import { useActionOutcome } from './use-action-outcome';

describe('useActionOutcome', () => {
  it('says what the action did and loads the screen again', async () => {
    const reload = vi.fn(async () => {});
    const { problem, done, act } = useActionOutcome(reload);
    await act(async () => 'Case 1 allocated.');
    expect(done.value).toBe('Case 1 allocated.');
    expect(problem.value).toBeNull();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('turns a failed action into the problem, clears the last words and does not reload', async () => {
    const reload = vi.fn(async () => {});
    const { problem, done, act } = useActionOutcome(reload);
    await act(async () => 'Case 1 allocated.');
    await act(async () => {
      throw new Error('Choose an auditor first.');
    });
    expect(problem.value).toBe('Choose an auditor first.');
    expect(done.value).toBeNull();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('keeps the words of an action that worked when the load after it fails', async () => {
    const { problem, done, act } = useActionOutcome(async () => {
      throw new Error('The round could not be loaded.');
    });
    await act(async () => 'Case 1 withdrawn.');
    expect(done.value).toBe('Case 1 withdrawn.');
    expect(problem.value).toBe('The round could not be loaded.');
  });
});
