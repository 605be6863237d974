/**
 * /api/metrics: the dashboard's trends (by month, quarter, financial year or practice week,
 * optionally split by team, case type or agency), the figures for every section grade and
 * question over a range for the same audits (teams, case types, kinds, case flags, case age,
 * rounds, round themes), and the choices the dashboard offers (rounds and themes of the reader's
 * service only). Figures come from readMetric: the pre-aggregated counts wherever
 * they can answer.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { dataScope, type DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import {
  filterQuerySchema,
  filtersOfQuery,
  trendDefinition,
  trendQuerySchema,
} from '../../shared/plans/trend-query';
import { AT_LEAST_GOOD } from '../../shared/metrics/grade-scale';
import { metricFiltersSchema, type MetricDefinition } from '../../shared/metrics/metric-definition';
import { calendarDateSchema } from '../../shared/validation/bounded-date';
import { timeBucketSchema } from '../../shared/metrics/periods';
import { readMetric } from './read-metric';
import { countsCanAnswer } from './count-metric';
import { scannedAudits } from './scan-metric';
import { evaluateMetric } from '../../shared/metrics/evaluate-metric';
import { practiceWeeksBetween } from './practice-week-source';
import { currentFramework } from '../frameworks/framework-cache';
import {
  caseFlagChoices,
  caseTypeChoices,
  caseTypeNames,
  publishedToolChoices,
  roundChoices,
  teamsInScope,
} from './metric-store';
import type { Queryable } from '../db/database';
import { AGENCY_LABELS, agencySchema } from '../../shared/accounts/agencies';
import { ROUND_KIND_LABELS, roundKindSchema } from '../../shared/rounds/round-schemas';

async function groupNames(db: Queryable, scope: DataScope, groupBy: string): Promise<Map<string, string>> {
  if (groupBy === 'agency') return new Map(Object.entries(AGENCY_LABELS));
  const rows = groupBy === 'team' ? await teamsInScope(db, scope) : await caseTypeNames(db);
  return new Map(rows.map((r) => [r.id, r.name]));
}

function invalid(issues: { path: PropertyKey[]; message: string }[]) {
  return appError(
    'validation_failed',
    'Some choices need correcting.',
    issues.map((i) => ({ path: i.path.map(String).join('.') || '(query)', message: i.message })),
  );
}

export function metricRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/trend', async (c) => {
      requirePerson(c);
      const scope = dataScope(c);
      const parsed = trendQuerySchema.safeParse(c.req.query());
      if (!parsed.success) throw invalid(parsed.error.issues);
      const query = parsed.data;
      const definition = trendDefinition(query);
      if (!definition.success) throw invalid(definition.error.issues);
      const range = { from: query.from, to: query.to };
      const practiceWeeks =
        query.bucket === 'practice-week'
          ? await practiceWeeksBetween(deps.db, scope, query.from, query.to)
          : undefined;
      const groupBy = query.groupBy === 'none' ? null : query.groupBy;
      const answer = await readMetric(deps.db, {
        definition: definition.data,
        scope,
        range,
        groupBy,
        ...(practiceWeeks ? { practiceWeeks } : {}),
      });
      const names = groupBy ? await groupNames(deps.db, scope, groupBy) : new Map<string, string>();
      return c.json({
        method: answer.method,
        series: answer.series.map((s) => ({
          group: s.group,
          label: s.group === null ? 'All audits selected' : (names.get(s.group) ?? s.group),
          periods: s.result.periods,
          overall: s.result.overall,
        })),
      });
    })
    .get('/items', async (c) => {
      requirePerson(c);
      const from = calendarDateSchema.safeParse(c.req.query('from') ?? '');
      const to = calendarDateSchema.safeParse(c.req.query('to') ?? '');
      if (!from.success || !to.success || from.data > to.data)
        throw appError('validation_failed', 'Choose the dates to show.', [
          ...(from.success ? [] : [{ path: 'from', message: from.error.issues[0]?.message ?? '' }]),
          ...(to.success ? [] : [{ path: 'to', message: to.error.issues[0]?.message ?? '' }]),
          ...(from.success && to.success
            ? [{ path: 'from', message: 'Enter a start date on or before the end date.' }]
            : []),
        ]);
      // The same audits as the trend above it: teams, case types, kinds, flags and case age; and
      // the same periods (they were bucketed by quarter while the chart was by month, the table
      // counted whole quarters and showed a second figure for one measure).
      const query = filterQuerySchema.safeParse(c.req.query());
      if (!query.success) throw invalid(query.error.issues);
      const bucket = timeBucketSchema.default('quarter').safeParse(c.req.query('bucket'));
      if (!bucket.success)
        throw invalid([
          { path: ['bucket'], message: 'Choose month, quarter, financial year or practice week.' },
        ]);
      const filters = metricFiltersSchema.safeParse(filtersOfQuery(query.data));
      if (!filters.success) throw invalid(filters.error.issues);
      const framework = await currentFramework(deps.db);
      const scope = dataScope(c);
      const range = { from: from.data, to: to.data };
      const base = {
        name: 'Every item',
        passing: ['yes' as const],
        filters: filters.data,
        bucket: bucket.data,
      };
      // Filters the counts are not keyed by (case flags, case age) need the audits themselves:
      // read them once and evaluate every item over that one read, not one scan per item.
      const scanned = countsCanAnswer({ definition: { ...base, source: { item: 'any' } }, scope, range })
        ? null
        : await scannedAudits(deps.db, { definition: { ...base, source: { item: 'any' } }, scope, range });
      const sections = [];
      for (const section of framework.sections) {
        const items = [];
        for (const item of section.items) {
          if (item.kind !== 'grade' && item.kind !== 'question' && item.kind !== 'yes-no-note') continue;
          if (item.key === framework.safeguardingConcernKey) continue;
          const definition: MetricDefinition = {
            name: item.label,
            source: { item: item.key },
            passing: item.kind === 'grade' ? [...AT_LEAST_GOOD] : ['yes'],
            filters: filters.data,
            bucket: bucket.data,
          };
          const result = scanned
            ? evaluateMetric(definition, scanned.audits, scanned.options)
            : (await readMetric(deps.db, { definition, scope, range })).series[0]?.result;
          items.push({
            key: item.key,
            label: item.label,
            kind: item.kind,
            passingLabel: item.kind === 'grade' ? 'at least good' : 'yes',
            overall: result?.overall ?? { k: 0, n: 0, fraction: null, interval: null },
            periods: result?.periods ?? [],
          });
        }
        if (items.length > 0) sections.push({ key: section.key, title: section.title, items });
      }
      return c.json({ sections });
    })
    .get('/options', async (c) => {
      requirePerson(c);
      const framework = await currentFramework(deps.db);
      const scope = dataScope(c);
      // One after another, so no one connection is asked for a second statement while it runs one.
      const teams = await teamsInScope(deps.db, scope);
      const caseTypes = await caseTypeChoices(deps.db);
      const caseFlags = await caseFlagChoices(deps.db);
      const tools = await publishedToolChoices(deps.db);
      const rounds = await roundChoices(deps.db, scope);
      const kindWords = (kind: string) => {
        const parsed = roundKindSchema.safeParse(kind);
        return parsed.success ? ROUND_KIND_LABELS[parsed.data] : kind;
      };
      return c.json({
        teams,
        caseTypes: caseTypes.map((t) => ({ id: t.key, name: t.retired ? `${t.label} (retired)` : t.label })),
        caseFlags: caseFlags.map((f) => ({ id: f.key, name: f.retired ? `${f.label} (retired)` : f.label })),
        tools: tools.map((t) => ({ id: t.key, name: t.name })),
        rounds: rounds.map((r) => ({
          id: r.id,
          name: `${r.name} (${kindWords(r.kind)}${r.theme ? `: ${r.theme}` : ''})`,
        })),
        themes: [...new Set(rounds.map((r) => r.theme.trim()).filter(Boolean))]
          .sort((a, b) => a.localeCompare(b))
          .map((theme) => ({ id: theme, name: theme })),
        agencies: agencySchema.options.map((agency) => ({ id: agency, name: AGENCY_LABELS[agency] })),
        framework: {
          key: framework.key,
          version: framework.version,
          overallGradeKey: framework.overallGradeKey,
        },
        sections: framework.sections
          .map((section) => ({
            key: section.key,
            title: section.title,
            items: section.items
              .filter(
                (i) =>
                  (i.kind === 'grade' || i.kind === 'question' || i.kind === 'yes-no-note') &&
                  i.key !== framework.safeguardingConcernKey,
              )
              .map((i) => ({ key: i.key, label: i.label, kind: i.kind })),
          }))
          .filter((s) => s.items.length > 0),
      });
    });
}
