/**
 * Sends the outbox. Per audit only the oldest entry is in flight (a later one builds on the
 * rev the earlier one gets back). An entry is marked 'sent' — frozen — before it leaves, so
 * a retry after a lost reply sends the very same mutation and the server answers it once.
 * An entry leaves the outbox only when the server has answered it.
 */
import type { LanternDb, LocalAudit, OutboxEntry } from '../db/lantern-db';
import {
  PROTOCOL_VERSION,
  slimPushResponseSchema,
  MAX_MUTATIONS_PER_PUSH,
  type Mutation,
  type MutationResult,
  type SlimMutationResult,
} from '../../shared/sync/protocol';
import { mergeSnapshots } from '../../shared/sync/merge-answers';
import { snapshotOf, type AuditDocument, type AuditSnapshot } from '../../shared/sync/audit-document';
import { api } from '../api/http';
import { recordConflicts } from './record-conflicts';
import { applyAuditChange } from '../db/save-answers';
import { COMPLETED_AT_KEY } from '../../shared/sync/completion-time';
import { notePushed } from './held-revisions';

/** Freeze the next entry of each audit and return the mutations to send. */
async function nextMutations(db: LanternDb): Promise<Mutation[]> {
  return db.transaction('rw', db.audits, db.outbox, async () => {
    const entries = await db.outbox.orderBy('createdAt').toArray();
    const firstPerAudit = new Map<string, OutboxEntry>();
    for (const entry of entries) {
      const current = firstPerAudit.get(entry.auditId);
      // A 'sent' entry always goes before a 'queued' one of the same audit.
      if (!current || (entry.state === 'sent' && current.state === 'queued'))
        firstPerAudit.set(entry.auditId, entry);
    }
    const mutations: Mutation[] = [];
    for (const entry of [...firstPerAudit.values()].slice(0, MAX_MUTATIONS_PER_PUSH)) {
      let baseRev = entry.baseRev;
      if (entry.state === 'queued') {
        const audit = await db.audits.get(entry.auditId);
        baseRev = audit?.rev ?? 0;
        await db.outbox.update(entry.mutationId, { state: 'sent', baseRev });
        if (audit?.queuedMutationId === entry.mutationId)
          await db.audits.update(audit.id, { queuedMutationId: null });
      }
      mutations.push({
        mutationId: entry.mutationId,
        type: 'audit.put',
        baseRev: baseRev ?? 0,
        snapshot: entry.snapshot,
      });
    }
    return mutations;
  });
}

const emptyBase = (snapshot: AuditSnapshot): AuditSnapshot => ({
  ...snapshot,
  status: 'draft',
  answers: {},
  completedAt: null,
});

/** A submission refused (among other things, maybe) for its completion time. */
function refusedCompletionTime(sent: Mutation, problems: { itemKey: string }[]): boolean {
  return sent.snapshot.status === 'submitted' && problems.some((p) => p.itemKey === COMPLETED_AT_KEY);
}

function awaitsNewCompletionTime(audit: LocalAudit): boolean {
  return audit.rejection?.problems.some((p) => p.itemKey === COMPLETED_AT_KEY) ?? false;
}

/**
 * The answer with the server's whole document: a slim answer (the server stored exactly the
 * snapshot sent) is that snapshot with the revision and what the server added.
 */
export function fullResult(result: SlimMutationResult, sent: Mutation): MutationResult {
  if (result.status !== 'applied') return result;
  const { mutationId, rev } = result;
  if (result.doc) return { mutationId, status: 'applied', rev, doc: result.doc };
  if (!result.added) throw new Error('The server answered a change without saying what it stored.');
  return { mutationId, status: 'applied', rev, doc: { ...snapshotOf(sent.snapshot), ...result.added, rev } };
}

async function applyResult(db: LanternDb, result: MutationResult, sent: Mutation): Promise<void> {
  await db.transaction('rw', [db.audits, db.outbox, db.conflicts], async () => {
    const audit = await db.audits.get(sent.snapshot.id);
    await db.outbox.delete(result.mutationId);
    if (!audit) return;
    if (result.status === 'applied' && result.rev >= audit.rev) {
      await db.audits.put({
        ...audit,
        base: result.doc,
        rev: result.rev,
        // A refused completion time stays on the audit (its answers syncing as a draft meanwhile)
        // until the auditor submits again.
        rejection: result.doc.status === 'draft' && awaitsNewCompletionTime(audit) ? audit.rejection : null,
        returnedNote: result.doc.returnedNote,
      });
    } else if (result.status === 'applied') {
      // A pull brought a newer revision while this answer was on its way (typically a retry
      // after a lost reply, answered with the first, older answer). That pull merged with the
      // wrong base: it did not know this change was already the server's, so anything the
      // newer revision changed back looked like this device's own edit, with no outbox entry
      // to send it. Merge again from the revision this change became: the device ends where
      // the server is, plus whatever it typed since, queued to send.
      if (audit.base) await mergeTheirs(db, { ...audit, base: result.doc }, audit.base);
    } else if (result.status === 'rejected' && refusedCompletionTime(sent, result.problems)) {
      // The device's clock gave a completion time the server cannot believe: the audit goes
      // back to a draft on this device (every answer kept, and queued so the server holds them
      // too) so the auditor can correct the time on the review page and submit again.
      const reverted = applyAuditChange(
        audit,
        audit.id,
        { answers: {}, status: 'draft', completedAt: null },
        () => ({ snapshot: audit.snapshot }),
        () => crypto.randomUUID(),
        Date.now(),
      );
      await db.outbox.put(reverted.outbox);
      await db.audits.put({
        ...reverted.audit,
        rejection: { reason: result.reason, problems: result.problems },
      });
    } else if (result.status === 'rejected') {
      await db.audits.put({ ...audit, rejection: { reason: result.reason, problems: result.problems } });
    } else {
      // A replayed conflict names the server's version of its time; when a pull has brought a
      // newer one, merge with that instead, so `rev` never goes back.
      const theirs = audit.base && audit.base.rev > result.server.rev ? audit.base : result.server;
      await mergeTheirs(db, audit, theirs);
    }
  });
}

/**
 * The server has a newer version: merge it three ways with what this device holds. The
 * merged snapshot goes back out as a queued entry; overlapping answers become conflicts for
 * the person to choose. NOTE: must run inside a transaction over audits, outbox, conflicts.
 */
export async function mergeTheirs(db: LanternDb, audit: LocalAudit, theirs: AuditDocument): Promise<void> {
  const base = audit.base ? snapshotOf(audit.base) : emptyBase(audit.snapshot);
  const { snapshot, conflicts } = mergeSnapshots(base, audit.snapshot, snapshotOf(theirs));
  await recordConflicts(db, audit.id, conflicts, theirs);
  const pendingSent = await db.outbox
    .where('auditId')
    .equals(audit.id)
    .filter((e) => e.state === 'sent')
    .count();
  const differsFromTheirs = JSON.stringify(snapshot) !== JSON.stringify(snapshotOf(theirs));
  let queuedMutationId = audit.queuedMutationId;
  if (differsFromTheirs && !queuedMutationId && pendingSent === 0) queuedMutationId = crypto.randomUUID();
  if (queuedMutationId) {
    await db.outbox.put({
      mutationId: queuedMutationId,
      auditId: audit.id,
      createdAt: Date.now(),
      state: 'queued',
      baseRev: null,
      snapshot,
    });
  }
  await db.audits.put({
    ...audit,
    snapshot,
    base: theirs,
    rev: theirs.rev,
    queuedMutationId,
    returnedNote: theirs.returnedNote,
  });
}

export interface PushSummary {
  sent: number;
  applied: number;
  conflicts: number;
  rejected: number;
}

/** Push until the outbox is empty or only holds entries waiting on others. */
export async function pushOutbox(db: LanternDb, deviceId: string): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  for (let round = 0; round < 50; round++) {
    const mutations = await nextMutations(db);
    if (mutations.length === 0) break;
    const response = slimPushResponseSchema.parse(
      await api('/api/sync/push', {
        method: 'POST',
        // Slim answers: the device holds what it sent (server/sync/push-answer.ts).
        body: { protocol: PROTOCOL_VERSION, deviceId, mutations, slimAnswers: true },
        compress: true,
      }),
    );
    // Every answer of the push in one transaction: one commit to disk (the database is strict)
    // instead of one per audit, which on a slow tablet cost more than the answer's own
    // download. Should the page go before it commits, the entries are still 'sent' and the
    // retry is answered with the same results.
    await db.transaction('rw', [db.audits, db.outbox, db.conflicts, db.meta], async () => {
      const applied: string[] = [];
      for (const [i, slim] of response.results.entries()) {
        const sent = mutations[i];
        if (!sent) continue;
        const result = fullResult(slim, sent);
        await applyResult(db, result, sent);
        if (result.status === 'applied') applied.push(sent.snapshot.id);
        summary.sent++;
        if (result.status === 'applied') summary.applied++;
        else if (result.status === 'conflict') summary.conflicts++;
        else summary.rejected++;
      }
      // The next pull need not bring these back at the revision this device now holds.
      await notePushed(db, applied);
    });
  }
  return summary;
}
