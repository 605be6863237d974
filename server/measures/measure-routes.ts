/**
 * /api/plans/:planId/…/measures: bind an action to a metric computed from audits or to a
 * series entered by hand (a share, a count or a rate, higher or lower is better), with a
 * baseline and milestones; enter a period's figure by hand, or import a monthly performance
 * extract (previewed, then all rows or none).
 * A metric is checked against the framework when it is saved ("that item is free text",
 * "no answer can pass"), so a mistake shows now rather than as a silent 0% on a dashboard.
 */
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppDeps, LanternEnv } from '../http/app-env';
import type { Queryable } from '../db/database';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { logChange } from '../audit-log/log-access';
import {
  measureExtractInputSchema,
  measureInputSchema,
  measureValueInputSchema,
  type MeasureInput,
} from '../../shared/plans/plan-schemas';
import { checkFigure, futurePeriodProblem } from '../../shared/plans/measure-values';
import { londonToday } from '../plans/london-today';
import { importMeasureExtract } from './measure-extract-import';
import { manualMeasure, saveMeasureValue } from './measure-values-store';
import { metricProblems } from '../../shared/metrics/metric-definition';
import type { ComplianceFilters } from '../../shared/case-actions/compliance-measure';
import { dayNumberOf } from '../../shared/metrics/calendar-date';
import { periodBucketer, timeBucketSchema } from '../../shared/metrics/periods';
import { appError } from '../../shared/errors/app-error';
import { idParam, touchPlan } from '../plans/plan-store';
import { actionDetail, assertActionInPlan } from '../plans/action-store';
import {
  countTeamsOutsidePlanService,
  insertMeasure,
  isRoundOfPlanService,
  lockMeasureShape,
  measureColumns,
  unknownCaseTypesAndFlags,
  unknownRoundsAndThemes,
  updateMeasure,
} from './measure-store';
import { currentFramework } from '../frameworks/framework-cache';

async function assertSound(db: Queryable, input: MeasureInput, planId: string): Promise<void> {
  if (input.source === 'case_actions') return assertComplianceSound(db, input.compliance, planId);
  if (input.source !== 'audits') return;
  const problems: { path: string; message: string }[] = metricProblems(
    input.metric,
    await currentFramework(db),
  ).map((message) => ({ path: 'metric', message }));
  // A measure counts its plan's service's audits only: a team it filters on must be one of them.
  const teamIds = input.metric.filters.teamIds ?? [];
  if (teamIds.length > 0) {
    if ((await countTeamsOutsidePlanService(db, planId, teamIds)) > 0)
      problems.push({
        path: 'metric.filters.teamIds',
        message: 'It filters on a team outside the plan’s service.',
      });
  }
  // A case type or flag it filters on must be one the council keeps (retired ones too: their
  // audits keep counting), or the measure would silently count nothing.
  const caseTypeKeys = input.metric.filters.caseTypeIds ?? [];
  const flagKeys = input.metric.filters.flagIds ?? [];
  if (caseTypeKeys.length + flagKeys.length > 0) {
    const unknown = await unknownCaseTypesAndFlags(db, caseTypeKeys, flagKeys);
    for (const u of unknown)
      problems.push({
        path: `metric.filters.${u.field}`,
        message: `It filters on a ${u.field === 'flagIds' ? 'case flag' : 'case type'} Lantern does not know (“${u.key}”).`,
      });
  }
  // A round or theme it filters on must be one of the plan's service's rounds, or it would count nothing.
  const roundIds = input.metric.filters.roundIds ?? [];
  const themes = input.metric.filters.themes ?? [];
  if (roundIds.length + themes.length > 0) {
    const unknown = await unknownRoundsAndThemes(db, planId, roundIds, themes);
    for (const u of unknown)
      problems.push({
        path: `metric.filters.${u.field}`,
        message:
          u.field === 'roundIds'
            ? `There is no such round in the plan’s service (“${u.key}”).`
            : `No round of the plan’s service has the theme “${u.key}”.`,
      });
  }
  if (problems.length > 0)
    throw appError('validation_failed', 'This measure cannot be counted from audits as it stands.', problems);
}

/** A compliance measure counts its plan's service's actions: its teams and round must be of that service. */
async function assertComplianceSound(
  db: Queryable,
  filters: ComplianceFilters,
  planId: string,
): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  if ((await countTeamsOutsidePlanService(db, planId, filters.teamIds)) > 0)
    problems.push({ path: 'compliance.teamIds', message: 'It counts a team outside the plan’s service.' });
  if (filters.roundId !== null) {
    if (!(await isRoundOfPlanService(db, planId, filters.roundId)))
      problems.push({ path: 'compliance.roundId', message: 'There is no such round in the plan’s service.' });
  }
  if (problems.length > 0)
    throw appError(
      'validation_failed',
      'This measure cannot count post-audit compliance as it stands.',
      problems,
    );
}

/**
 * A measure whose figures are kept by hand cannot change what those figures are (a count read
 * as a share, a month as a quarter): every stored value would be read wrongly. Refused, by
 * field, while it has values; a new measure is the way to track something else.
 */
async function refuseReshapingKeptFigures(
  tx: Queryable,
  planId: string,
  measureId: string,
  source: string,
  kind: string,
  bucket: string,
): Promise<void> {
  const current = await lockMeasureShape(tx, planId, measureId);
  if (!current || current.source !== 'manual' || current.values === 0) return;
  const changed =
    source !== 'manual'
      ? 'source'
      : kind !== current.kind
        ? 'kind'
        : bucket !== current.bucket
          ? 'bucket'
          : null;
  if (!changed) return;
  const message = `This measure already has ${current.values} ${current.values === 1 ? 'figure' : 'figures'} entered, so its ${
    changed === 'bucket' ? 'period' : changed
  } cannot change: they would be read wrongly. Add a new measure to track something else.`;
  throw appError('conflict', message, [{ path: changed, message }]);
}

export function measureRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .post('/:planId/actions/:actionId/measures', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const actionId = idParam(c.req.param('actionId'), 'action');
      const input = await parseBody(c, measureInputSchema);
      await assertSound(deps.db, input, planId);
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        await assertActionInPlan(tx, planId, actionId);
        await insertMeasure(tx, { id, planId, actionId }, measureColumns(input));
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', id, { measure: 'created', planId, actionId });
      });
      return c.json(await actionDetail(deps.db, planId, actionId), 201);
    })
    .put('/:planId/measures/:measureId', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const measureId = idParam(c.req.param('measureId'), 'measure');
      const input = await parseBody(c, measureInputSchema);
      await assertSound(deps.db, input, planId);
      const actionId = await deps.db.transaction(async (tx) => {
        const col = measureColumns(input);
        await refuseReshapingKeptFigures(tx, planId, measureId, input.source, col.kind, col.bucket);
        const actionId = await updateMeasure(tx, planId, measureId, col);
        if (actionId === null) throw appError('not_found', 'There is no such measure in this plan.');
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', measureId, { measure: 'updated', planId });
        return actionId;
      });
      return c.json(await actionDetail(deps.db, planId, actionId));
    })
    .put('/:planId/measures/:measureId/values', async (c) => {
      const person = requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const measureId = idParam(c.req.param('measureId'), 'measure');
      const input = await parseBody(c, measureValueInputSchema);
      const actionId = await deps.db.transaction(async (tx) => {
        const measure = await manualMeasure(tx, planId, measureId);
        const bucketer = periodBucketer(timeBucketSchema.parse(measure.bucket));
        const period = bucketer.period(bucketer.keyOfDay(dayNumberOf(input.date)));
        const current = bucketer.period(bucketer.keyOfDay(dayNumberOf(londonToday())));
        const future = futurePeriodProblem(period.startDate, current.startDate, period.label);
        if (future) throw appError('validation_failed', future, [{ path: 'date', message: future }]);
        const checked = checkFigure(measure.kind, input);
        if (!checked.ok)
          throw appError(
            'validation_failed',
            checked.problems[0]?.message ?? 'The figure is not valid.',
            checked.problems.map((p) => ({ path: p.field, message: p.message })),
          );
        await saveMeasureValue(tx, measureId, period, checked.figure, input.note, person.id);
        await touchPlan(tx, planId);
        await logChange(c, deps, tx, 'plan-item', measureId, {
          measure: 'value entered',
          period: period.id,
          value: checked.figure.value,
        });
        return measure.action_id;
      });
      return c.json(await actionDetail(deps.db, planId, actionId));
    })
    .post('/:planId/measures/:measureId/values/import', async (c) => {
      const person = requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const measureId = idParam(c.req.param('measureId'), 'measure');
      const input = await parseBody(c, measureExtractInputSchema);
      const answer = await importMeasureExtract(
        deps.db,
        { planId, measureId, input, personId: person.id },
        (tx, rows) =>
          logChange(c, deps, tx, 'plan-item', measureId, {
            measure: 'values imported',
            fileName: input.fileName,
            periods: rows.map((r) => r.period.id),
          }),
      );
      return c.json(
        answer.applied ? { ...answer, action: await actionDetail(deps.db, planId, answer.actionId) } : answer,
      );
    });
}
