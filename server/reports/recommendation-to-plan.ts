/**
 * A report's recommended action goes straight into the improvement plan: as a new numbered
 * action under a chosen area of a plan of the report's service, or by linking one of the
 * service's findings (an area for development, such as one quoted) to an existing action.
 * Either is recorded on the recommendation (migration 030 lets a published report's
 * recommendation record this and nothing else).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { RecommendationToPlan } from '../../shared/reports/report-schemas';
import { nextPosition, touchPlan } from '../plans/plan-store';
import { findingText } from '../plans/findings';
import type { ReportRow } from './report-rows';

const invalid = (path: string, message: string) =>
  appError('validation_failed', 'Some fields need correcting.', [{ path, message }]);

/** @returns the plan action the recommendation became or was linked to. */
export async function recommendationToPlan(
  tx: Queryable,
  report: ReportRow,
  recommendationId: string,
  input: RecommendationToPlan,
  person: Person,
): Promise<{ planId: string; actionId: string }> {
  const [recommendation] = await tx.query<{ text: string; plan_action_id: string | null }>(
    'SELECT text, plan_action_id FROM audit_report_recommendations WHERE id = $1 AND report_id = $2 FOR UPDATE',
    [recommendationId, report.id],
  );
  if (!recommendation) throw appError('not_found', 'This report has no such recommendation.');
  if (recommendation.plan_action_id)
    throw appError('conflict', 'This recommendation is already in the improvement plan.');
  const [plan] = await tx.query('SELECT id FROM plans WHERE id = $1 AND service_id = $2', [
    input.planId,
    report.serviceId,
  ]);
  if (!plan) throw invalid('planId', "Choose one of your service's improvement plans.");

  let actionId: string;
  let linkId: string | null = null;
  if (input.mode === 'new-action') {
    const [area] = await tx.query('SELECT id FROM plan_areas WHERE id = $1 AND plan_id = $2', [
      input.areaId,
      input.planId,
    ]);
    if (!area) throw invalid('areaId', 'Choose an area of this plan.');
    const [clash] = await tx.query('SELECT id FROM plan_actions WHERE plan_id = $1 AND number = $2', [
      input.planId,
      input.number,
    ]);
    if (clash)
      throw invalid('number', `This plan already has an action “${input.number}”. Choose another number.`);
    actionId = randomUUID();
    await tx.query(
      `INSERT INTO plan_actions (id, plan_id, area_id, number, description, owner, target_date, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        actionId,
        input.planId,
        input.areaId,
        input.number,
        recommendation.text,
        input.owner,
        input.targetDate,
        await nextPosition(tx, 'plan_actions', input.planId),
      ],
    );
  } else {
    const [action] = await tx.query('SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2', [
      input.actionId,
      input.planId,
    ]);
    if (!action) throw invalid('actionId', 'Choose an action of this plan.');
    actionId = input.actionId;
    // Only a finding (an area for development) of an audit of the report's service.
    const text = await findingText(tx, report.serviceId, input.auditId, input.itemKey, 0);
    if (text === null) throw invalid('auditId', 'That audit has no such finding.');
    linkId = randomUUID();
    const [link] = await tx.query<{ id: string }>(
      `INSERT INTO plan_finding_links (id, action_id, audit_id, item_key, item_index, excerpt, linked_by)
       VALUES ($1, $2, $3, $4, 0, $5, $6)
       ON CONFLICT (action_id, audit_id, item_key, item_index) DO UPDATE SET excerpt = plan_finding_links.excerpt
       RETURNING id`,
      [linkId, actionId, input.auditId, input.itemKey, text.slice(0, 2000), person.id],
    );
    linkId = link?.id ?? linkId;
  }
  await tx.query(
    `UPDATE audit_report_recommendations SET plan_action_id = $2, plan_finding_link_id = $3,
       sent_to_plan_at = now(), sent_to_plan_by = $4 WHERE id = $1`,
    [recommendationId, actionId, linkId, person.id],
  );
  await touchPlan(tx, input.planId);
  return { planId: input.planId, actionId };
}
