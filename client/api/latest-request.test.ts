import { describe, expect, it } from 'vitest';
import { latestRequest } from './latest-request';

describe('latestRequest', () => {
  it('keeps only the answer to the latest request, whatever order the answers arrive in', async () => {
    const latest = latestRequest();
    let shown = '';
    const answer = (value: string, ms: number) => new Promise<string>((r) => setTimeout(() => r(value), ms));
    const load = async (value: string, ms: number) => {
      const ticket = latest.next();
      const got = await answer(value, ms);
      if (latest.isCurrent(ticket)) shown = got;
    };
    await Promise.all([load('all rounds', 30), load('one round', 5)]);
    expect(shown).toBe('one round');
  });
});
