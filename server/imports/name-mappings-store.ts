/**
 * The SQL behind the remembered names of case-list imports (import_name_mappings): read them
 * for an import, keep the ones an import decided (a new decision for a name replaces the old),
 * list them with their targets' current names, and forget one.
 */
import type { Queryable } from '../db/database';
import type { NameKind, NameMapping } from '../../shared/imports/import-names';
import type { RememberedMapping } from '../../shared/imports/resolve-names';

export async function loadRemembered(db: Queryable): Promise<RememberedMapping[]> {
  return db.query<RememberedMapping>(
    'SELECT kind, source_name AS source, target FROM import_name_mappings ORDER BY kind, source_name',
  );
}

/** Remembers each mapping, replacing any earlier one for the same name. */
export async function keepMappings(
  db: Queryable,
  mappings: readonly { kind: NameKind; source: string; sourceText: string; target: string }[],
  personId: string,
): Promise<void> {
  if (mappings.length === 0) return;
  await db.query(
    `INSERT INTO import_name_mappings (id, kind, source_name, source_text, target, created_by, updated_by)
     SELECT gen_random_uuid(), x.kind, x.source, x.source_text, x.target, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS x(kind text, source text, source_text text, target text)
     ON CONFLICT (kind, source_name) DO UPDATE SET target = excluded.target, source_text = excluded.source_text,
       updated_by = excluded.updated_by, updated_at = now()`,
    [
      JSON.stringify(
        mappings.map((m) => ({
          kind: m.kind,
          source: m.source,
          source_text: m.sourceText,
          target: m.target,
        })),
      ),
      personId,
    ],
  );
}

const SELECT_MAPPINGS = `
  SELECT m.id, m.kind, m.source_text AS source, m.target,
         CASE m.kind
           WHEN 'team' THEN (SELECT t.name FROM teams t WHERE t.id::text = m.target)
           WHEN 'case_type' THEN (SELECT c.label FROM case_types c WHERE c.key = m.target AND c.retired_at IS NULL)
           ELSE (SELECT f.label FROM case_flags f WHERE f.key = m.target AND f.retired_at IS NULL)
         END AS target_label,
         coalesce(p.display_name, '') AS created_by, m.updated_at AS created_at
  FROM import_name_mappings m LEFT JOIN people p ON p.id = coalesce(m.updated_by, m.created_by)`;

interface MappingRow {
  id: string;
  kind: NameKind;
  source: string;
  target: string;
  target_label: string | null;
  created_by: string;
  created_at: string | Date;
}

const toMapping = (row: MappingRow): NameMapping => ({
  id: row.id,
  kind: row.kind,
  source: row.source,
  target: row.target,
  targetLabel: row.target_label,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function listMappings(db: Queryable): Promise<NameMapping[]> {
  return (await db.query<MappingRow>(`${SELECT_MAPPINGS} ORDER BY m.kind, m.source_name`)).map(toMapping);
}

/** Forgets one mapping; returns what it was, or null when there is none with that id. */
export async function deleteMapping(db: Queryable, id: string): Promise<NameMapping | null> {
  const [row] = await db.query<MappingRow>(`${SELECT_MAPPINGS} WHERE m.id = $1`, [id]);
  if (!row) return null;
  await db.query('DELETE FROM import_name_mappings WHERE id = $1', [id]);
  return toMapping(row);
}
