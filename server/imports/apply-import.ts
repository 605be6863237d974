/**
 * Writes a prepared import, all or nothing, in the caller's transaction: first what its
 * decisions create (teams, case types, flags — through the admin's own store functions) and
 * the names they map, remembered for the next import; then the cases. New cases are inserted,
 * changed ones updated (only the fields the file has a column for), unchanged ones left alone
 * — so importing the same file again changes nothing, not even `updated_at`. Rows travel as
 * one JSON parameter per chunk (insert-rows.ts's approach), which keeps a 20,000-row list well
 * under the import's 5-second budget on PGlite.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import type { PreparedImport } from './prepare-import';
import type { ImportedCase } from '../../shared/imports/case-row-validation';
import type { NameKind } from '../../shared/imports/import-names';
import { createTeam } from '../admin/teams-store';
import { createCaseType, createFlag } from '../admin/case-labels-store';
import { keepMappings } from './name-mappings-store';

/** What the decisions created, for the result and the audit log. */
export interface CreatedName {
  kind: NameKind;
  id: string;
  name: string;
  serviceId: string | null;
}

/**
 * Creates what the prepared import's decisions create, remembers the names they map, and puts
 * the real ids and keys in place of the placeholders in the cases. NOTE: mutates `prepared`.
 */
export async function applyDecisions(
  tx: Queryable,
  prepared: PreparedImport,
  personId: string,
): Promise<{ created: CreatedName[]; remembered: number }> {
  const resolved = prepared.resolved;
  if (!resolved) return { created: [], remembered: 0 };
  const real = new Map<string, string>();
  const created: CreatedName[] = [];
  for (const creation of resolved.creations) {
    let id: string;
    if (creation.kind === 'team') {
      if (creation.serviceId === null) throw new Error('a team to create has no service');
      id = (await createTeam(tx, { name: creation.name, serviceId: creation.serviceId })).id;
    } else if (creation.kind === 'case_type') id = (await createCaseType(tx, creation.name)).key;
    else id = (await createFlag(tx, creation.name)).key;
    real.set(creation.placeholder, id);
    created.push({ kind: creation.kind, id, name: creation.name, serviceId: creation.serviceId });
  }
  const swap = (value: string): string => real.get(value) ?? value;
  if (real.size > 0) {
    const changes = prepared.changes;
    for (const c of [...changes.created, ...changes.updated]) {
      c.teamId = swap(c.teamId);
      c.caseType = swap(c.caseType);
      // The file's order, as validateCaseRows kept it.
      if (c.flags) c.flags = [...new Set(c.flags.map(swap))];
    }
  }
  await keepMappings(
    tx,
    resolved.mappings.map((m) => ({ ...m, target: swap(m.target) })),
    personId,
  );
  return { created, remembered: resolved.mappings.length };
}

const CHUNK = 5_000;

/** The columns an update may touch for this file's mapping, beyond team and case type. */
function optionalColumns(
  mapping: PreparedImport['mapping'],
): { column: string; type: string; field: keyof ImportedCase }[] {
  return [
    {
      column: 'allocated_worker',
      type: 'text',
      field: 'allocatedWorker' as const,
      mapped: mapping.allocatedWorker,
    },
    {
      column: 'practitioner_id',
      type: 'uuid',
      field: 'practitionerId' as const,
      mapped: mapping.workerEmail,
    },
    { column: 'plan_type', type: 'text', field: 'planType' as const, mapped: mapping.planType },
    { column: 'flags', type: 'text[]', field: 'flags' as const, mapped: mapping.flags },
    { column: 'closed', type: 'boolean', field: 'closed' as const, mapped: mapping.closed },
    { column: 'opened_on', type: 'date', field: 'openedOn' as const, mapped: mapping.openedOn },
  ].filter((c) => c.mapped !== null);
}

export async function applyImport(
  tx: Queryable,
  prepared: PreparedImport,
): Promise<{ created: number; updated: number }> {
  const { created, updated } = prepared.changes;
  const extra = optionalColumns(prepared.mapping);
  const row = (c: ImportedCase): Record<string, unknown> => ({
    reference: c.reference,
    team_id: c.teamId,
    case_type: c.caseType,
    ...Object.fromEntries(extra.map((e) => [e.column, c[e.field]])),
  });
  if (created.length > 0) {
    await insertRows(
      tx,
      'cases',
      {
        id: 'uuid',
        reference: 'text',
        team_id: 'uuid',
        case_type: 'text',
        ...Object.fromEntries(extra.map((e) => [e.column, e.type])),
      },
      created.map((c) => ({ id: crypto.randomUUID(), ...row(c) })),
      CHUNK,
    );
  }
  const set = ['team_id', 'case_type', ...extra.map((e) => e.column)];
  const typed = [
    'reference text',
    'team_id uuid',
    'case_type text',
    ...extra.map((e) => `${e.column} ${e.type}`),
  ].join(', ');
  const sql = `UPDATE cases c SET ${set.map((col) => `${col} = x.${col}`).join(', ')}, updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS x(${typed})
    WHERE c.reference = x.reference AND (${set.map((col) => `c.${col}`).join(', ')}) IS DISTINCT FROM (${set
      .map((col) => `x.${col}`)
      .join(', ')})`;
  let changed = 0;
  for (let i = 0; i < updated.length; i += CHUNK) {
    const rows = await tx.query(`${sql} RETURNING c.id`, [
      JSON.stringify(updated.slice(i, i + CHUNK).map(row)),
    ]);
    changed += rows.length;
  }
  return { created: created.length, updated: changed };
}
