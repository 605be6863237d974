/**
 * Audit reports' SQL (migration 030): a draft's words and recommendations, publishing (which
 * freezes the drawn content as JSON text), the distribution list and its sends, and a
 * recommendation sent into the improvement plan. A published report refuses every change here
 * (409) before the database's triggers would.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { ReportContent } from '../../shared/reports/report-content';
import type {
  ReportCreate,
  ReportEdit,
  ReportView,
  RecommendationView,
} from '../../shared/reports/report-schemas';
import { publishedDate } from '../../shared/reports/report-dates';
import { drawReport } from './report-draw';
import { REPORT_SELECT, toReportRow, type ReportRow } from './report-rows';

/** @throws AppError conflict when the report is published: it never changes. */
export function assertDraft(report: ReportRow): void {
  if (report.status === 'published')
    throw appError(
      'conflict',
      `This report was published on ${publishedDate(report.publishedAt ?? '')} and never changes. Start a new report to say more.`,
    );
}

/** The report's row locked for a change within the transaction. */
export async function lockReport(tx: Queryable, id: string): Promise<ReportRow> {
  const [row] = await tx.query<Parameters<typeof toReportRow>[0]>(
    `${REPORT_SELECT} WHERE r.id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw appError('not_found', 'There is no audit report with that id.');
  return toReportRow(row);
}

export async function dbNow(db: Queryable): Promise<string> {
  const [row] = await db.query<{ now: string | Date }>('SELECT now() AS now');
  return new Date(row?.now ?? Date.now()).toISOString();
}

export async function createReport(tx: Queryable, serviceId: string, personId: string, input: ReportCreate) {
  const id = randomUUID();
  const s = input.scope;
  await tx.query(
    `INSERT INTO audit_reports (id, service_id, scope_kind, round_id, month, tool_key, round_kind, theme, date_from, date_to, title, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      serviceId,
      s.kind,
      s.kind === 'round' ? s.roundId : null,
      s.kind === 'month' ? s.month : null,
      s.kind === 'round' ? null : s.toolKey,
      s.kind === 'theme' ? s.roundKind : null,
      s.kind === 'theme' ? s.theme : null,
      s.kind === 'theme' ? s.from : null,
      s.kind === 'theme' ? s.to : null,
      input.title,
      personId,
    ],
  );
  return id;
}

/** A draft's title, summary and recommendations; recommendations keep their ids (and plan links). */
export async function editReport(tx: Queryable, report: ReportRow, input: ReportEdit): Promise<void> {
  assertDraft(report);
  await tx.query('UPDATE audit_reports SET title = $2, summary = $3, updated_at = now() WHERE id = $1', [
    report.id,
    input.title,
    input.summary,
  ]);
  const existing = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM audit_report_recommendations WHERE report_id = $1', [
        report.id,
      ])
    ).map((r) => r.id),
  );
  const kept = input.recommendations.flatMap((r) => (r.id && existing.has(r.id) ? [r.id] : []));
  await tx.query(
    'DELETE FROM audit_report_recommendations WHERE report_id = $1 AND NOT (id::text = ANY($2::text[]))',
    [report.id, kept],
  );
  // Positions are unique: move the kept ones out of the way, then number everything in order.
  await tx.query(
    'UPDATE audit_report_recommendations SET position = position + 100000 WHERE report_id = $1',
    [report.id],
  );
  for (const [position, r] of input.recommendations.entries()) {
    if (r.id && existing.has(r.id))
      await tx.query('UPDATE audit_report_recommendations SET text = $2, position = $3 WHERE id = $1', [
        r.id,
        r.text,
        position,
      ]);
    else
      await tx.query(
        'INSERT INTO audit_report_recommendations (id, report_id, position, text) VALUES ($1, $2, $3, $4)',
        [randomUUID(), report.id, position, r.text],
      );
  }
}

export async function deleteReport(tx: Queryable, report: ReportRow): Promise<void> {
  assertDraft(report);
  await tx.query('DELETE FROM audit_reports WHERE id = $1', [report.id]);
}

/** Freezes what the report shows now; answers the content as published. */
export async function publishReport(
  tx: Queryable,
  report: ReportRow,
  person: Person,
): Promise<ReportContent> {
  assertDraft(report);
  const now = await dbNow(tx);
  const drawn = await drawReport(tx, report, now);
  if (drawn.figures.audits === 0)
    throw appError(
      'validation_failed',
      'This report covers no submitted audits yet, so there is nothing to publish.',
    );
  const content: ReportContent = { ...drawn, publishedAt: now, publishedByName: person.name };
  await tx.query(
    `UPDATE audit_reports SET status = 'published', published_at = $2, published_by = $3, published_by_name = $4,
       snapshot = $5, updated_at = $2 WHERE id = $1`,
    [report.id, now, person.id, person.name, JSON.stringify(content)],
  );
  return content;
}

/** The published snapshot, or a draft drawn live. */
export async function reportContent(db: Queryable, report: ReportRow): Promise<ReportContent> {
  if (report.snapshot !== null) return JSON.parse(report.snapshot) as ReportContent;
  return drawReport(db, report, await dbNow(db));
}

export async function reportView(db: Queryable, report: ReportRow): Promise<ReportView> {
  const [content, recommendations, recipients, sends] = await Promise.all([
    reportContent(db, report),
    db.query<{
      id: string;
      text: string;
      plan_id: string | null;
      action_id: string | null;
      number: string | null;
      linked: boolean;
    }>(
      `SELECT r.id, r.text, a.plan_id, a.id AS action_id, a.number, r.plan_finding_link_id IS NOT NULL AS linked
       FROM audit_report_recommendations r LEFT JOIN plan_actions a ON a.id = r.plan_action_id
       WHERE r.report_id = $1 ORDER BY r.position`,
      [report.id],
    ),
    db.query<{ email: string }>(
      'SELECT email FROM audit_report_recipients WHERE report_id = $1 ORDER BY email',
      [report.id],
    ),
    db.query<{ sent_at: string | Date; by: string | null; recipients: string[] }>(
      `SELECT s.sent_at, p.display_name AS by, s.recipients FROM audit_report_sends s
       LEFT JOIN people p ON p.id = s.sent_by WHERE s.report_id = $1 ORDER BY s.sent_at, s.id`,
      [report.id],
    ),
  ]);
  return {
    id: report.id,
    status: report.status,
    content,
    recommendations: recommendations.map((r): RecommendationView => ({
      id: r.id,
      text: r.text,
      plan:
        r.plan_id && r.action_id
          ? { planId: r.plan_id, actionId: r.action_id, number: r.number ?? '', linked: r.linked }
          : null,
    })),
    recipients: recipients.map((r) => r.email),
    sends: sends.map((s) => ({
      sentAt: new Date(s.sent_at).toISOString(),
      by: s.by ?? '',
      recipients: s.recipients.length,
    })),
  };
}

export async function setRecipients(
  tx: Queryable,
  reportId: string,
  emails: readonly string[],
): Promise<void> {
  await tx.query('DELETE FROM audit_report_recipients WHERE report_id = $1', [reportId]);
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  for (const email of unique)
    await tx.query('INSERT INTO audit_report_recipients (report_id, email) VALUES ($1, $2)', [
      reportId,
      email,
    ]);
}

/** The report's distribution list, by address. */
export async function reportRecipients(db: Queryable, reportId: string): Promise<string[]> {
  const rows = await db.query<{ email: string }>(
    'SELECT email FROM audit_report_recipients WHERE report_id = $1 ORDER BY email',
    [reportId],
  );
  return rows.map((r) => r.email);
}

/** Records a send of the report's link to the addresses it went to. */
export async function recordReportSend(
  tx: Queryable,
  reportId: string,
  sentBy: string,
  recipients: readonly string[],
): Promise<void> {
  await tx.query(
    'INSERT INTO audit_report_sends (id, report_id, sent_by, recipients) VALUES (gen_random_uuid(), $1, $2, $3)',
    [reportId, sentBy, recipients],
  );
}

/** Whether the round is one of the service's (a report is written about its own rounds). */
export async function isServiceRound(db: Queryable, roundId: string, serviceId: string): Promise<boolean> {
  const rows = await db.query('SELECT id FROM rounds WHERE id = $1 AND service_id = $2', [
    roundId,
    serviceId,
  ]);
  return rows.length > 0;
}

/** Whether the audit tool has ever been published (a draft's audits are none). */
export async function isPublishedTool(db: Queryable, toolKey: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM frameworks WHERE key = $1 AND status <> 'draft' LIMIT 1", [
    toolKey,
  ]);
  return rows.length > 0;
}
