/**
 * The whole audit, read for one of the people entitled to it (audit-record-routes.ts): the
 * audit and its framework, the moderation, the safeguarding alert and its acknowledgements, the
 * case actions as followed up, the practitioner's responses and every revision with the answers
 * it changed, before and after. Read-only; the route logs the view.
 */
import type { Queryable } from '../db/database';
import type { GradeIndex } from '../../shared/metrics/grade-scale';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import { loadFramework } from '../frameworks/framework-cache';
import { parseAnswers, parseReasons } from '../moderation/moderation-store';
import { sameAnswer } from '../../shared/sync/merge-answers';
import type { Answers } from '../../shared/framework/answer-schema';
import type { AuditRecord, RecordListItem, RecordRevision } from '../../shared/audits/audit-record-schemas';
import { responseKindSchema } from '../../shared/audits/audit-record-schemas';
import { isAuditorOfSql } from '../allocations/joint-audits';

const iso = (value: unknown): string => new Date(value as string).toISOString();
const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : iso(value);

interface AuditHead {
  id: string;
  case_id: string;
  status: 'draft' | 'submitted';
  rev: number;
  reference: string;
  team_id: string;
  service_id: string;
  team_name: string;
  case_type_label: string;
  kind: string;
  auditor_id: string;
  auditor_name: string;
  completed_at: unknown;
  overall_grade: GradeIndex | null;
  answers: unknown;
  framework_key: string;
  framework_version: number;
  practitioner_id: string | null;
  practitioner_name: string | null;
}

/**
 * Reads the record.
 * @throws not_found when there is no such audit; conflict when it is a draft and the reader is
 *   not one of its auditors (a draft is its auditors' own work until they submit it).
 */
export async function loadAuditRecord(db: Queryable, auditId: string, person: Person): Promise<AuditRecord> {
  const [head] = await db.query<AuditHead>(
    `SELECT a.id, a.case_id, a.status, a.rev, c.reference, a.team_id, t.service_id, t.name AS team_name, ct.label AS case_type_label,
            a.kind, a.auditor_id, au.display_name AS auditor_name, a.completed_at, a.overall_grade, a.answers,
            a.framework_key, a.framework_version, c.practitioner_id, pr.display_name AS practitioner_name
     FROM audits a
     JOIN cases c ON c.id = a.case_id
     JOIN teams t ON t.id = a.team_id
     JOIN case_types ct ON ct.key = a.case_type
     JOIN people au ON au.id = a.auditor_id
     LEFT JOIN people pr ON pr.id = c.practitioner_id
     WHERE a.id = $1 AND NOT a.deleted`,
    [auditId],
  );
  if (!head) throw appError('not_found', 'There is no audit with that id.');
  if (head.status === 'draft' && !(await isAuditorOf(db, auditId, person.id)))
    throw appError(
      'conflict',
      'This audit is with its auditor and has not been submitted yet. You can read it once it is submitted.',
    );
  const framework = await loadFramework(db, head.framework_key, head.framework_version);
  if (!framework) throw appError('internal', 'The framework this audit was written on is missing.');

  const [moderation] = await db.query<{
    status: string;
    moderator_name: string;
    moderated_at: unknown;
    moderated_answers: unknown;
    reasons: unknown;
    return_note: string | null;
  }>(
    `SELECT m.status, p.display_name AS moderator_name, m.moderated_at, m.moderated_answers, m.reasons, m.return_note
     FROM moderations m JOIN people p ON p.id = m.moderator_id WHERE m.audit_id = $1`,
    [auditId],
  );
  const [alert] = await db.query<{
    id: string;
    raised_at: unknown;
    escalated_at: unknown;
    acknowledged_at: unknown;
  }>('SELECT id, raised_at, escalated_at, acknowledged_at FROM alerts WHERE audit_id = $1', [auditId]);
  const acknowledgements = alert
    ? await db.query<{ name: string; at: unknown; note: string }>(
        `SELECT p.display_name AS name, r.acknowledged_at AS at, r.note
         FROM alert_recipients r JOIN people p ON p.id = r.person_id
         WHERE r.alert_id = $1 AND r.acknowledged_at IS NOT NULL ORDER BY r.acknowledged_at`,
        [alert.id],
      )
    : [];
  const responses = await db.query<{
    id: string;
    kind: string;
    body: string;
    author_name: string;
    created_at: unknown;
  }>(
    `SELECT r.id, r.kind, r.body, p.display_name AS author_name, r.created_at
     FROM practitioner_responses r JOIN people p ON p.id = r.author_id
     WHERE r.audit_id = $1 ORDER BY r.created_at, r.id`,
    [auditId],
  );
  const isQaLeadOfService =
    person.roles.includes('qa_lead') && person.serviceId !== null && person.serviceId === head.service_id;

  return {
    audit: {
      id: head.id,
      caseId: head.case_id,
      status: head.status,
      rev: head.rev,
      reference: head.reference,
      teamName: head.team_name,
      caseTypeLabel: head.case_type_label,
      kind: head.kind,
      auditorName: head.auditor_name,
      completedAt: isoOrNull(head.completed_at),
      overallGrade: head.overall_grade,
      answers: parseAnswers(head.answers),
    },
    practitioner: head.practitioner_id
      ? { id: head.practitioner_id, name: head.practitioner_name ?? '' }
      : null,
    framework,
    moderation: moderation
      ? {
          status: moderation.status,
          moderatorName: moderation.moderator_name,
          moderatedAt: isoOrNull(moderation.moderated_at),
          moderatedAnswers: parseAnswers(moderation.moderated_answers),
          reasons: parseReasons(moderation.reasons),
          returnNote: moderation.return_note,
        }
      : null,
    alert: alert
      ? {
          raisedAt: iso(alert.raised_at),
          escalatedAt: isoOrNull(alert.escalated_at),
          acknowledgedAt: isoOrNull(alert.acknowledged_at),
          acknowledgements: acknowledgements.map((a) => ({ name: a.name, at: iso(a.at), note: a.note })),
        }
      : null,
    caseActions: await loadCaseActions(db, auditId),
    responses: responses.map((r) => ({
      id: r.id,
      kind: responseKindSchema.parse(r.kind),
      text: r.body,
      authorName: r.author_name,
      createdAt: iso(r.created_at),
    })),
    history: await loadHistory(db, auditId),
    mayRespond:
      head.status === 'submitted' &&
      head.practitioner_id === person.id &&
      person.roles.includes('practitioner'),
    mayChoosePractitioner: isQaLeadOfService,
  };
}

/** Whether the person is one of the audit's auditors: its lead, or one allocated to it jointly. */
async function isAuditorOf(db: Queryable, auditId: string, personId: string): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }>(
    `SELECT ${isAuditorOfSql('a', '$2')} AS yes FROM audits a WHERE a.id = $1`,
    [auditId, personId],
  );
  return row?.yes === true;
}

/** Every accepted revision, oldest first, with each answer it changed before and after. */
async function loadHistory(db: Queryable, auditId: string): Promise<RecordRevision[]> {
  const rows = await db.query<{ rev: number; status: string; answers: Answers; at: unknown; by: string }>(
    `SELECT r.rev, r.status, r.answers, r.changed_at AS at, p.display_name AS by
     FROM audit_revisions r JOIN people p ON p.id = r.changed_by
     WHERE r.audit_id = $1 ORDER BY r.rev`,
    [auditId],
  );
  return rows.map((row, i) => {
    const before = parseAnswers(rows[i - 1]?.answers ?? {});
    const after = parseAnswers(row.answers);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return {
      rev: row.rev,
      status: row.status,
      at: iso(row.at),
      by: row.by,
      changes: keys
        .filter((key) => !sameAnswer(before[key], after[key]))
        .map((key) => ({ itemKey: key, before: before[key] ?? null, after: after[key] ?? null })),
    };
  });
}

/** The audit's case actions as their owners follow them up (withdrawn ones left out). */
async function loadCaseActions(db: Queryable, auditId: string): Promise<AuditRecord['caseActions']> {
  const rows = await db.query<{
    id: string;
    what: string;
    who: string;
    owner_name: string | null;
    due_on: string;
    state: 'open' | 'done' | 'not_needed';
    not_needed_reason: string;
    evidence: string;
    completed_on: string | null;
  }>(
    `SELECT x.id, x.what, x.who, p.display_name AS owner_name, x.due_date::text AS due_on, x.state,
            x.not_needed_reason, x.evidence, x.completed_on::text AS completed_on
     FROM case_actions x LEFT JOIN people p ON p.id = x.owner_id
     WHERE x.audit_id = $1 AND x.withdrawn_at IS NULL ORDER BY x.created_at, x.action_key`,
    [auditId],
  );
  return rows.map((r) => ({
    id: r.id,
    what: r.what,
    who: r.who,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    state: r.state,
    notNeededReason: r.not_needed_reason,
    evidence: r.evidence,
    completedOn: r.completed_on,
  }));
}

/** The most the list of readable audits shows; older audits stay reachable from their links. */
const READABLE_LIMIT = 200;

/**
 * The submitted audits a person reads because of who they are to the case: its practitioner,
 * or a named manager of its team. Newest first.
 */
export async function readableAudits(db: Queryable, personId: string): Promise<RecordListItem[]> {
  const rows = await db.query<{
    audit_id: string;
    reference: string;
    team_name: string;
    auditor_name: string;
    completed_at: unknown;
    overall_grade: GradeIndex | null;
    own_case: boolean;
    responses: number;
  }>(
    `SELECT a.id AS audit_id, c.reference, t.name AS team_name, au.display_name AS auditor_name, a.completed_at,
            -- Hidden from a person moderating this audit until their own grades are saved (blind).
            CASE WHEN EXISTS (SELECT 1 FROM moderations m WHERE m.audit_id = a.id AND m.moderator_id = $1::uuid
                                AND m.blind_at IS NULL AND m.status IN ('pending', 'returned'))
                 THEN NULL ELSE a.overall_grade END AS overall_grade, (c.practitioner_id IS NOT DISTINCT FROM $1::uuid) AS own_case,
            (SELECT count(*)::int FROM practitioner_responses r WHERE r.audit_id = a.id) AS responses
     FROM audits a
     JOIN cases c ON c.id = a.case_id
     JOIN teams t ON t.id = a.team_id
     JOIN people au ON au.id = a.auditor_id
     WHERE a.status = 'submitted' AND NOT a.deleted
       AND (c.practitioner_id = $1::uuid
            OR a.team_id IN (SELECT team_id FROM team_managers WHERE person_id = $1::uuid))
     ORDER BY a.completed_at DESC, a.id
     LIMIT ${READABLE_LIMIT}`,
    [personId],
  );
  return rows.map((r) => ({
    auditId: r.audit_id,
    reference: r.reference,
    teamName: r.team_name,
    auditorName: r.auditor_name,
    completedAt: isoOrNull(r.completed_at),
    overallGrade: r.overall_grade,
    because: r.own_case ? 'own_case' : 'managed_team',
    responses: r.responses,
  }));
}

/**
 * The submitted audit of the practitioner's own case, locked for their response; null when it
 * is back with its auditor or the case is no longer theirs.
 */
export async function lockRespondableAudit(
  tx: Queryable,
  auditId: string,
  practitionerId: string,
): Promise<{ reference: string; auditor_id: string; service_id: string } | null> {
  const [audit] = await tx.query<{ reference: string; auditor_id: string; service_id: string }>(
    `SELECT c.reference, a.auditor_id, t.service_id
     FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
     WHERE a.id = $1 AND a.status = 'submitted' AND NOT a.deleted AND c.practitioner_id = $2
     FOR UPDATE OF a`,
    [auditId, practitionerId],
  );
  return audit ?? null;
}

export async function insertPractitionerResponse(
  tx: Queryable,
  response: { id: string; auditId: string; authorId: string; kind: string; text: string },
): Promise<void> {
  await tx.query(
    'INSERT INTO practitioner_responses (id, audit_id, author_id, kind, body) VALUES ($1, $2, $3, $4, $5)',
    [response.id, response.auditId, response.authorId, response.kind, response.text],
  );
}

/** The active QA leads of a service: told of a practitioner's response. */
export async function activeQaLeadIds(db: Queryable, serviceId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM people WHERE active AND 'qa_lead' = ANY (roles) AND service_id = $1`,
    [serviceId],
  );
  return rows.map((r) => r.id);
}
