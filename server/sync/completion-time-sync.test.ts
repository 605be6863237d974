/**
 * A submission's completion time at sync: a tablet's wrong clock (a December audit
 * stamped 30 June, or a time hours ahead) is refused under `completedAt` with words the tablet
 * shows, nothing is written, and the corrected submission then applies with the server's
 * receipt time kept beside the completion time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, draftFor, mutation } from '../../tests/support/sync-fixtures';
import { submittableAnswers } from '../../tests/fixtures/case-lists/qa-steps';
import { pushInProcess } from '../../tests/support/push-in-process';
import type { MutationResult } from '../../shared/sync/protocol';

describe.each(ENGINES)('completion times at sync on $engine', (engine) => {
  const t = useTestApp(engine);
  let a: Client;
  let allocations: { id: string; case_id: string }[];
  beforeAll(async () => {
    a = await t.as(AUDITOR_A);
    allocations = await allocationsOf(t.db, AUDITOR_A);
  });

  const submit = async (index: number, completedAt: string, baseRev = 0): Promise<MutationResult> => {
    const alloc = allocations[index]!;
    const snapshot = { ...draftFor(alloc, submittableAnswers(1)), status: 'submitted' as const, completedAt };
    const [result] = (await pushInProcess(a, randomUUID(), [mutation(snapshot, baseRev)])).results;
    return result!;
  };
  const stored = (index: number) =>
    t.db.query<{ status: string; completed_at: string; received_ms: number }>(
      `SELECT status, completed_at::text, (extract(epoch FROM completed_received_at) * 1000)::float8 AS received_ms
       FROM audits WHERE id = $1`,
      [allocations[index]!.id],
    );

  it('refuses a completion time hours in the future, naming completedAt, and writes nothing', async () => {
    const ahead = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const result = await submit(0, ahead);
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'The audit cannot be submitted yet.',
      problems: [{ itemKey: 'completedAt', message: expect.stringMatching(/is later than now/) }],
    });
    expect(await stored(0)).toEqual([]);
  });

  it('refuses a December audit stamped 30 June: before the case was allocated', async () => {
    const result = await submit(1, '2026-06-30T15:00:00+01:00');
    expect(result).toMatchObject({
      status: 'rejected',
      problems: [
        {
          itemKey: 'completedAt',
          message: expect.stringMatching(
            /^The completion time, 30 June 2026 at 15:00, is before the case was allocated/,
          ),
        },
      ],
    });
    expect(await stored(1)).toEqual([]);
  });

  it('applies the corrected time and keeps the server receipt time beside it', async () => {
    expect((await submit(2, '2026-06-30T15:00:00+01:00')).status).toBe('rejected');
    const before = Date.now();
    const fixed = new Date(before).toISOString();
    expect(await submit(2, fixed)).toMatchObject({ status: 'applied', rev: 1 });
    const [row] = await stored(2);
    expect(row?.status).toBe('submitted');
    expect(row?.received_ms).toBeGreaterThan(before - 5_000);
    const [revision] = await t.db.query<{ completed_received_at: string | null }>(
      'SELECT completed_received_at::text FROM audit_revisions WHERE audit_id = $1 AND rev = 1',
      [allocations[2]!.id],
    );
    expect(revision?.completed_received_at).not.toBeNull();
  });

  it('accepts a tablet a couple of minutes fast', async () => {
    const fast = new Date(Date.now() + 2 * 60_000).toISOString();
    expect(await submit(3, fast)).toMatchObject({ status: 'applied' });
  });
});
