/**
 * One pushed mutation, applied in its own transaction (DESIGN.md, "Sync contract"). This is
 * the bookkeeping common to every kind of mutation; what a kind changes, and who may change
 * it, is its step in `mutations/` (`audit.put`: mutations/put-audit.ts), which answers and
 * names its writes without recording anything itself.
 * - the same mutationId again returns the first answer and writes nothing: the answer is
 *   recorded in sync_mutations as the transaction's last statement, and when that id is
 *   already there (a retry, or a concurrent twin that committed first: the insert waits for
 *   it) the transaction rolls back and the recorded answer is returned;
 * - a conflict (a stale baseRev) returns the server's version, and a rejection its reason;
 *   both are recorded with the refused snapshot, and never block the rest of the push;
 * - a mutation that cannot be read, or holds what the database cannot store (see
 *   storable-json.ts), is rejected here before any step sees it, and recorded when it names a
 *   mutation id;
 * - an applied change's writes (its revision in audit_revisions, with who and which device,
 *   and its audit-log row) commit with the answer, in the same transaction.
 * Round trips are kept few (a push's throughput is bound by them): an edit reads and locks
 * the row once, works out the new document from it, and writes the row, its revision and its
 * log row in the statement that records the answer: four round trips with BEGIN and COMMIT.
 */
import type { Database, Queryable } from '../db/database';
import { joinSql, rawSql, sql } from '../db/sql';
import { mutationSchema, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import { findUnstorable, storableCopy } from './storable-json';
import { rejected, type Decision, type PushContext } from './mutations/decision';
import { putAudit } from './mutations/put-audit';

/** One step per kind of mutation. */
const STEPS: Record<
  Mutation['type'],
  (tx: Queryable, ctx: PushContext, mutation: Mutation) => Promise<Decision>
> = {
  'audit.put': putAudit,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REUSED_ID = 'This change id was already used for another change.';

export async function applyMutation(db: Database, ctx: PushContext, raw: unknown): Promise<MutationResult> {
  // Only a string is an id (String() on a hostile object can throw, or invent one).
  const claimedId =
    typeof raw === 'object' && raw !== null && 'mutationId' in raw && typeof raw.mutationId === 'string'
      ? raw.mutationId
      : '';
  // Before anything parses or stores it: what jsonb cannot hold would fail the whole push.
  const unstorable = findUnstorable(raw);
  if (unstorable) {
    const result = rejected(
      claimedId,
      'This change contains something that cannot be saved, so it was not saved on the server.',
      [{ itemKey: unstorable.path, message: unstorable.message }],
    );
    if (UUID.test(claimedId)) await recordRefusal(db, ctx, claimedId, result, raw);
    return result;
  }
  const parsed = mutationSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      itemKey: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const result = rejected(
      claimedId,
      'This change could not be read, so it was not saved on the server.',
      problems,
    );
    // Recorded when it at least names a mutation id, so a retry gets the same answer.
    if (UUID.test(claimedId)) await recordRefusal(db, ctx, claimedId, result, raw);
    return result;
  }
  const mutation = parsed.data;
  try {
    return await db.transaction(async (tx) => {
      const { result, writes } = await STEPS[mutation.type](tx, ctx, mutation);
      // The answer is recorded last, in one statement with the writes it made (the audit row,
      // its revision, the log row). When the same mutationId was recorded first (a retry, or a
      // twin request that committed while this one waited on the audit's row lock), nothing is
      // inserted: roll back whatever this attempt wrote, and answer as the first one was answered.
      const record = sql`INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
        VALUES (${mutation.mutationId}, ${ctx.person.id}, ${ctx.deviceId}, ${mutation.snapshot.id}, ${result.status},
          ${JSON.stringify(result)}::jsonb, ${result.status === 'applied' ? null : JSON.stringify(mutation.snapshot)}::jsonb)
        ON CONFLICT (mutation_id) DO NOTHING RETURNING mutation_id`;
      const ctes = writes.map((write, i) => sql`${rawSql(`w${i}`)} AS (${write})`);
      const statement = ctes.length > 0 ? sql`WITH ${joinSql(ctes, ', ')} ${record}` : record;
      const recorded = await tx.query(statement.text, statement.values, { prepare: true });
      if (recorded.length === 0) throw new AnsweredBefore();
      return result;
    });
  } catch (error) {
    if (!(error instanceof AnsweredBefore)) throw error;
    return (
      (await findPrevious(db, mutation.mutationId, ctx.person.id)) ?? rejected(mutation.mutationId, REUSED_ID)
    );
  }
}

/** Thrown inside the transaction to roll it back: the mutation had been answered already. */
class AnsweredBefore extends Error {
  override readonly name = 'AnsweredBefore';
}

/** The answer recorded for this mutation id, if any; another person's id is never theirs to reuse. */
async function findPrevious(
  db: Queryable,
  mutationId: string,
  personId: string,
): Promise<MutationResult | null> {
  const query = sql`SELECT result, person_id FROM sync_mutations WHERE mutation_id = ${mutationId}`;
  const [row] = await db.query<{ result: MutationResult; person_id: string }>(query.text, query.values);
  if (!row) return null;
  if (row.person_id !== personId) return rejected(mutationId, REUSED_ID);
  return row.result;
}

/** Records a mutation refused before any step saw it, unless its id was recorded already. */
async function recordRefusal(
  db: Database,
  ctx: PushContext,
  mutationId: string,
  result: MutationResult,
  raw: unknown,
): Promise<void> {
  // What was refused is kept, as far as it can be stored.
  const snapshot = JSON.stringify(storableCopy(raw ?? null));
  const query = sql`INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
    VALUES (${mutationId}, ${ctx.person.id}, ${ctx.deviceId}, NULL, 'rejected', ${JSON.stringify(result)}::jsonb,
      ${snapshot}::jsonb)
    ON CONFLICT (mutation_id) DO NOTHING`;
  await db.query(query.text, query.values);
}
