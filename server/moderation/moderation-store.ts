/**
 * The SQL behind moderation: the list of moderations (a moderator's queue, or a round's for
 * the QA lead) and one moderation with the audit it is about. A moderation is "resubmitted"
 * when it returned the audit and the auditor has since submitted it again.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import { answersSchema, type Answers } from '../../shared/framework/answer-schema';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { moderationStatusSchema, type ModerationSummary } from '../../shared/moderation/moderation-schemas';
import { z } from 'zod';

export interface ModerationRow {
  id: string;
  audit_id: string;
  round_id: string | null;
  round_name: string | null;
  reference: string;
  team_name: string;
  auditor_id: string;
  auditor_name: string;
  moderator_id: string;
  moderator_name: string;
  status: string;
  audit_status: string;
  auditor_overall: number | null;
  moderated_overall: number | null;
  moderated_answers: unknown;
  reasons: unknown;
  return_note: string | null;
  blind_answers: unknown;
  blind_at: string | null;
  sampled_at: string;
  moderated_at: string | null;
}

const SELECT = `SELECT m.id, m.audit_id, m.round_id, r.name AS round_name, c.reference, t.name AS team_name,
    a.auditor_id, pa.display_name AS auditor_name, m.moderator_id, pm.display_name AS moderator_name, m.status,
    a.status AS audit_status, coalesce(m.auditor_overall, (a.answers -> (f.definition ->> 'overallGradeKey') ->> 'value')::smallint) AS auditor_overall,
    m.moderated_overall, m.moderated_answers, m.reasons, m.return_note, m.blind_answers, m.blind_at, m.sampled_at, m.moderated_at
  FROM moderations m JOIN audits a ON a.id = m.audit_id JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
    JOIN people pa ON pa.id = a.auditor_id JOIN people pm ON pm.id = m.moderator_id
    JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
    LEFT JOIN rounds r ON r.id = m.round_id`;

const grade = (value: number | null) => (value === null ? null : gradeIndexSchema.parse(value));

/**
 * Where the moderation stands on blindness. A moderation decided (agreed or re-graded) with no
 * blind grades was recorded before blind moderation (migration 019): 'not_blind'. Otherwise it
 * is 'blind' until the moderator saves their own grades: until then no route sends the
 * auditor's grades with it (server/moderation/blind-view.ts).
 */
export function blindState(row: Pick<ModerationRow, 'blind_at' | 'status'>): ModerationSummary['blindState'] {
  if (row.blind_at !== null) return 'revealed';
  return row.status === 'agreed' || row.status === 'regraded' ? 'not_blind' : 'blind';
}

export function toSummary(row: ModerationRow): ModerationSummary {
  return {
    id: row.id,
    auditId: row.audit_id,
    roundId: row.round_id,
    roundName: row.round_name,
    reference: row.reference,
    teamName: row.team_name,
    auditorName: row.auditor_name,
    moderatorId: row.moderator_id,
    moderatorName: row.moderator_name,
    status: moderationStatusSchema.parse(row.status),
    resubmitted: row.status === 'returned' && row.audit_status === 'submitted',
    auditorOverall: blindState(row) === 'blind' ? null : grade(row.auditor_overall),
    moderatedOverall: grade(row.moderated_overall),
    blindState: blindState(row),
    sampledAt: row.sampled_at,
    moderatedAt: row.moderated_at,
  };
}

/** The moderations within the scope: a moderator's own queue, a QA lead's service's. */
export async function listModerations(
  db: Queryable,
  scope: DataScope,
  filter: { moderatorId?: string; roundId?: string },
): Promise<ModerationSummary[]> {
  const params: unknown[] = [];
  const conditions: string[] = [inScope(scope, { team: 'a.team_id', assignee: 'm.moderator_id' }, params)];
  if (filter.moderatorId) {
    params.push(filter.moderatorId);
    conditions.push(`m.moderator_id = $${params.length}`);
  }
  if (filter.roundId) {
    params.push(filter.roundId);
    conditions.push(`m.round_id = $${params.length}`);
  }
  const rows = await db.query<ModerationRow>(
    `${SELECT} WHERE ${conditions.join(' AND ')}
     ORDER BY (m.status = 'pending' OR (m.status = 'returned' AND a.status = 'submitted')) DESC, m.sampled_at DESC, c.reference`,
    params,
  );
  return rows.map(toSummary);
}

export async function requireModeration(db: Queryable, id: string, lock = false): Promise<ModerationRow> {
  const [row] = await db.query<ModerationRow>(
    `${SELECT} WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m, a' : ''}`,
    [id],
  );
  if (!row) throw appError('not_found', 'There is no moderation with that id.');
  return row;
}

export interface ModeratedAuditRow {
  id: string;
  status: 'draft' | 'submitted';
  rev: number;
  answers: unknown;
  completed_at: string | null;
  case_type_label: string;
  framework_key: string;
  framework_version: number;
}

/** The audit a moderation is about, with its case type's label. */
export async function requireModeratedAudit(db: Queryable, auditId: string): Promise<ModeratedAuditRow> {
  const [audit] = await db.query<ModeratedAuditRow>(
    `SELECT a.id, a.status, a.rev, a.answers, a.completed_at, ct.label AS case_type_label, a.framework_key, a.framework_version
     FROM audits a JOIN case_types ct ON ct.key = a.case_type WHERE a.id = $1`,
    [auditId],
  );
  if (!audit) throw appError('not_found', 'The audit this moderation is about no longer exists.');
  return audit;
}

export const parseAnswers = (value: unknown): Answers => {
  const parsed = answersSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
};

export const parseReasons = (value: unknown): Record<string, string> => {
  const parsed = z.record(z.string(), z.string()).safeParse(value);
  return parsed.success ? parsed.data : {};
};
