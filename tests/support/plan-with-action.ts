/**
 * A new improvement plan with one area and one action in it, made through the API as the given
 * person (a manager): what a test of a plan measure starts from.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from './test-app';
import type { ActionDetailView, PlanView } from '../../shared/plans/plan-views';

/** The area's and the action's fields, as the plan screens send them. */
export interface PlanWithActionInput {
  area: { reference: string; title: string; timescale: string };
  action: { number: string; description: string };
}

/** An inspection plan named uniquely, its one area and that area's one action. */
export async function planWithAction(
  by: Client,
  input: PlanWithActionInput,
): Promise<{ plan: PlanView; actionId: string }> {
  const plan = (await (
    await by.request('/api/plans', {
      method: 'POST',
      json: { title: `Plan ${randomUUID()}`, kind: 'inspection' },
    })
  ).json()) as PlanView;
  const withArea = (await (
    await by.request(`/api/plans/${plan.id}/areas`, { method: 'POST', json: input.area })
  ).json()) as PlanView;
  const detail = (await (
    await by.request(`/api/plans/${plan.id}/actions`, {
      method: 'POST',
      json: { areaId: withArea.areas[0]?.id, ...input.action },
    })
  ).json()) as ActionDetailView;
  return { plan, actionId: detail.action.id };
}
