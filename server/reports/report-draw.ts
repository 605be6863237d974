/**
 * Draws an audit report's content (shared/reports/report-content.ts) from the database: the
 * audits its scope covers in its service and those of the previous comparable round or period,
 * read by the metric scan every figure uses (server/metrics/scan-metric.ts: submitted,
 * independent audits, moderated grades where a moderator decided), composed by the shared rules
 * (shared/reports/report-figures.ts), with moderation agreement and the coded findings
 * (server/findings/report-themes-store.ts). A draft is drawn on every read; publishing freezes
 * one drawing (report-store.ts).
 */
import type { Queryable } from '../db/database';
import { scopeOfService } from '../auth/service-scope';
import { scannedAudits } from '../metrics/scan-metric';
import { loadFramework } from '../frameworks/framework-cache';
import { reportThemes } from '../findings/report-themes-store';
import { appError } from '../../shared/errors/app-error';
import { composeReportFigures } from '../../shared/reports/report-figures';
import type { ReportContent, ReportCovers } from '../../shared/reports/report-content';
import {
  monthRange,
  previousMonth,
  previousRange,
  type DateRange,
  type ReportScope,
} from '../../shared/reports/report-scope';
import { monthWords, rangeWords } from '../../shared/reports/report-dates';
import { ROUND_KIND_LABELS, type RoundKind } from '../../shared/rounds/round-schemas';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import type { MetricFilters } from '../../shared/metrics/metric-definition';
import type { AuditWithAgency } from '../../shared/metrics/split-by-agency';
import { londonDate } from '../../shared/metrics/london-date';
import type { ReportRow } from './report-rows';
import { readOrganisation } from '../organisation/organisation-store';

/** Every round's audits, whenever they were completed: the scan's widest range. */
const ALL_TIME: DateRange = { from: '2000-01-01', to: '2100-12-31' };

interface RoundBrief {
  id: string;
  name: string;
  kind: RoundKind;
  theme: string;
  start_date: string;
  end_date: string;
  framework_key: string;
}

async function audits(
  db: Queryable,
  serviceId: string,
  toolKey: string,
  filters: MetricFilters,
  range: DateRange,
): Promise<AuditWithAgency[]> {
  const scanned = await scannedAudits(db, {
    definition: {
      name: 'audit report',
      source: { item: 'overall.grade' },
      passing: [0, 1],
      filters: { ...filters, frameworks: [{ key: toolKey }] },
      bucket: 'month',
    },
    scope: scopeOfService(serviceId),
    range,
  });
  if (!scanned) return [];
  // The scan reads whole months: keep the audits completed within the range itself.
  return scanned.withAgency.filter((a) => {
    const day = a.audit.completedAt ? londonDate(a.audit.completedAt) : null;
    return day !== null && day >= range.from && day <= range.to;
  });
}

const ROUND_COLUMNS = `id, name, kind, theme, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, framework_key`;

function roundWords(round: RoundBrief): string {
  return `${ROUND_KIND_LABELS[round.kind]} “${round.name}”, ${rangeWords(round.start_date, round.end_date)}`;
}

interface Coverage {
  toolKey: string;
  current: AuditWithAgency[];
  previous: AuditWithAgency[] | null;
  words: string;
  previousWords: string | null;
  rounds: { id: string; name: string }[];
}

async function cover(db: Queryable, serviceId: string, scope: ReportScope): Promise<Coverage> {
  if (scope.kind === 'round') {
    const [round] = await db.query<RoundBrief>(
      `SELECT ${ROUND_COLUMNS} FROM rounds WHERE id = $1 AND service_id = $2`,
      [scope.roundId, serviceId],
    );
    if (!round) throw appError('not_found', 'The round this report covers is not in your service.');
    // The previous comparable round: the latest earlier one of the same kind, theme and tool.
    const [before] = await db.query<RoundBrief>(
      `SELECT ${ROUND_COLUMNS} FROM rounds
       WHERE service_id = $1 AND kind = $2 AND framework_key = $3 AND id <> $4 AND start_date < $5::date
         AND ($2 <> 'thematic' OR lower(btrim(theme)) = lower(btrim($6)))
       ORDER BY start_date DESC, created_at DESC LIMIT 1`,
      [serviceId, round.kind, round.framework_key, round.id, round.start_date, round.theme],
    );
    return {
      toolKey: round.framework_key,
      current: await audits(db, serviceId, round.framework_key, { roundIds: [round.id] }, ALL_TIME),
      previous: before
        ? await audits(db, serviceId, round.framework_key, { roundIds: [before.id] }, ALL_TIME)
        : null,
      words: roundWords(round),
      previousWords: before ? roundWords(before) : null,
      rounds: [{ id: round.id, name: round.name }],
    };
  }
  if (scope.kind === 'month') {
    const before = previousMonth(scope.month);
    return {
      toolKey: scope.toolKey,
      current: await audits(db, serviceId, scope.toolKey, {}, monthRange(scope.month)),
      previous: await audits(db, serviceId, scope.toolKey, {}, monthRange(before)),
      words: `audits completed in ${monthWords(scope.month)}`,
      previousWords: `audits completed in ${monthWords(before)}`,
      rounds: [],
    };
  }
  const filters: MetricFilters = {
    kinds: [scope.roundKind],
    ...(scope.theme ? { themes: [scope.theme] } : {}),
  };
  const range = { from: scope.from, to: scope.to };
  const before = previousRange(range);
  const what = `audits in ${ROUND_KIND_LABELS[scope.roundKind].toLowerCase()} rounds${scope.theme ? ` on “${scope.theme}”` : ''}`;
  const rounds = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM rounds WHERE service_id = $1 AND kind = $2 AND ($3 = '' OR theme = $3)
       AND start_date <= $5::date AND end_date >= $4::date ORDER BY start_date, name`,
    [serviceId, scope.roundKind, scope.theme, scope.from, scope.to],
  );
  return {
    toolKey: scope.toolKey,
    current: await audits(db, serviceId, scope.toolKey, filters, range),
    previous: await audits(db, serviceId, scope.toolKey, filters, before),
    words: `${what} completed ${rangeWords(range.from, range.to)}`,
    previousWords: `${what} completed ${rangeWords(before.from, before.to)}`,
    rounds,
  };
}

/** The report's content as it stands now (a draft's live figures, or what publishing freezes). */
export async function drawReport(db: Queryable, report: ReportRow, drawnAt: string): Promise<ReportContent> {
  const coverage = await cover(db, report.serviceId, report.scope);
  const { current } = coverage;
  const [latest] = await db.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM frameworks WHERE key = $1 AND status <> 'draft'`,
    [coverage.toolKey],
  );
  // Item keys are stable across a tool's versions: the newest version used names the figures.
  const version = Math.max(latest?.version ?? 1, ...current.map((a) => a.audit.frameworkVersion));
  const framework = await loadFramework(db, coverage.toolKey, version);
  if (!framework) throw appError('not_found', 'The audit tool this report covers is missing.');
  const ids = current.map((a) => a.audit.id);
  // One after another: `db` may be a transaction's one client, which runs one statement at a time.
  const teams = await db.query<{ id: string; name: string }>(
    'SELECT id::text AS id, name FROM teams WHERE service_id = $1',
    [report.serviceId],
  );
  const pairs = await db.query<{ auditor_overall: number; blind_overall: number }>(
    `SELECT m.auditor_overall, m.blind_overall FROM moderations m
     WHERE m.audit_id::text = ANY($1::text[]) AND m.status IN ('agreed', 'regraded')
       AND m.auditor_overall IS NOT NULL AND m.blind_overall IS NOT NULL`,
    [ids],
  );
  const themes = await reportThemes(db, ids);
  const organisation = await readOrganisation(db);
  const [service] = await db.query<{ name: string }>('SELECT name FROM services WHERE id = $1', [
    report.serviceId,
  ]);
  const recommendations = await db.query<{ id: string; text: string }>(
    'SELECT id, text FROM audit_report_recommendations WHERE report_id = $1 ORDER BY position',
    [report.id],
  );
  const days = current.flatMap((a) => (a.audit.completedAt ? [londonDate(a.audit.completedAt)] : [])).sort();
  const covers: ReportCovers = {
    scope: report.scope,
    words: `${coverage.words}; ${framework.title}`,
    from: days[0] ?? null,
    to: days.at(-1) ?? null,
    rounds: coverage.rounds,
    tool: { key: framework.key, title: framework.title },
    previousWords: coverage.previousWords,
  };
  return {
    reportId: report.id,
    title: report.title,
    organisation: { name: organisation?.name ?? 'Lantern', isDemo: organisation?.is_demo ?? false },
    serviceName: service?.name ?? '',
    covers,
    figures: composeReportFigures({
      framework,
      current,
      previous: coverage.previous,
      teamNames: new Map(teams.map((t) => [t.id, t.name])),
      agreementPairs: pairs.map((p) => ({
        auditor: gradeIndexSchema.parse(p.auditor_overall),
        moderator: gradeIndexSchema.parse(p.blind_overall),
      })),
    }),
    themes,
    summary: report.summary,
    recommendations,
    drawnAt,
    publishedAt: null,
    publishedByName: null,
  };
}
