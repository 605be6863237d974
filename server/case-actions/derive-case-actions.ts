/**
 * Keeps `case_actions` in step with a submitted audit's "actions for the case" answer, in the
 * same transaction as the audit write (called from on-audit-written.ts). Identity and edits
 * (migration 018): an action is known by the answer's own `id`, or by '#' and its position when
 * it has none; an edit after submission updates what / who / by when and never the owner's
 * progress; an action removed from the answer is marked withdrawn (its progress kept), and one
 * named again comes back. A deleted audit withdraws all its actions; a draft (not yet submitted,
 * or returned to the auditor) changes nothing, so progress survives a return and resubmission.
 *
 * The owner: the person the answer names (its `ownerId`, chosen in the form, if they are an
 * active person of the case's service), else the active person of that service whose name or
 * e-mail is exactly the "who" text (ignoring case and spaces; the text itself is kept). An owner
 * chosen later by a team manager or QA lead stays until the answer names someone else. Each new
 * owner is told ('action_assigned').
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import { notify } from '../notifications/notify';
import { caseActionsAnswerSchema, type CaseAction } from '../../shared/framework/answer-schema';
import { isCalendarDate } from '../../shared/metrics/calendar-date';

interface AuditForActions {
  status: string;
  deleted: boolean;
  answers: unknown;
  teamId: string;
}

interface StoredAction {
  id: string;
  action_key: string;
  owner_id: string | null;
  answer_owner_id: string | null;
  due_date: string;
  withdrawn_at: string | null;
}

/** The actions of an answer set with their stable keys; actions not yet complete are left out. */
export function keyedActions(answers: unknown): { key: string; action: CaseAction }[] {
  if (typeof answers !== 'object' || answers === null) return [];
  const out: { key: string; action: CaseAction }[] = [];
  for (const answer of Object.values(answers as Record<string, unknown>)) {
    const parsed = caseActionsAnswerSchema.safeParse(answer);
    if (!parsed.success) continue;
    parsed.data.value.forEach((action, index) => {
      if (!action.what.trim() || !isCalendarDate(action.byWhen)) return;
      out.push({ key: action.id ?? `#${index + 1}`, action });
    });
  }
  const seen = new Set<string>();
  return out.filter(({ key }) => !seen.has(key) && (seen.add(key), true));
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The owner an action's answer names, within the case's service; null when none matches. */
async function answerOwner(tx: Queryable, action: CaseAction, teamId: string): Promise<string | null> {
  const rows = await tx.query<{ id: string; display_name: string; email: string }>(
    `SELECT p.id, p.display_name, p.email FROM people p JOIN teams t ON t.service_id = p.service_id
     WHERE t.id = $1 AND p.active AND (p.id::text = $2 OR lower(p.email) = $3 OR lower(p.display_name) = $3)`,
    [teamId, action.ownerId ?? '', normalise(action.who)],
  );
  const chosen = rows.find((r) => r.id === action.ownerId);
  if (chosen) return chosen.id;
  const matched = rows.filter(
    (r) =>
      normalise(r.display_name) === normalise(action.who) || r.email.toLowerCase() === normalise(action.who),
  );
  return matched.length === 1 ? (matched[0]?.id ?? null) : null;
}

/** Tells a new owner of their action; the title carries the case reference at most. */
export async function tellOwner(
  tx: Queryable,
  actionId: string,
  ownerId: string,
  reference: string,
): Promise<void> {
  await notify(tx, [ownerId], {
    kind: 'action_assigned',
    title: `An action for case ${reference} is yours`,
    link: `/case-actions/${actionId}`,
    subjectId: `${actionId}:${ownerId}`,
  });
}

export async function deriveCaseActions(
  tx: Queryable,
  auditId: string,
  audit: AuditForActions,
  actorId: string,
): Promise<void> {
  if (audit.deleted) {
    await tx.query(
      `UPDATE case_actions SET withdrawn_at = now(), updated_at = now(), updated_by = $2
       WHERE audit_id = $1 AND withdrawn_at IS NULL`,
      [auditId, actorId],
    );
    return;
  }
  if (audit.status !== 'submitted') return;
  const stored = await tx.query<StoredAction>(
    `SELECT id, action_key, owner_id, answer_owner_id, due_date::text AS due_date, withdrawn_at
     FROM case_actions WHERE audit_id = $1 FOR UPDATE`,
    [auditId],
  );
  const byKey = new Map(stored.map((row) => [row.action_key, row]));
  const actions = keyedActions(audit.answers);
  const [caseRow] = await tx.query<{ reference: string }>(
    'SELECT c.reference FROM audits a JOIN cases c ON c.id = a.case_id WHERE a.id = $1',
    [auditId],
  );
  const reference = caseRow?.reference ?? '';
  for (const { key, action } of actions) {
    const named = await answerOwner(tx, action, audit.teamId);
    const row = byKey.get(key);
    byKey.delete(key);
    if (!row) {
      const id = randomUUID();
      await tx.query(
        `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, owner_id, answer_owner_id, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)`,
        [
          id,
          auditId,
          key,
          audit.teamId,
          action.what.trim(),
          action.who.trim(),
          action.byWhen,
          named,
          actorId,
        ],
      );
      if (named) await tellOwner(tx, id, named, reference);
      continue;
    }
    // The answer names a different owner than last time: the auditor's new choice wins.
    const owner = named !== null && named !== row.answer_owner_id ? named : row.owner_id;
    const dueMoved = row.due_date !== action.byWhen;
    await tx.query(
      `UPDATE case_actions SET what = $2, who = $3, due_date = $4, owner_id = $5, answer_owner_id = $6,
         withdrawn_at = NULL,
         overdue_notified_at = CASE WHEN $7 THEN NULL ELSE overdue_notified_at END,
         escalated_at = CASE WHEN $7 THEN NULL ELSE escalated_at END,
         updated_at = now(), updated_by = $8
       WHERE id = $1`,
      [row.id, action.what.trim(), action.who.trim(), action.byWhen, owner, named, dueMoved, actorId],
    );
    if (owner && owner !== row.owner_id) await tellOwner(tx, row.id, owner, reference);
  }
  const removed = [...byKey.values()].filter((row) => row.withdrawn_at === null).map((row) => row.id);
  if (removed.length > 0)
    await tx.query(
      `UPDATE case_actions SET withdrawn_at = now(), updated_at = now(), updated_by = $2
       WHERE id = ANY ($1::uuid[])`,
      [removed, actorId],
    );
}
