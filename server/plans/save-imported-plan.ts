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
  await insertRows(
    tx,
    'plan_areas',
    {
      id: 'uuid',
      plan_id: 'uuid',
      reference: 'text',
      title: 'text',
      theme: 'text',
      source: 'text',
      timescale: 'text',
      timescale_date: 'date',
      position: 'integer',
      recurrence: 'text',
      recurrence_start: 'date',
      outcomes: 'jsonb',
    },
    areaRows,
  );
  await insertRows(
    tx,
    'plan_actions',
    {
      id: 'uuid',
      plan_id: 'uuid',
      area_id: 'uuid',
      number: 'text',
      description: 'text',
      owner: 'text',
      target_date: 'date',
      position: 'integer',
      timescale: 'text',
      recurrence: 'text',
      recurrence_start: 'date',
    },
    actionRows,
  );
  await insertRows(tx, 'plan_action_areas', { action_id: 'uuid', area_id: 'uuid' }, alsoRows);
  await insertRows(
    tx,
    'plan_action_events',
    { action_id: 'uuid', kind: 'text', rag: 'text', text: 'text', by_id: 'uuid', by_name: 'text' },
    eventRows,
  );
  return planId;
}
