/**
 * A re-imported export: the server says which of the file's changes it held already,
 * so the device can say "already on the server" instead of "14 applied".
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, draftFor, mutation, pushBody } from '../../tests/support/sync-fixtures';
import { describeImport, importResponseSchema } from '../../shared/sync/import-result';

describe.each(ENGINES)('importing an export again on $engine', (engine) => {
  const t = useTestApp(engine);
  const a = useSignedIn(t, AUDITOR_A);

  it('names the changes that had synced already, and the device says so', async () => {
    const [me] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [AUDITOR_A]);
    const [first, second] = await allocationsOf(t.db, AUDITOR_A);
    const synced = mutation(draftFor(first!, { 'plan.smart': { kind: 'question', value: 'yes' } }), 0);
    const fresh = mutation(draftFor(second!, { 'plan.smart': { kind: 'question', value: 'no' } }), 0);
    // The device synced one change after exporting both.
    expect(
      (await a.request('/api/sync/push', { method: 'POST', json: pushBody(randomUUID(), [synced]) })).status,
    ).toBe(200);
    const file = {
      format: 'lantern-audit-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      personId: me?.id,
      deviceId: randomUUID(),
      mutations: [synced, fresh],
    };
    const imported = async () =>
      importResponseSchema.parse(
        await (await a.request('/api/sync/import', { method: 'POST', json: file })).json(),
      );

    const once = await imported();
    expect(once.alreadyOnServer).toEqual([synced.mutationId]);
    expect(describeImport(once)).toBe(
      'Imported: 1 applied, 0 changed on the server since (merged on the next sync), 0 refused; 1 other was already on the server.',
    );
    const again = await imported();
    expect([...again.alreadyOnServer].sort()).toEqual([synced.mutationId, fresh.mutationId].sort());
    expect(describeImport(again)).toBe('Nothing new: the 2 changes in this file were already on the server.');
  });
});
