/**
 * One pushed mutation, applied in its own transaction (DESIGN.md, "Sync contract"):
 * - the same mutationId again returns the first answer and writes nothing: the answer is
 *   recorded in sync_mutations as the transaction's last statement, and when that id is
 *   already there (a retry, or a concurrent twin that committed first: the insert waits for
 *   it) the transaction rolls back and the recorded answer is returned;
 * - applied only when baseRev equals the current rev; a stale baseRev is a conflict that
 *   returns the server's version and keeps the refused snapshot;
 * - a mutation that can never apply (malformed, not the person's audit, invalid answers,
 *   already submitted, or holding what the database cannot store: see storable-json.ts) is
 *   rejected with its reason, recorded, and never blocks the rest;
 * - every applied revision is appended to audit_revisions, with who and which device, and
 *   logged in the audit log, in the same transaction as the change;
 * - a submission's completion time comes from the device's clock: one in the future (beyond a
 *   few minutes' skew) or before the case was allocated is rejected under the `completedAt`
 *   key, so the device can show it and the auditor correct it (shared/sync/completion-time.ts);
 *   the server's own receipt time is kept beside an accepted one (`completed_received_at`).
 * Round trips are kept few (a push's throughput is bound by them): an edit reads and locks
 * the row once, works out the new document from it, and writes the row, its revision and its
 * log row in the statement that records the answer: four round trips with BEGIN and COMMIT.
 */
import type { Database, Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { mutationSchema, type MutationResult } from '../../shared/sync/protocol';
import type { AuditSnapshot } from '../../shared/sync/audit-document';
import { validateAnswers } from '../../shared/framework/validate-answers';
import { loadFramework } from '../frameworks/framework-cache';
import { AUDIT_COLUMNS_SQL, AUDIT_FROM_SQL, auditDocument, type AuditRow } from '../audits/audit-row';
import { eventInsert } from '../audit-log/record-event';
import { onAuditWritten } from '../audits/on-audit-written';
import { findUnstorable, storableCopy } from './storable-json';
import { COMPLETED_AT_KEY, completionTimeProblem } from '../../shared/sync/completion-time';
import { answeredByProblems } from '../../shared/sync/answered-by';
import { isAuditorOfSql } from '../allocations/joint-audits';

export interface PushContext {
  person: Person;
  deviceId: string;
  ip: string;
  userAgent: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rejected(
  mutationId: string,
  reason: string,
  problems: { itemKey: string; message: string }[] = [],
): MutationResult {
  return { mutationId, status: 'rejected', reason, problems };
}

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
    if (UUID.test(claimedId)) await recordOnce(db, ctx, claimedId, null, result, raw);
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
    if (UUID.test(claimedId)) await recordOnce(db, ctx, claimedId, null, result, raw);
    return result;
  }
  const mutation = parsed.data;
  try {
    return await db.transaction(async (tx) => {
      const { result, writes } = await decide(
        tx,
        ctx,
        mutation.mutationId,
        mutation.baseRev,
        mutation.snapshot,
      );
      // The answer is recorded last, in one statement with the writes it made (the audit row,
      // its revision, the log row). When the same mutationId was recorded first (a retry, or a
      // twin request that committed while this one waited on the audit's row lock), nothing is
      // inserted: roll back whatever this attempt wrote, and answer as the first one was answered.
      const params: unknown[] = [
        mutation.mutationId,
        ctx.person.id,
        ctx.deviceId,
        mutation.snapshot.id,
        result.status,
        JSON.stringify(result),
        result.status === 'applied' ? null : JSON.stringify(mutation.snapshot),
      ];
      const ctes = writes.map((write, i) => {
        const part = write(params.length + 1);
        params.push(...part.params);
        return `w${i} AS (${part.sql})`;
      });
      const recorded = await tx.query(
        `${ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : ''}
         INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb) ON CONFLICT (mutation_id) DO NOTHING RETURNING mutation_id`,
        params,
        { prepare: true },
      );
      if (recorded.length === 0) throw new AnsweredBefore();
      return result;
    });
  } catch (error) {
    if (!(error instanceof AnsweredBefore)) throw error;
    return (
      (await findPrevious(db, mutation.mutationId, ctx.person.id)) ??
      rejected(mutation.mutationId, 'This change id was already used for another change.')
    );
  }
}

/** Thrown inside the transaction to roll it back: the mutation had been answered already. */
class AnsweredBefore extends Error {
  override readonly name = 'AnsweredBefore';
}

/** One write that goes into the statement recording the answer, its parameters from `$first`. */
type SqlPart = (first: number) => { sql: string; params: unknown[] };

const placeholders = (first: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `$${first + i}`);

function revisionInsert(values: unknown[]): SqlPart {
  return (first) => {
    const [id, rev, status, answers, completedAt, by, device, mutation] = placeholders(first, 8);
    return {
      sql: `INSERT INTO audit_revisions (audit_id, rev, status, answers, completed_at, completed_received_at,
          changed_by, device_id, mutation_id)
        VALUES (${id}, ${rev}, ${status}, ${answers}::jsonb, ${completedAt},
          CASE WHEN ${status} = 'submitted' THEN now() END, ${by}, ${device}, ${mutation})`,
      params: values,
    };
  };
}

/** The audit row's new state; the document it makes was worked out beforehand (no read-back). */
function auditUpdate(values: unknown[]): SqlPart {
  return (first) => {
    const [id, status, answers, completedAt, grade, rev, by] = placeholders(first, 7);
    return {
      sql: `UPDATE audits SET status = ${status}, answers = ${answers}::jsonb, completed_at = ${completedAt},
        completed_received_at = CASE WHEN ${status} = 'submitted' THEN now() END,
        overall_grade = ${grade}, rev = ${rev}, updated_at = now(), updated_by = ${by},
        returned_note = CASE WHEN ${status} = 'submitted' THEN NULL ELSE returned_note END
        WHERE id = ${id}`,
      params: values,
    };
  };
}

/** The new audit's columns straight from the row just inserted (as AUDIT_COLUMNS_SQL reads them). */
const RETURNING_AUDIT_SQL = `RETURNING id, case_id, framework_key, framework_version, status, answers, completed_at,
  rev, auditor_id, updated_at, coalesce((SELECT display_name FROM people p WHERE p.id = audits.updated_by), '') AS updated_by_name,
  returned_note, deleted`;

async function findPrevious(
  db: Queryable,
  mutationId: string,
  personId: string,
): Promise<MutationResult | null> {
  const [row] = await db.query<{ result: MutationResult; person_id: string }>(
    'SELECT result, person_id FROM sync_mutations WHERE mutation_id = $1',
    [mutationId],
  );
  if (!row) return null;
  if (row.person_id !== personId)
    return rejected(mutationId, 'This change id was already used for another change.');
  return row.result;
}

async function recordOnce(
  db: Database,
  ctx: PushContext,
  mutationId: string,
  auditId: string | null,
  result: MutationResult,
  raw: unknown,
): Promise<void> {
  await db.query(
    `INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot)
     VALUES ($1, $2, $3, $4, 'rejected', $5::jsonb, $6::jsonb) ON CONFLICT (mutation_id) DO NOTHING`,
    [
      mutationId,
      ctx.person.id,
      ctx.deviceId,
      auditId,
      JSON.stringify(result),
      // What was refused is kept, as far as it can be stored.
      JSON.stringify(storableCopy(raw ?? null)),
    ],
  );
}

interface Decision {
  result: MutationResult;
  /** What to write with the answer, when the mutation was applied. */
  writes: SqlPart[];
}

const answer = (result: MutationResult): Decision => ({ result, writes: [] });

async function decide(
  tx: Queryable,
  ctx: PushContext,
  mutationId: string,
  baseRev: number,
  snapshot: AuditSnapshot,
): Promise<Decision> {
  if (!ctx.person.roles.includes('auditor'))
    return answer(rejected(mutationId, 'Only auditors can save audits.'));
  // With the row, the transaction's now() (the updated_at it will write), so the new document
  // can be worked out here instead of read back.
  const [current] = await tx.query<
    AuditRow & {
      overall_grade: number | null;
      team_id: string;
      case_type: string;
      kind: string;
      moderated_grades: unknown;
      tx_now: string;
      mine: boolean;
    }
  >(
    `SELECT ${AUDIT_COLUMNS_SQL}, a.overall_grade, a.team_id, a.case_type, a.kind, a.moderated_grades, now() AS tx_now,
            ${isAuditorOfSql('a', '$2::uuid')} AS mine
     FROM ${AUDIT_FROM_SQL} WHERE a.id = $1 FOR UPDATE OF a`,
    [snapshot.id, ctx.person.id],
    { prepare: true },
  );

  if (current) {
    // Its lead auditor's, or a joint auditor's (docs/JOINT-AUDITS.md).
    if (!current.mine) return answer(rejected(mutationId, 'This audit belongs to another auditor.'));
    if (
      current.case_id !== snapshot.caseId ||
      current.framework_key !== snapshot.frameworkKey ||
      current.framework_version !== snapshot.frameworkVersion
    ) {
      return answer(rejected(mutationId, 'An audit cannot move to another case or framework version.'));
    }
    if (current.rev !== baseRev)
      return answer({ mutationId, status: 'conflict', server: auditDocument(current) });
    if (current.status === 'submitted')
      return answer(
        rejected(
          mutationId,
          'This audit was already submitted and is read-only unless a moderator returns it.',
        ),
      );
  } else {
    if (baseRev !== 0) return answer(rejected(mutationId, 'The server has no record of this audit.'));
    const [allocation] = await tx.query(
      'SELECT id FROM allocations WHERE case_id = $1 AND auditor_id = $2 AND active AND framework_key = $3 AND framework_version = $4',
      [snapshot.caseId, ctx.person.id, snapshot.frameworkKey, snapshot.frameworkVersion],
    );
    if (!allocation) return answer(rejected(mutationId, 'This case is not allocated to you for audit.'));
  }
  // Each answer says who gave it: a changed answer may name only the person saving it.
  const byProblems = answeredByProblems(current?.answers ?? {}, snapshot.answers, {
    id: ctx.person.id,
  });
  if (byProblems.length > 0)
    return answer(rejected(mutationId, 'Some answers name someone else as their author.', byProblems));

  const framework = await loadFramework(tx, snapshot.frameworkKey, snapshot.frameworkVersion);
  if (!framework)
    return answer(
      rejected(
        mutationId,
        `Framework ${snapshot.frameworkKey} version ${snapshot.frameworkVersion} does not exist.`,
      ),
    );
  const problems = validateAnswers(
    framework,
    snapshot.answers,
    snapshot.status === 'submitted' ? 'submit' : 'draft',
  );
  if (snapshot.status === 'submitted' && !snapshot.completedAt) {
    problems.push({
      itemKey: '',
      code: 'required',
      message: 'A submitted audit needs the time it was completed.',
    });
  } else if (snapshot.status === 'submitted' && snapshot.completedAt) {
    // Only on submission (rare next to edits): one more round trip for the clock and the allocation.
    const [clock] = await tx.query<{ now_ms: number; allocated_ms: number | null }>(
      `SELECT (extract(epoch FROM now()) * 1000)::float8 AS now_ms,
              (SELECT (extract(epoch FROM min(created_at)) * 1000)::float8 FROM allocations
               WHERE case_id = $1 AND auditor_id = $2) AS allocated_ms`,
      [snapshot.caseId, ctx.person.id],
    );
    const wrongTime = clock
      ? completionTimeProblem(snapshot.completedAt, clock.now_ms, clock.allocated_ms)
      : null;
    if (wrongTime) problems.push({ itemKey: COMPLETED_AT_KEY, code: 'invalid_answer', message: wrongTime });
  }
  if (problems.length > 0) {
    const reason =
      snapshot.status === 'submitted'
        ? 'The audit cannot be submitted yet.'
        : 'Some answers could not be saved.';
    return answer(
      rejected(
        mutationId,
        reason,
        problems.map((p) => ({ itemKey: p.itemKey, message: p.message })),
      ),
    );
  }

  const overall = snapshot.answers[framework.overallGradeKey];
  const overallGrade = overall?.kind === 'grade' ? overall.value : null;
  const completedAt = snapshot.status === 'submitted' ? snapshot.completedAt : null;
  const rev = baseRev + 1;
  const event = {
    actorId: ctx.person.id,
    action: !current ? 'audit.create' : snapshot.status === 'submitted' ? 'audit.submit' : 'audit.update',
    entityType: 'audit',
    entityId: snapshot.id,
    detail: { rev, deviceId: ctx.deviceId },
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
  const answersJson = JSON.stringify(snapshot.answers);
  const revision = revisionInsert([
    snapshot.id,
    rev,
    snapshot.status,
    answersJson,
    completedAt,
    ctx.person.id,
    ctx.deviceId,
    mutationId,
  ]);
  const logged: SqlPart = (first) => eventInsert(event, first);

  if (current) {
    // The common case, an edit: the row is updated by the statement that records the answer.
    const saved: AuditRow = {
      ...current,
      status: snapshot.status,
      answers: snapshot.answers,
      completed_at: completedAt,
      rev,
      updated_at: current.tx_now,
      updated_by_name: ctx.person.name,
      returned_note: snapshot.status === 'submitted' ? null : current.returned_note,
    };
    const before = {
      status: current.status,
      overallGrade: current.overall_grade,
      completedAt: current.completed_at,
      teamId: current.team_id,
      caseType: current.case_type,
      deleted: current.deleted,
      frameworkKey: current.framework_key,
      frameworkVersion: current.framework_version,
      kind: current.kind,
      answers: current.answers,
      moderatedGrades: current.moderated_grades,
    };
    await onAuditWritten(tx, {
      auditId: snapshot.id,
      actorId: ctx.person.id,
      before,
      after: {
        ...before,
        status: snapshot.status,
        overallGrade,
        completedAt,
        answers: snapshot.answers,
        caseId: current.case_id,
        auditorId: current.auditor_id,
      },
    });
    return {
      result: { mutationId, status: 'applied', rev, doc: auditDocument(saved) },
      writes: [
        auditUpdate([
          snapshot.id,
          snapshot.status,
          answersJson,
          completedAt,
          overallGrade,
          rev,
          ctx.person.id,
        ]),
        revision,
        logged,
      ],
    };
  }

  const [saved] = await tx.query<AuditRow>(
    `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status,
       answers, completed_at, completed_received_at, overall_grade, rev, updated_by)
     SELECT $1, c.id, c.team_id, c.case_type, $3, $4, coalesce((SELECT lead.auditor_id FROM allocations lead
         WHERE lead.id = al.audit_id), $5),
       CASE WHEN al.round_name IS NULL THEN 'ad_hoc' ELSE 'practice_week' END, $6, $7::jsonb, $8,
       CASE WHEN $6 = 'submitted' THEN now() END, $9, 1, $5
     FROM cases c JOIN allocations al ON al.case_id = c.id AND al.auditor_id = $5 AND al.active
       AND (al.audit_id IS NULL OR al.audit_id = $1)
     WHERE c.id = $2
     ON CONFLICT (id) DO NOTHING ${RETURNING_AUDIT_SQL}`,
    [
      snapshot.id,
      snapshot.caseId,
      snapshot.frameworkKey,
      snapshot.frameworkVersion,
      ctx.person.id,
      snapshot.status,
      answersJson,
      completedAt,
      overallGrade,
    ],
  );
  if (!saved) {
    // Another device created this audit a moment earlier: its version stands, this one merges.
    const [winner] = await tx.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS_SQL} FROM ${AUDIT_FROM_SQL} WHERE a.id = $1`,
      [snapshot.id],
    );
    const [mine] = winner
      ? await tx.query(`SELECT 1 FROM audits a WHERE a.id = $1 AND ${isAuditorOfSql('a', '$2::uuid')}`, [
          snapshot.id,
          ctx.person.id,
        ])
      : [];
    if (!winner || !mine) return answer(rejected(mutationId, 'This audit belongs to another auditor.'));
    return answer({ mutationId, status: 'conflict', server: auditDocument(winner) });
  }
  await onAuditWritten(tx, { auditId: snapshot.id, actorId: ctx.person.id, before: null });
  return {
    result: { mutationId, status: 'applied', rev, doc: auditDocument(saved) },
    writes: [revision, logged],
  };
}
