/** An audit report's row as the server reads it (migration 030), with its scope parsed. */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import type { ReportScope } from '../../shared/reports/report-scope';
import type { ReportStatus } from '../../shared/reports/report-content';
import { roundKindSchema } from '../../shared/rounds/round-schemas';

export interface ReportRow {
  id: string;
  serviceId: string;
  scope: ReportScope;
  title: string;
  summary: string;
  status: ReportStatus;
  createdAt: string;
  publishedAt: string | null;
  snapshot: string | null;
}

interface Row {
  id: string;
  service_id: string;
  scope_kind: string;
  round_id: string | null;
  month: string | null;
  tool_key: string | null;
  round_kind: string | null;
  theme: string | null;
  date_from: string | null;
  date_to: string | null;
  title: string;
  summary: string;
  status: ReportStatus;
  created_at: string;
  published_at: string | null;
  snapshot: string | null;
}

export const REPORT_SELECT = `SELECT id, service_id, scope_kind, round_id, month, tool_key, round_kind, theme,
  to_char(date_from, 'YYYY-MM-DD') AS date_from, to_char(date_to, 'YYYY-MM-DD') AS date_to, title, summary,
  status, created_at, published_at, snapshot FROM audit_reports r`;

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function scopeOf(row: Row): ReportScope {
  if (row.scope_kind === 'round') return { kind: 'round', roundId: row.round_id ?? '' };
  if (row.scope_kind === 'month')
    return { kind: 'month', month: row.month ?? '', toolKey: row.tool_key ?? '' };
  return {
    kind: 'theme',
    roundKind: roundKindSchema.parse(row.round_kind),
    theme: row.theme ?? '',
    toolKey: row.tool_key ?? '',
    from: row.date_from ?? '',
    to: row.date_to ?? '',
  };
}

export function toReportRow(row: Row): ReportRow {
  return {
    id: row.id,
    serviceId: row.service_id,
    scope: scopeOf(row),
    title: row.title,
    summary: row.summary,
    status: row.status,
    createdAt: iso(row.created_at) ?? '',
    publishedAt: iso(row.published_at),
    snapshot: row.snapshot,
  };
}

/** The report within the scope; another service's is not found, as if it did not exist. */
export async function requireReport(
  db: Queryable,
  id: string,
  scope: DataScope,
  drafts: boolean,
): Promise<ReportRow> {
  const params: unknown[] = [id];
  const [row] = await db.query<Row>(
    `${REPORT_SELECT} WHERE r.id = $1 AND ${inScope(scope, { service: 'r.service_id' }, params)}`,
    params,
  );
  // A manager reads published reports only: a draft is the QA lead's work in progress.
  if (!row || (row.status === 'draft' && !drafts))
    throw appError('not_found', 'There is no audit report with that id.');
  return toReportRow(row);
}

/** The service's reports, newest first; drafts only for those who write them (QA leads). */
export async function listReports(db: Queryable, scope: DataScope, drafts: boolean): Promise<ReportRow[]> {
  const params: unknown[] = [];
  const where = inScope(scope, { service: 'r.service_id' }, params);
  const qa = drafts;
  const rows = await db.query<Row>(
    `${REPORT_SELECT} WHERE ${where} ${qa ? '' : "AND r.status = 'published'"} ORDER BY r.created_at DESC, r.id LIMIT 500`,
    params,
  );
  return rows.map(toReportRow);
}
