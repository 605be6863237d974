/**
 * /api/audit-log: QA leads and admins search the log (by person, action, record and date
 * range, paged, newest first) and export what they found as CSV. Each search is logged with its
 * filters and how many rows it found; the export is itself logged,
 * with its filters, before a single row leaves: who took a copy of the log, and of what, is
 * part of the log. Access is declared in server/auth/access-rules.ts.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import {
  auditLogQuerySchema,
  type AuditLogPage,
  type AuditLogQuery,
} from '../../shared/accounts/audit-log-query';
import { actionLabel } from '../../shared/accounts/audit-actions';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { auditLogPageBefore, searchAuditLog } from './audit-log-search';
import { recordEvent } from './record-event';
import { requestOrigin } from './log-access';
import { csvLine } from './csv';
import { errorSafeStream } from '../http/error-safe-stream';
import { londonToday } from '../plans/london-today';

const EXPORT_PAGE = 1_000;

const CSV_HEADER = [
  'Time (UTC)',
  'Person',
  'E-mail',
  'Tried as',
  'Action',
  'What happened',
  'Record type',
  'Record id',
  'Detail',
  'Address',
  'Browser',
];

function parseQuery(raw: Record<string, string>): AuditLogQuery {
  const result = auditLogQuerySchema.safeParse(raw);
  if (!result.success) {
    throw appError(
      'validation_failed',
      'Some search fields need correcting.',
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

export function auditLogRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const person = requirePerson(c);
      const query = parseQuery(c.req.query());
      const { entries, total } = await searchAuditLog(deps.db, query, dataScope(c));
      // Who looked into the log, and for what, is part of the log (after the search, so the
      // page does not show its own row).
      await recordEvent(deps.db, {
        actorId: person.id,
        action: 'audit-log.searched',
        entityType: 'audit-log',
        detail: { filters: query, found: total },
        ...requestOrigin(c, deps),
      });
      const page: AuditLogPage = { entries, total, page: query.page, pageSize: query.pageSize };
      return c.json(page);
    })
    .get('/export', async (c) => {
      const person = requirePerson(c);
      const { page: _page, pageSize: _pageSize, ...filters } = parseQuery(c.req.query());
      await recordEvent(deps.db, {
        actorId: person.id,
        action: 'audit-log.exported',
        entityType: 'audit-log',
        detail: { filters },
        ...requestOrigin(c, deps),
      });
      const encoder = new TextEncoder();
      const csvOf = (rows: Awaited<ReturnType<typeof auditLogPageBefore>>): Uint8Array =>
        encoder.encode(
          rows
            .map((row) =>
              csvLine([
                row.at,
                row.actorName,
                row.actorEmail,
                row.actorLabel,
                row.action,
                actionLabel(row.action),
                row.entityType,
                row.entityId,
                Object.keys(row.detail).length ? JSON.stringify(row.detail) : '',
                row.ip,
                row.userAgent,
              ]),
            )
            .join(''),
        );
      // The first page is read here, so a failure there is an ordinary JSON error; later pages
      // are read as the download goes and fail without leaking (server/http/error-safe-stream.ts).
      const scope = dataScope(c);
      let rows = await auditLogPageBefore(deps.db, filters, null, EXPORT_PAGE, scope);
      // A byte-order mark so that Excel reads the file as UTF-8.
      const header = encoder.encode(`\uFEFF${csvLine(CSV_HEADER)}`);
      const firstRows = csvOf(rows);
      const first = new Uint8Array(header.length + firstRows.length);
      first.set(header);
      first.set(firstRows, header.length);
      const body = errorSafeStream('GET /api/audit-log/export', first, async () => {
        const beforeId = rows.at(-1)?.id ?? null;
        if (rows.length < EXPORT_PAGE || beforeId === null) return null;
        rows = await auditLogPageBefore(deps.db, filters, beforeId, EXPORT_PAGE, scope);
        return rows.length === 0 ? null : csvOf(rows);
      });
      const day = londonToday();
      return c.body(body, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="lantern-audit-log-${day}.csv"`,
      });
    });
}
