/**
 * The common edit is decided from its row read without a lock and written only if the row is
 * still as read (apply-mutation.ts, `applyUnlocked`). Here another write lands between that read
 * and that write, on each engine: the unlocked write must not stand, and the mutation is decided
 * again, locked, from the row as it now is: the answer and everything written are as if the
 * other write had come first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, draftFor, mutation } from '../../tests/support/sync-fixtures';
import type { Database } from '../db/database';
import type { PushContext } from './mutations/decision';
import { applyMutation, applyMutations } from './apply-mutation';

/** The database, but `between` runs (on the real one) right after the unlocked read of a row. */
function interleaved(
  db: Database,
  between: () => Promise<void>,
): Database & { reads: number; editWrites: number } {
  const wrapped = {
    ...db,
    reads: 0,
    /** Statements that wrote edits (mutations/edit-writes.ts). */
    editWrites: 0,
    engine: db.engine,
    transaction: db.transaction.bind(db),
    close: db.close.bind(db),
    exec: db.exec.bind(db),
    async query<T>(text: string, params?: readonly unknown[], options?: { prepare?: boolean }): Promise<T[]> {
      if (/jsonb_to_recordset/.test(text)) wrapped.editWrites++;
      const rows = await db.query<T>(text, params, options);
      if (/AS row_xid/.test(text) && !/FOR UPDATE/.test(text)) {
        wrapped.reads++;
        await between();
      }
      return rows;
    },
  };
  return wrapped;
}

describe.each(ENGINES)('an edit decided without a lock, on $engine', (engine) => {
  const t = useTestApp(engine);
  let ctx: PushContext;
  let allocations: { id: string; case_id: string }[];
  beforeAll(async () => {
    allocations = await allocationsOf(t.db, AUDITOR_A);
    const [person] = await t.db.query<{ id: string; display_name: string }>(
      'SELECT id, display_name FROM people WHERE email = $1',
      [AUDITOR_A],
    );
    ctx = {
      person: {
        id: person!.id,
        email: AUDITOR_A,
        name: person!.display_name,
        jobTitle: '',
        roles: ['auditor'],
        teamId: null,
        serviceId: null,
      },
      deviceId: randomUUID(),
      ip: '127.0.0.1',
      userAgent: 'test',
    };
  });

  /** A fresh audit at rev 1 (created through the push). */
  async function createdAudit(index: number) {
    const alloc = allocations[index]!;
    const created = await applyMutation(t.db, ctx, mutation(draftFor(alloc), 0));
    expect(created.status).toBe('applied');
    return alloc;
  }
  const revisions = async (auditId: string) =>
    (
      await t.db.query<{ rev: number }>('SELECT rev FROM audit_revisions WHERE audit_id = $1 ORDER BY rev', [
        auditId,
      ])
    ).map((r) => r.rev);
  const logged = async (auditId: string) =>
    (
      await t.db.query<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity_type = 'audit' AND entity_id = $1 ORDER BY id",
        [auditId],
      )
    ).map((r) => r.action);

  it('edits in two statements and no transaction when nothing else writes the row', async () => {
    const alloc = await createdAudit(0);
    const db = interleaved(t.db, async () => undefined);
    let transactions = 0;
    db.transaction = (fn, options) => {
      transactions++;
      return t.db.transaction(fn, options);
    };
    const edit = mutation(draftFor(alloc, { 'plan.evidence': { kind: 'text', value: 'first' } }), 1);
    const result = await applyMutation(db, ctx, edit);
    expect(result).toMatchObject({ status: 'applied', rev: 2 });
    expect(db.reads).toBe(1);
    expect(transactions).toBe(0);
    expect(await revisions(alloc.id)).toEqual([1, 2]);
    // The answer's document is the row as written, and the retry gets the same answer.
    const [row] = await t.db.query<{ updated_at: string; rev: number }>(
      'SELECT updated_at, rev FROM audits WHERE id = $1',
      [alloc.id],
    );
    expect(result.status === 'applied' && result.doc.updatedAt).toBe(row?.updated_at);
    expect(await applyMutation(db, ctx, edit)).toEqual(result);
    expect(await revisions(alloc.id)).toEqual([1, 2]);
  });

  it('decides again, locked, when the row changed without a new revision (a moderator returning a note)', async () => {
    const alloc = await createdAudit(1);
    const db = interleaved(t.db, async () => {
      await t.db.query("UPDATE audits SET returned_note = 'Please add the plan.' WHERE id = $1", [alloc.id]);
    });
    const result = await applyMutation(
      db,
      ctx,
      mutation(draftFor(alloc, { 'plan.evidence': { kind: 'text', value: 'second' } }), 1),
    );
    // Decided from the row as read, the answer would not carry the note the row now holds.
    expect(result).toMatchObject({
      status: 'applied',
      rev: 2,
      doc: { returnedNote: 'Please add the plan.' },
    });
    expect(await revisions(alloc.id)).toEqual([1, 2]);
    expect(await logged(alloc.id)).toEqual(['audit.create', 'audit.update']);
  });

  it('answers a conflict, writing nothing of its own, when another edit took the revision in between', async () => {
    const alloc = await createdAudit(2);
    let once = false;
    const db = interleaved(t.db, async () => {
      if (once) return;
      once = true;
      const other = await applyMutation(
        t.db,
        ctx,
        mutation(draftFor(alloc, { 'plan.evidence': { kind: 'text', value: 'the other device' } }), 1),
      );
      expect(other.status).toBe('applied');
    });
    const mine = mutation(draftFor(alloc, { 'plan.evidence': { kind: 'text', value: 'this device' } }), 1);
    const result = await applyMutation(db, ctx, mine);
    expect(result).toMatchObject({
      status: 'conflict',
      server: { rev: 2, answers: { 'plan.evidence': { value: 'the other device' } } },
    });
    expect(await revisions(alloc.id)).toEqual([1, 2]);
    expect(await logged(alloc.id)).toEqual(['audit.create', 'audit.update']);
    const [recorded] = await t.db.query<{ outcome: string }>(
      'SELECT outcome FROM sync_mutations WHERE mutation_id = $1',
      [mine.mutationId],
    );
    expect(recorded?.outcome).toBe('conflict');
  });

  it('answers a mutation id recorded in between with its first answer, writing nothing', async () => {
    const alloc = await createdAudit(3);
    const edit = mutation(draftFor(alloc, { 'plan.evidence': { kind: 'text', value: 'twice' } }), 1);
    let first: unknown = null;
    const db = interleaved(t.db, async () => {
      if (first) return;
      // The twin (the same push sent again) commits between this one's read and write.
      first = await applyMutation(t.db, ctx, edit);
    });
    const result = await applyMutation(db, ctx, edit);
    expect(first).toMatchObject({ status: 'applied', rev: 2 });
    expect(result).toEqual(first);
    expect(await revisions(alloc.id)).toEqual([1, 2]);
    expect(await logged(alloc.id)).toEqual(['audit.create', 'audit.update']);
  });

  it("reads a push's rows in one statement, and decides again, locked, one that changed after that read", async () => {
    const audits = [await createdAudit(4), await createdAudit(5), await createdAudit(6)];
    const changed = audits[1]!;
    const db = interleaved(t.db, async () => {
      if (db.reads === 1)
        await t.db.query("UPDATE audits SET returned_note = 'Changed after the read.' WHERE id = $1", [
          changed.id,
        ]);
    });
    const results = await applyMutations(
      db,
      ctx,
      audits.map((a) =>
        mutation(draftFor(a, { 'plan.evidence': { kind: 'text', value: 'in one push' } }), 1),
      ),
    );
    expect(db.reads).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(results[0]).toMatchObject({ rev: 2, doc: { returnedNote: null } });
    expect(results[1]).toMatchObject({ rev: 2, doc: { returnedNote: 'Changed after the read.' } });
    for (const audit of audits) expect(await revisions(audit.id)).toEqual([1, 2]);
  });

  it("writes a push's edits in one statement, each with its revision, log row and answer", async () => {
    const audits = [await createdAudit(7), await createdAudit(8), await createdAudit(9)];
    const db = interleaved(t.db, () => Promise.resolve());
    const pushed = audits.map((a, i) =>
      mutation(draftFor(a, { 'plan.evidence': { kind: 'text', value: `together ${i}` } }), 1),
    );
    const results = await applyMutations(db, ctx, pushed);
    expect(db.reads).toBe(1);
    expect(db.editWrites).toBe(1);
    expect(results.map((r) => [r.mutationId, r.status])).toEqual(
      pushed.map((m) => [m.mutationId, 'applied']),
    );
    for (const [i, audit] of audits.entries()) {
      expect(await revisions(audit.id)).toEqual([1, 2]);
      expect(await logged(audit.id)).toEqual(['audit.create', 'audit.update']);
      const [row] = await t.db.query<{ rev: number; answers: Record<string, { value: string }> }>(
        'SELECT rev, answers FROM audits WHERE id = $1',
        [audit.id],
      );
      expect(row).toMatchObject({ rev: 2, answers: { 'plan.evidence': { value: `together ${i}` } } });
    }
    const recorded = await t.db.query<{ outcome: string }>(
      'SELECT outcome FROM sync_mutations WHERE mutation_id = ANY ($1::uuid[])',
      [pushed.map((m) => m.mutationId)],
    );
    expect(recorded.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
  });

  it('writes nothing of a push whose edits were answered before, and answers each as first answered', async () => {
    const audits = [await createdAudit(10), await createdAudit(11)];
    const pushed = audits.map((a) =>
      mutation(draftFor(a, { 'plan.evidence': { kind: 'text', value: 'sent twice' } }), 1),
    );
    const first = await applyMutations(t.db, ctx, pushed);
    const again = await applyMutations(t.db, ctx, pushed);
    expect(again).toEqual(first);
    for (const audit of audits) expect(await revisions(audit.id)).toEqual([1, 2]);
  });
});
