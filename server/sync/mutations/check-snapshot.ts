/**
 * The validation an audit's snapshot passes before it is written, created or edited alike, in
 * this order (the first that fails is the answer):
 * - each answer says who gave it, and a changed answer may name only the person saving it
 *   (shared/sync/answered-by.ts);
 * - its framework version exists, and its answers are valid for it (all required ones on
 *   submission: shared/framework/validate-answers.ts);
 * - a submission carries its completion time, from the device's clock: one in the future
 *   (beyond a few minutes' skew) or before the case was allocated is refused under the
 *   `completedAt` key, so the device can show it and the auditor correct it
 *   (shared/sync/completion-time.ts).
 */
import type { Queryable } from '../../db/database';
import type { Answers } from '../../../shared/framework/answer-schema';
import type { AuditSnapshot } from '../../../shared/sync/audit-document';
import { validateAnswers } from '../../../shared/framework/validate-answers';
import { answeredByProblems } from '../../../shared/sync/answered-by';
import { COMPLETED_AT_KEY, completionTimeProblem } from '../../../shared/sync/completion-time';
import { loadFramework } from '../../frameworks/framework-cache';
import { sql } from '../../db/sql';
import { reject, type Decision, type Problem, type PushContext } from './decision';

export type Checked = { ok: true; overallGrade: number | null } | { ok: false; decision: Decision };

export async function checkSnapshot(
  tx: Queryable,
  ctx: PushContext,
  mutationId: string,
  snapshot: AuditSnapshot,
  answersBefore: Answers,
): Promise<Checked> {
  const refuse = (reason: string, problems: Problem[] = []): Checked => ({
    ok: false,
    decision: reject(mutationId, reason, problems),
  });
  const byProblems = answeredByProblems(answersBefore, snapshot.answers, { id: ctx.person.id });
  if (byProblems.length > 0) return refuse('Some answers name someone else as their author.', byProblems);

  const framework = await loadFramework(tx, snapshot.frameworkKey, snapshot.frameworkVersion);
  if (!framework)
    return refuse(`Framework ${snapshot.frameworkKey} version ${snapshot.frameworkVersion} does not exist.`);
  const submitted = snapshot.status === 'submitted';
  const problems = validateAnswers(framework, snapshot.answers, submitted ? 'submit' : 'draft');
  if (submitted && !snapshot.completedAt) {
    problems.push({
      itemKey: '',
      code: 'required',
      message: 'A submitted audit needs the time it was completed.',
    });
  } else if (submitted && snapshot.completedAt) {
    const wrongTime = await completionTimeCheck(tx, ctx, snapshot, snapshot.completedAt);
    if (wrongTime) problems.push({ itemKey: COMPLETED_AT_KEY, code: 'invalid_answer', message: wrongTime });
  }
  if (problems.length > 0)
    return refuse(
      submitted ? 'The audit cannot be submitted yet.' : 'Some answers could not be saved.',
      problems.map((p) => ({ itemKey: p.itemKey, message: p.message })),
    );

  const overall = snapshot.answers[framework.overallGradeKey];
  return { ok: true, overallGrade: overall?.kind === 'grade' ? overall.value : null };
}

/** Only on submission (rare next to edits): one more round trip for the clock and the allocation. */
async function completionTimeCheck(
  tx: Queryable,
  ctx: PushContext,
  snapshot: AuditSnapshot,
  completedAt: string,
): Promise<string | null> {
  const query = sql`SELECT (extract(epoch FROM now()) * 1000)::float8 AS now_ms,
      (SELECT (extract(epoch FROM min(created_at)) * 1000)::float8 FROM allocations
       WHERE case_id = ${snapshot.caseId} AND auditor_id = ${ctx.person.id}) AS allocated_ms`;
  const [clock] = await tx.query<{ now_ms: number; allocated_ms: number | null }>(query.text, query.values);
  return clock ? completionTimeProblem(completedAt, clock.now_ms, clock.allocated_ms) : null;
}
