/**
 * Keeping moderation blind: until the moderator has saved their own grades, the
 * auditor's grades leave the server by no route. The moderation's own read strips them
 * (withoutGrades); the audit's other reads (its history, its findings) refuse a person who
 * holds a still-blind moderation of that audit (assertNotBlindModerator). Versions and sync
 * pull reach only the audit's own auditor, who can never moderate it (may-moderate.ts).
 */
import type { Queryable } from '../db/database';
import type { Answers } from '../../shared/framework/answer-schema';
import { appError } from '../../shared/errors/app-error';

/** The auditor's answers with every grade left out: what a moderator grading blind may read. */
export function withoutGrades(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, answer]) => answer.kind !== 'grade'));
}

/** @throws forbidden when the person holds a moderation of this audit whose blind grades are not saved. */
export async function assertNotBlindModerator(
  db: Queryable,
  personId: string,
  auditId: string,
): Promise<void> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM moderations WHERE audit_id = $1 AND moderator_id = $2 AND blind_at IS NULL
       AND status IN ('pending', 'returned')`,
    [auditId, personId],
  );
  if (rows.length > 0)
    throw appError(
      'forbidden',
      "You are moderating this audit: save your own grades on the moderation page before you see the auditor's.",
    );
}
