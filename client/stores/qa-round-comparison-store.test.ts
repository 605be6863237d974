/** The round comparison store: the two rounds go as the query the route reads. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useQaRoundComparisonStore } from './qa-round-comparison-store';

const server = withFakeApi();
const FIRST = '0f8e9a52-1b3c-4c7d-8e9f-0a1b2c3d4e5f';
const SECOND = '1a9f8e7d-6c5b-4a39-8f2e-1d0c9b8a7f6e';

describe('round comparison store', () => {
  it('asks for the earlier and the later round by id, and passes a refusal on', async () => {
    server().refuse(
      'GET /api/round-comparison',
      400,
      'validation',
      'Choose two rounds of the same audit tool.',
    );
    await expect(useQaRoundComparisonStore().compare(FIRST, SECOND)).rejects.toMatchObject({
      message: 'Choose two rounds of the same audit tool.',
    });
    expect(server().calls[0]?.query).toEqual({ first: FIRST, second: SECOND });
  });
});
