/**
 * `audit.put`: a device's whole audit, as edited from revision `baseRev`. Only auditors save
 * audits; which audits they may save is each path's first check. The audit's row is read and
 * locked first: an audit the server has is edited (edit-audit.ts), one it has not is created
 * (create-audit.ts).
 *
 * `putAuditUnlocked` is the same edit decided outside a transaction, from the row read without
 * a lock, for when nothing but that row is needed: the common edit of a draft. Its write is
 * guarded (the row must still be as read), so it stands exactly when the locked path would
 * have decided the same. Anything else (a new audit, a refusal, a conflict, a step that would
 * read or write more, such as a submission's clock check or derived data) answers null, and the
 * mutation goes the locked way (apply-mutation.ts).
 */
import type { Queryable, Row } from '../../db/database';
import { MAX_MUTATIONS_PER_PUSH, type Mutation } from '../../../shared/sync/protocol';
import { reject, type Decision, type PushContext } from './decision';
import { lockAudit, readAudits, type LockedAudit } from './locked-audit';
import { editAudit } from './edit-audit';
import { createAudit } from './create-audit';

export async function putAudit(tx: Queryable, ctx: PushContext, mutation: Mutation): Promise<Decision> {
  if (!ctx.person.roles.includes('auditor'))
    return reject(mutation.mutationId, 'Only auditors can save audits.');
  const current = await lockAudit(tx, mutation.snapshot.id, ctx.person.id);
  return current ? editAudit(tx, ctx, mutation, current) : createAudit(tx, ctx, mutation);
}

/** `readAhead`: the rows of a push's audits, read together beforehand (`readAuditsAhead`). */
export async function putAuditUnlocked(
  db: Queryable,
  ctx: PushContext,
  mutation: Mutation,
  readAhead?: ReadAhead,
): Promise<Decision | null> {
  if (!ctx.person.roles.includes('auditor')) return null;
  const id = mutation.snapshot.id;
  // Handed out before: its edit was decided from it, and the write did not stand. Locked now.
  if (readAhead?.handedOut(id)) return null;
  const current = readAhead?.has(id)
    ? readAhead.take(id)
    : (await readAudits(db, [id], ctx.person.id)).get(id.toLowerCase());
  if (!current) return null;
  // The edit may ask nothing more of the database: whatever it would ask, it asks locked.
  let asked = false;
  const nothingMore: Queryable = {
    query: <T = Row>(): Promise<T[]> => {
      asked = true;
      return Promise.reject(new NeedsLock());
    },
    exec: () => {
      asked = true;
      return Promise.reject(new NeedsLock());
    },
  };
  try {
    const decision = await editAudit(nothingMore, ctx, mutation, current);
    return decision.edit && !asked ? decision : null;
  } catch (error) {
    if (error instanceof NeedsLock) return null;
    throw error;
  }
}

/** Rows read ahead, each handed out once (a second edit of a row must see the first's write). */
export interface ReadAhead {
  has(auditId: string): boolean;
  take(auditId: string): LockedAudit | undefined;
  /** Whether the row was read ahead and handed out already. */
  handedOut(auditId: string): boolean;
}

/**
 * The rows of the audits a push's mutations name, each named once, read in one statement
 * instead of one each (null for a push of one, or a file larger than a push). The edits decided
 * from them are written together (apply-mutation.ts); when a row changed before that write, no
 * edit of it stands and each is decided again, locked. An audit the read did not find is
 * created, locked.
 */
export async function readAuditsAhead(
  db: Queryable,
  ctx: PushContext,
  raws: readonly unknown[],
): Promise<ReadAhead | null> {
  // An imported file's thousands are left to one read each (their rows would go stale waiting).
  if (raws.length < 2 || raws.length > MAX_MUTATIONS_PER_PUSH || !ctx.person.roles.includes('auditor'))
    return null;
  const named = new Map<string, number>();
  for (const raw of raws) {
    const id = auditIdOf(raw);
    if (id) named.set(id, (named.get(id) ?? 0) + 1);
  }
  const once = [...named].filter(([, times]) => times === 1).map(([id]) => id);
  if (once.length < 2) return null;
  const rows = await readAudits(db, once, ctx.person.id);
  const waiting = new Set(once);
  const taken = new Set<string>();
  return {
    has: (auditId) => waiting.has(auditId),
    take(auditId) {
      waiting.delete(auditId);
      taken.add(auditId);
      return rows.get(auditId.toLowerCase());
    },
    handedOut: (auditId) => taken.has(auditId),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit id an `audit.put` names, if it is one (the mutation is parsed properly later). */
function auditIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('type' in raw) || raw.type !== 'audit.put') return null;
  if (!('snapshot' in raw) || typeof raw.snapshot !== 'object' || raw.snapshot === null) return null;
  const id = 'id' in raw.snapshot ? raw.snapshot.id : null;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

/** An unlocked edit asked the database for more than its row. */
class NeedsLock extends Error {
  override readonly name = 'NeedsLock';
}
