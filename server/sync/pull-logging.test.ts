/**
 * A pull hands a device the full content of its audits, so it is in the audit log:
 * one row per pull that returned audits, naming them; a poll that found nothing adds none.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, draftFor, mutation } from '../../tests/support/sync-fixtures';
import { pullUntil } from '../../tests/fixtures/case-lists/qa-steps';
import { pushInProcess } from '../../tests/support/push-in-process';
import type { PullResponse } from '../../shared/sync/protocol';

describe.each(ENGINES)('pull logging on $engine', (engine) => {
  const t = useTestApp(engine);
  const a = useSignedIn(t, AUDITOR_A);

  const pulledRows = () =>
    t.db.query<{ detail: { count: number; auditIds: string[] }; ip: string }>(
      `SELECT l.detail, l.ip FROM audit_log l JOIN people p ON p.id = l.actor_id
       WHERE l.action = 'sync.pulled' AND p.email = $1 ORDER BY l.id`,
      [AUDITOR_A],
    );

  it('logs a pull that returned audits, with their ids, and not a pull that returned none', async () => {
    const [first, second] = await allocationsOf(t.db, AUDITOR_A);
    await pushInProcess(a, randomUUID(), [mutation(draftFor(first!), 0), mutation(draftFor(second!), 0)]);
    const ids = [first!.id, second!.id];
    const page: PullResponse = await pullUntil(
      a,
      (p) => ids.every((id) => p.audits.some((audit) => audit.id === id)) && !p.hasMore,
    );
    const before = (await pulledRows()).length;
    expect(before).toBeGreaterThanOrEqual(1);
    const [last] = (await pulledRows()).slice(-1);
    expect(last?.detail.count).toBe(page.audits.length);
    expect([...(last?.detail.auditIds ?? [])].sort()).toEqual(page.audits.map((audit) => audit.id).sort());
    expect(last?.detail.auditIds).toEqual(expect.arrayContaining(ids));
    expect(last?.ip).toBe('192.0.2.10');

    // From the checkpoint: nothing new, nothing logged.
    const again = await a.request(`/api/sync/pull?${new URLSearchParams({ checkpoint: page.checkpoint })}`);
    expect(((await again.json()) as PullResponse).audits).toEqual([]);
    expect((await pulledRows()).length).toBe(before);
  });
});
