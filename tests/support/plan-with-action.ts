/**
 * A new improvement plan with one area and one action in it, made through the API as the given
 * person (a manager): what a test of a plan measure starts from; and a measure added to it.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect } from 'vitest';
import type { Client, TestApp } from './test-app';
import { useSignedIn } from './use-test-app';
import type { ActionDetailView, MeasureView, PlanView } from '../../shared/plans/plan-views';

/** The area's and the action's fields, as the plan screens send them. */
export interface PlanWithActionInput {
  area: { reference: string; title: string; timescale: string; theme?: string };
  action: { number: string; description: string; owner?: string; targetDate?: string };
}

/** POSTs `json` as the given person; fails the test, with the server's answer, unless it was created. */
async function created<T>(by: Client, path: string, json: unknown): Promise<T> {
  const response = await by.request(path, { method: 'POST', json });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return JSON.parse(text) as T;
}

/** An inspection plan named uniquely, its one area and that area's one action. */
export async function planWithAction(
  by: Client,
  input: PlanWithActionInput,
): Promise<{ plan: PlanView; actionId: string }> {
  const plan = await created<PlanView>(by, '/api/plans', {
    title: `Plan ${randomUUID()}`,
    kind: 'inspection',
  });
  const withArea = await created<PlanView>(by, `/api/plans/${plan.id}/areas`, input.area);
  const detail = await created<ActionDetailView>(by, `/api/plans/${plan.id}/actions`, {
    areaId: withArea.areas[0]?.id,
    ...input.action,
  });
  return { plan, actionId: detail.action.id };
}

/**
 * Adds a measure to the action as the given person and answers it as the server stored it;
 * fails the test, with the server's answer, unless the measure was created (201).
 */
export async function addMeasure(
  by: Client,
  at: { planId: string; actionId: string },
  fields: Record<string, unknown>,
): Promise<MeasureView> {
  const detail = await created<ActionDetailView>(
    by,
    `/api/plans/${at.planId}/actions/${at.actionId}/measures`,
    fields,
  );
  return detail.measures[detail.measures.length - 1] as MeasureView;
}

/** A plan made by usePlanWithAction: its manager's client, its id, its one action's id. */
export interface ManagedPlan {
  readonly manager: Client;
  readonly id: string;
  readonly actionId: string;
  /** Adds a measure to the plan's action as its manager (addMeasure). */
  addMeasure(fields: Record<string, unknown>): Promise<MeasureView>;
}

/**
 * Signs `email` in (useSignedIn) and registers a `beforeAll` that makes their plan with one action
 * (planWithAction); call it after useTestApp. The answer reads the plan inside tests and later hooks.
 */
export function usePlanWithAction(
  t: TestApp,
  email: string,
  input: PlanWithActionInput,
  timeoutMs = 180_000,
): ManagedPlan {
  const manager = useSignedIn(t, email, timeoutMs);
  let made: { id: string; actionId: string } | undefined;
  beforeAll(async () => {
    const { plan, actionId } = await planWithAction(manager, input);
    made = { id: plan.id, actionId };
  }, timeoutMs);
  const plan = () => {
    if (!made) throw new Error('The plan is made in beforeAll: use it inside a test or a later hook.');
    return made;
  };
  return {
    manager,
    get id() {
      return plan().id;
    },
    get actionId() {
      return plan().actionId;
    },
    addMeasure: (fields) => addMeasure(manager, { planId: plan().id, actionId: plan().actionId }, fields),
  };
}
