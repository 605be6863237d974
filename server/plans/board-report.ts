/**
 * The board report's content as of a London date: the plan with each action's RAG, notes and
 * sign-off as they stood at the end of that day, the progress summaries, and every measure's
 * figures judged on that date. The printable page and the XLSX export are both drawn from it.
 */
import type { Queryable } from '../db/database';
import type { BoardReportView } from '../../shared/plans/plan-views';
import { loadPlanView, planMeasures } from './plan-store';

export async function boardReport(
  db: Queryable,
  planId: string,
  asOf: string,
  now: Date = new Date(),
): Promise<BoardReportView> {
  const plan = await loadPlanView(db, planId, asOf, asOf);
  const measures = await planMeasures(db, planId, asOf);
  const place = new Map(
    plan.areas.flatMap((area) =>
      area.actions.map((a) => [a.id, { actionNumber: a.number, areaReference: area.reference }]),
    ),
  );
  return {
    plan,
    asOf,
    measures: measures.map((m) => ({
      ...m,
      ...(place.get(m.actionId) ?? { actionNumber: '', areaReference: '' }),
    })),
    generatedAt: now.toISOString(),
  };
}
