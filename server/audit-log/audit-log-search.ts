/**
 * The SQL behind searching the audit log: filters by person (name, e-mail or the address a
 * failed sign-in tried), action (exact, or a family: 'sign-in' also finds 'sign-in.failed'),
 * record, and a date range in Europe/London; newest first. Used by the paged search and by
 * the CSV export, which walks the same filter in pages by id.
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import type { AuditLogEntry, AuditLogQuery } from '../../shared/accounts/audit-log-query';

interface EntryRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: Record<string, unknown> | string;
  ip: string;
  user_agent: string;
}

type Filters = Omit<AuditLogQuery, 'page' | 'pageSize'>;

/**
 * WHERE clause and parameters for the filters within the scope; parameters are numbered from 1.
 * The admin reads the whole log; a QA lead what the people of their service did and what
 * anyone did to an audit of their service.
 */
function whereClause(filters: Filters, scope: DataScope): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const byService = inScope(scope, { service: 'p.service_id' }, params);
  const aboutAudit = inScope(scope, { team: 'sa.team_id' }, params);
  const conditions: string[] = [
    `(${byService} OR (l.entity_type = 'audit' AND l.entity_id IN (SELECT sa.id::text FROM audits sa WHERE ${aboutAudit})))`,
  ];
  const add = (condition: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filters.person) {
    const pattern = `%${filters.person.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    add(
      (n) => `(lower(p.display_name) LIKE ${n} OR p.email LIKE ${n} OR lower(l.actor_label) LIKE ${n})`,
      pattern,
    );
  }
  if (filters.action) add((n) => `(l.action = ${n} OR l.action LIKE ${n} || '.%')`, filters.action);
  if (filters.entityType) add((n) => `l.entity_type = ${n}`, filters.entityType);
  if (filters.entityId) add((n) => `l.entity_id = ${n}`, filters.entityId);
  if (filters.from) add((n) => `l.at >= (${n}::date)::timestamp AT TIME ZONE 'Europe/London'`, filters.from);
  if (filters.to) add((n) => `l.at < ((${n}::date) + 1)::timestamp AT TIME ZONE 'Europe/London'`, filters.to);
  return { sql: `WHERE ${conditions.join(' AND ')}`, params };
}

const SELECT = `SELECT l.id, l.at, l.actor_id, p.display_name AS actor_name, p.email AS actor_email,
  l.actor_label, l.action, l.entity_type, l.entity_id, l.detail, l.ip, l.user_agent
  FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id`;

const toEntry = (row: EntryRow): AuditLogEntry => ({
  id: Number(row.id),
  at: row.at,
  actorId: row.actor_id,
  actorName: row.actor_name,
  actorEmail: row.actor_email,
  actorLabel: row.actor_label,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  detail: typeof row.detail === 'string' ? parseDetail(row.detail) : row.detail,
  ip: row.ip,
  userAgent: row.user_agent,
});

function parseDetail(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...parsed } : {};
}

export async function searchAuditLog(
  db: Queryable,
  query: AuditLogQuery,
  scope: DataScope,
): Promise<{ entries: AuditLogEntry[]; total: number }> {
  const where = whereClause(query, scope);
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*) AS total FROM audit_log l LEFT JOIN people p ON p.id = l.actor_id ${where.sql}`,
    where.params,
  );
  const n = where.params.length;
  const rows = await db.query<EntryRow>(
    `${SELECT} ${where.sql} ORDER BY l.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { entries: rows.map(toEntry), total: count?.total ?? 0 };
}

/** One page of matching entries older than `beforeId` (all, when null), newest first. */
export async function auditLogPageBefore(
  db: Queryable,
  filters: Filters,
  beforeId: number | null,
  limit: number,
  scope: DataScope,
): Promise<AuditLogEntry[]> {
  const where = whereClause(filters, scope);
  const params = [...where.params];
  let sql = where.sql;
  if (beforeId !== null) {
    params.push(beforeId);
    sql = `${sql ? `${sql} AND` : 'WHERE'} l.id < $${params.length}`;
  }
  params.push(limit);
  const rows = await db.query<EntryRow>(
    `${SELECT} ${sql} ORDER BY l.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEntry);
}
