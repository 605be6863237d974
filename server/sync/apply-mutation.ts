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
 * Statements are kept few (a push's throughput is bound by them: on two cores, mostly by the
 * CPU of sending them): an edit reads and locks the row once, works out the new document from
 * it, and writes the row, its revision and its log row in the statement that records the
 * answer: four round trips with BEGIN and COMMIT. The common edit of a draft needs no
 * transaction at all (`applyUnlocked`): two statements, the unlocked read and a write guarded
 * on the row being still as read; whatever that cannot decide goes the locked way.
 */
import type { Database, Queryable } from '../db/database';
import { joinSql, rawSql, sql, type Sql } from '../db/sql';
import { mutationSchema, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import { findUnstorable, storableCopy } from './storable-json';
import { rejected, type Decision, type PushContext } from './mutations/decision';
import { putAudit, putAuditUnlocked, readAuditsAhead, type ReadAhead } from './mutations/put-audit';

/** One step per kind of mutation. */
const STEPS: Record<
  Mutation['type'],
  (tx: Queryable, ctx: PushContext, mutation: Mutation) => Promise<Decision>
> = {
  'audit.put': putAudit,
};

/**
 * A kind's decision made without a transaction, when it can be (null when not): see
 * `applyUnlocked`.
 */
const UNLOCKED_STEPS: Partial<
  Record<
    Mutation['type'],
    (db: Queryable, ctx: PushContext, mutation: Mutation, readAhead?: ReadAhead) => Promise<Decision | null>
  >
> = {
  'audit.put': putAuditUnlocked,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REUSED_ID = 'This change id was already used for another change.';

/**
 * A push's (or an imported file's) mutations, in order: a device's later mutation of an audit
 * builds on its earlier one. The rows of the audits they edit are read ahead in one statement.
 */
export async function applyMutations(
  db: Database,
  ctx: PushContext,
  raws: readonly unknown[],
): Promise<MutationResult[]> {
  const readAhead = (await readAuditsAhead(db, ctx, raws)) ?? undefined;
  const results: MutationResult[] = [];
  for (const raw of raws) results.push(await applyMutation(db, ctx, raw, readAhead));
  return results;
}

export async function applyMutation(
  db: Database,
  ctx: PushContext,
  raw: unknown,
  readAhead?: ReadAhead,
): Promise<MutationResult> {
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
  const unlocked = await applyUnlocked(db, ctx, mutation, readAhead);
  if (unlocked) return unlocked;
  try {
    return await db.transaction(async (tx) => {
      const decision = await STEPS[mutation.type](tx, ctx, mutation);
      // The answer is recorded last, in one statement with the writes it made (the audit row,
      // its revision, the log row). When the same mutationId was recorded first (a retry, or a
      // twin request that committed while this one waited on the audit's row lock), nothing is
      // inserted: roll back whatever this attempt wrote, and answer as the first one was answered.
      const statement = recordStatement(ctx, mutation, decision);
      const recorded = await tx.query(statement.text, statement.values, { prepare: true });
      if (recorded.length === 0) throw new AnsweredBefore();
      return decision.result;
    });
  } catch (error) {
    if (!(error instanceof AnsweredBefore)) throw error;
    return (
      (await findPrevious(db, mutation.mutationId, ctx.person.id)) ?? rejected(mutation.mutationId, REUSED_ID)
    );
  }
}

/**
 * The common edit in two round trips, no transaction: its row read without a lock, the edit
 * decided from it, then one statement that writes the row only if it is still as read (its
 * guard), with its revision, its log row and its answer. Null, having written nothing, when the
 * kind cannot decide so (see put-audit.ts), or when the statement fails on an integrity rule:
 * the guard found the row changed (the answer's outcome is then missing, NOT NULL), another
 * write took the revision first, or the mutationId was recorded first (a retry or a twin; no
 * ON CONFLICT here, so the whole statement fails). The locked transaction then decides again
 * from the row as it is, and answers a recorded mutationId with its first answer.
 */
async function applyUnlocked(
  db: Database,
  ctx: PushContext,
  mutation: Mutation,
  readAhead: ReadAhead | undefined,
): Promise<MutationResult | null> {
  const step = UNLOCKED_STEPS[mutation.type];
  const decision = step ? await step(db, ctx, mutation, readAhead) : null;
  if (!decision?.guard) return null;
  const statement = recordStatement(ctx, mutation, decision);
  try {
    const recorded = await db.query(statement.text, statement.values, { prepare: true });
    return recorded.length > 0 ? decision.result : null;
  } catch (error) {
    if (isIntegrityViolation(error)) return null;
    throw error;
  }
}

/** SQLSTATE class 23: a NOT NULL, unique, foreign key or check rule refused the statement. */
const isIntegrityViolation = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('23');

/**
 * The statement that records a decision's answer, its writes as CTEs before it. With a guard,
 * the outcome is read from the guard's row, so no row (the row changed since it was read) fails
 * the statement whole; without one, a mutationId recorded first inserts nothing.
 */
function recordStatement(ctx: PushContext, mutation: Mutation, { result, writes, guard }: Decision): Sql {
  const outcome = guard ? sql`(SELECT ${result.status}::text FROM guard)` : sql`${result.status}`;
  const record = sql`INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
    VALUES (${mutation.mutationId}, ${ctx.person.id}, ${ctx.deviceId}, ${mutation.snapshot.id}, ${outcome},
      ${JSON.stringify(result)}::jsonb, ${result.status === 'applied' ? null : JSON.stringify(mutation.snapshot)}::jsonb)
    ${rawSql(guard ? '' : 'ON CONFLICT (mutation_id) DO NOTHING ')}RETURNING mutation_id`;
  const ctes = [
    ...(guard ? [sql`guard AS (${guard})`] : []),
    ...writes.map((write, i) => sql`${rawSql(`w${i}`)} AS (${write})`),
  ];
  return ctes.length > 0 ? sql`WITH ${joinSql(ctes, ', ')} ${record}` : record;
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
