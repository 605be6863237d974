/**
 * How an audit row becomes the document devices and screens see. One SELECT list and one
 * mapping, so push, pull and the audit routes can never describe an audit differently.
 */
import type { Answers } from '../../shared/framework/answer-schema';
import type { AuditDocument } from '../../shared/sync/audit-document';

export const AUDIT_COLUMNS_SQL = `a.id, a.case_id, a.framework_key, a.framework_version, a.status, a.answers,
  a.completed_at, a.rev, a.auditor_id, a.updated_at, coalesce(u.display_name, '') AS updated_by_name,
  a.returned_note, a.deleted`;

/** FROM clause that goes with AUDIT_COLUMNS_SQL. */
export const AUDIT_FROM_SQL = 'audits a LEFT JOIN people u ON u.id = a.updated_by';

export interface AuditRow {
  id: string;
  case_id: string;
  framework_key: string;
  framework_version: number;
  status: 'draft' | 'submitted';
  answers: Answers;
  completed_at: string | null;
  rev: number;
  auditor_id: string;
  updated_at: string;
  updated_by_name: string;
  returned_note: string | null;
  deleted: boolean;
}

export function auditDocument(row: AuditRow): AuditDocument {
  return {
    id: row.id,
    caseId: row.case_id,
    frameworkKey: row.framework_key,
    frameworkVersion: row.framework_version,
    status: row.status,
    answers: row.answers,
    completedAt: row.completed_at,
    rev: row.rev,
    auditorId: row.auditor_id,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by_name,
    returnedNote: row.returned_note,
    deleted: row.deleted,
  };
}
