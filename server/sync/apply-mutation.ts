/**
 * A push's mutations applied (DESIGN.md, "Sync contract"). This is the bookkeeping common to
 * every kind of mutation; what a kind changes, and who may change it, is its step in
 * `mutations/` (`audit.put`: mutations/put-audit.ts), which answers and names its writes
 * without recording anything itself.
 * - the same mutationId again returns the first answer and writes nothing: the answer is
 *   recorded in sync_mutations in the statement that makes the mutation's writes, and when that
 *   id is already there (a retry, or a concurrent twin that committed first: the insert waits
 *   for it) nothing is written and the recorded answer is returned;
 * - a conflict (a stale baseRev) returns the server's version, and a rejection its reason;
 *   both are recorded with the refused snapshot, and never block the rest of the push;
 * - a mutation that cannot be read, or holds what the database cannot store (see
 *   storable-json.ts), is rejected here before any step sees it, and recorded when it names a
 *   mutation id;
 * - an applied change's writes (its revision in audit_revisions, with who and which device,
 *   and its audit-log row) commit with the answer, in the same statement.
 * Statements are kept few (a push's throughput is bound by them: on two cores, mostly by the
 * CPU of each statement). The common edit of a draft needs no transaction: the rows of a push's
 * audits are read in one statement without a lock, each edit is decided from its row, and the
 * edits are written together in one statement that stands only if every row is still as read
 * (mutations/edit-writes.ts). Whatever that cannot decide, or whose rows changed meanwhile,
 * goes the locked way, one mutation at a time: its own transaction, which reads and locks the
 * row, and writes the row, its revision, its log row and the answer in one statement.
 */
import type { Database, Queryable } from '../db/database';
import { joinSql, rawSql, sql, type Sql } from '../db/sql';
import { mutationSchema, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import { findUnstorable, storableCopy } from './storable-json';
import { rejected, type Decision, type PushContext } from './mutations/decision';
import { putAudit, putAuditUnlocked, readAuditsAhead, type ReadAhead } from './mutations/put-audit';
import { editsStatement, type EditToWrite } from './mutations/edit-writes';

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
 * A push's (or an imported file's) mutations: a device's later mutation of an audit builds on
 * its earlier one. The rows of the audits they edit are read ahead in one statement, and the
 * edits decided from those rows are written first, together (mutations of different audits do
 * not depend on each other; each audit named more than once goes the one-by-one way, in order).
 * The answers are in the mutations' order.
 */
export async function applyMutations(
  db: Database,
  ctx: PushContext,
  raws: readonly unknown[],
): Promise<MutationResult[]> {
  const readAhead = (await readAuditsAhead(db, ctx, raws)) ?? undefined;
  // Each mutation is read (parsed) once, for the edits written together and for the rest.
  const reads = raws.map(readMutation);
  const written = readAhead ? await applyReadAhead(db, ctx, reads, readAhead) : [];
  const results: MutationResult[] = [];
  for (const [i, read] of reads.entries())
    results.push(written[i] ?? (await applyRead(db, ctx, raws[i], read, readAhead)));
  return results;
}

/**
 * The edits decided from the rows read ahead, written in one statement; their answers by the
 * mutations' positions. None when that statement does not stand (a row changed since it was
 * read, a mutation id was recorded before): then each is applied again, one by one, locked (the
 * rows ahead are handed out once, so none is decided from its old read again).
 */
async function applyReadAhead(
  db: Database,
  ctx: PushContext,
  reads: readonly ReadMutation[],
  readAhead: ReadAhead,
): Promise<(MutationResult | undefined)[]> {
  const decided: { at: number; toWrite: EditToWrite }[] = [];
  for (const [at, read] of reads.entries()) {
    if (!read.ok || !readAhead.has(read.mutation.snapshot.id)) continue;
    const toWrite = await decideUnlocked(db, ctx, read.mutation, readAhead);
    if (toWrite) decided.push({ at, toWrite });
  }
  const results: (MutationResult | undefined)[] = [];
  const edits = decided.map((d) => d.toWrite);
  if (edits.length > 0 && (await writeUnlocked(db, ctx, edits)))
    for (const { at, toWrite } of decided) results[at] = toWrite.result;
  return results;
}

type ReadMutation = { ok: true; mutation: Mutation } | { ok: false; result: MutationResult };

/** A pushed mutation as the protocol reads it, or the answer that refuses it unread. */
function readMutation(raw: unknown): ReadMutation {
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
    return { ok: false, result };
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
    return { ok: false, result };
  }
  return { ok: true, mutation: parsed.data };
}

/** One mutation, on its own (the one-by-one way of a push). */
export function applyMutation(
  db: Database,
  ctx: PushContext,
  raw: unknown,
  readAhead?: ReadAhead,
): Promise<MutationResult> {
  return applyRead(db, ctx, raw, readMutation(raw), readAhead);
}

/** A mutation as read from `raw` (readMutation), applied on its own. */
async function applyRead(
  db: Database,
  ctx: PushContext,
  raw: unknown,
  read: ReadMutation,
  readAhead: ReadAhead | undefined,
): Promise<MutationResult> {
  if (!read.ok) {
    // Recorded when it at least names a mutation id, so a retry gets the same answer.
    if (UUID.test(read.result.mutationId))
      await recordRefusal(db, ctx, read.result.mutationId, read.result, raw);
    return read.result;
  }
  const mutation = read.mutation;
  const unlocked = await decideUnlocked(db, ctx, mutation, readAhead);
  if (unlocked && (await writeUnlocked(db, ctx, [unlocked]))) return unlocked.result;
  try {
    return await db.transaction(async (tx) => {
      const decision = await STEPS[mutation.type](tx, ctx, mutation);
      // The answer is recorded in one statement with the writes it made (the audit row, its
      // revision, the log row). When the same mutationId was recorded first (a retry, or a twin
      // request that committed while this one waited on the audit's row lock), nothing is
      // inserted: roll back whatever this attempt wrote, and answer as the first one was answered.
      const statement = decision.edit
        ? editsStatement(
            ctx,
            [{ mutationId: mutation.mutationId, edit: decision.edit, result: decision.result }],
            false,
          )
        : recordStatement(ctx, mutation, decision);
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
 * The mutation's edit decided from its row read without a lock (read ahead, or read now), or
 * null when its kind cannot decide so (see put-audit.ts): it goes the locked way.
 */
async function decideUnlocked(
  db: Database,
  ctx: PushContext,
  mutation: Mutation,
  readAhead: ReadAhead | undefined,
): Promise<EditToWrite | null> {
  const step = UNLOCKED_STEPS[mutation.type];
  const decision = step ? await step(db, ctx, mutation, readAhead) : null;
  if (!decision?.edit) return null;
  return { mutationId: mutation.mutationId, edit: decision.edit, result: decision.result };
}

/**
 * Writes edits decided without a lock, with their answers, in one statement without a
 * transaction around it. False, having written nothing, when the statement fails on an integrity
 * rule: a row's guard found it changed (its answer's outcome is then missing, NOT NULL), another
 * write took a revision first, or a mutationId was recorded first (a retry or a twin; no ON
 * CONFLICT here, so the whole statement fails). Each is then decided again, locked, from its row
 * as it is, and a recorded mutationId is answered with its first answer.
 */
async function writeUnlocked(
  db: Database,
  ctx: PushContext,
  edits: readonly EditToWrite[],
): Promise<boolean> {
  const statement = editsStatement(ctx, edits, true);
  try {
    const recorded = await db.query(statement.text, statement.values, { prepare: true });
    return recorded.length === edits.length;
  } catch (error) {
    if (isIntegrityViolation(error)) return false;
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
 * The statement that records a decision's answer, its writes as CTEs before it (a new audit's,
 * or none for a conflict or a rejection). A mutationId recorded first inserts nothing.
 */
function recordStatement(ctx: PushContext, mutation: Mutation, { result, writes }: Decision): Sql {
  const record = sql`INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
    VALUES (${mutation.mutationId}, ${ctx.person.id}, ${ctx.deviceId}, ${mutation.snapshot.id}, ${result.status},
      ${JSON.stringify(result)}::jsonb, ${result.status === 'applied' ? null : JSON.stringify(mutation.snapshot)}::jsonb)
    ON CONFLICT (mutation_id) DO NOTHING RETURNING mutation_id`;
  const ctes = writes.map((write, i) => sql`${rawSql(`w${i}`)} AS (${write})`);
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
