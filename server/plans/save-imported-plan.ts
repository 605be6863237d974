/**
 * Writes an imported plan in one transaction: the plan, its areas and actions in file order,
 * and, where the file had them, each action's RAG and progress note as the first entries of
 * its history (attributed to the person who imported it, "from the imported file").
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import type { ImportedArea } from '../../shared/plans/plan-import';
import type { AreaNoun } from '../../shared/plans/plan-vocabulary';
import { insertRows } from '../db/insert-rows';
import { PLAN_ACTION_EVENT_COLUMNS, PLAN_ACTION_KEPT_COLUMNS, PLAN_AREA_KEPT_COLUMNS } from './plan-columns';

export async function saveImportedPlan(
  tx: Queryable,
  input: {
    title: string;
    kind: 'inspection' | 'merged';
    areaNoun: AreaNoun;
    fileName: string;
    areas: ImportedArea[];
  },
  person: Pick<Person, 'id' | 'name'>,
  /** The service the plan belongs to: the importer's. */
  serviceId: string,
): Promise<string> {
  const planId = randomUUID();
  await tx.query(
    `INSERT INTO plans (id, title, kind, area_noun, sources, created_by, service_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [planId, input.title, input.kind, input.areaNoun, '[]', person.id, serviceId],
  );
  const areaRows: object[] = [];
  const actionRows: object[] = [];
  const eventRows: object[] = [];
  const by = `${person.name} (from ${input.fileName})`;
  const areaIds = new Map(input.areas.map((area) => [area.reference, randomUUID()]));
  const alsoRows: object[] = [];
  input.areas.forEach((area, a) => {
    const areaId = areaIds.get(area.reference) ?? randomUUID();
    areaRows.push({
      id: areaId,
      plan_id: planId,
      reference: area.reference,
      title: area.title,
      theme: area.theme,
      source: area.source,
      timescale: area.timescale,
      timescale_date: area.timescaleDate,
      position: a + 1,
      recurrence: area.recurrence,
      recurrence_start: area.recurrenceStart,
      outcomes: area.outcomes,
    });
    for (const action of area.actions) {
      const actionId = randomUUID();
      actionRows.push({
        id: actionId,
        plan_id: planId,
        area_id: areaId,
        number: action.number,
        description: action.description,
        owner: action.owner,
        target_date: action.targetDate,
        position: actionRows.length + 1,
        timescale: action.timescale,
        recurrence: action.recurrence,
        recurrence_start: action.recurrenceStart,
      });
      for (const other of new Set(action.alsoAnswers))
        if (other !== area.reference) alsoRows.push({ action_id: actionId, area_id: areaIds.get(other) });
      if (action.rag)
        eventRows.push({
          action_id: actionId,
          kind: 'rag',
          rag: action.rag,
          text: 'As recorded in the imported plan',
          by_id: person.id,
          by_name: by,
        });
      if (action.progress)
        eventRows.push({
          action_id: actionId,
          kind: 'note',
          rag: null,
          text: action.progress,
          by_id: person.id,
          by_name: by,
        });
    }
  });
  await insertRows(tx, 'plan_areas', PLAN_AREA_KEPT_COLUMNS, areaRows);
  await insertRows(tx, 'plan_actions', PLAN_ACTION_KEPT_COLUMNS, actionRows);
  await insertRows(tx, 'plan_action_areas', { action_id: 'uuid', area_id: 'uuid' }, alsoRows);
  await insertRows(tx, 'plan_action_events', PLAN_ACTION_EVENT_COLUMNS, eventRows);
  return planId;
}
