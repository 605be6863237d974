/**
 * The names a metric's filters are shown by: its teams (by id), case types and case flags (by
 * key), its audit tool (by framework key) and its rounds (by id), read in one query. A retired case type or flag keeps its name, marked "(retired)", so a
 * measure that filters on it still reads as the council set it up.
 */
import type { Queryable } from '../db/database';
import type { MetricFilters } from '../../shared/metrics/metric-definition';
import type { FilterNames } from '../../shared/metrics/metric-filter-words';

export async function filterNames(db: Queryable, filters: MetricFilters): Promise<FilterNames> {
  const teamIds = filters.teamIds ?? [];
  const caseTypeKeys = filters.caseTypeIds ?? [];
  const flagKeys = filters.flagIds ?? [];
  const toolKeys = (filters.frameworks ?? []).map((f) => f.key);
  const roundIds = filters.roundIds ?? [];
  const names: FilterNames = {
    teams: new Map(),
    caseTypes: new Map(),
    flags: new Map(),
    tools: new Map(),
    rounds: new Map(),
  };
  if (teamIds.length + caseTypeKeys.length + flagKeys.length + toolKeys.length + roundIds.length === 0)
    return names;
  const rows = await db.query<{
    kind: 'team' | 'case_type' | 'flag' | 'tool' | 'round';
    id: string;
    name: string;
  }>(
    `SELECT 'team' AS kind, id::text AS id, name FROM teams WHERE id::text = ANY($1::text[])
     UNION ALL
     SELECT 'case_type', key, label || CASE WHEN retired_at IS NULL THEN '' ELSE ' (retired)' END
       FROM case_types WHERE key = ANY($2::text[])
     UNION ALL
     SELECT 'flag', key, label || CASE WHEN retired_at IS NULL THEN '' ELSE ' (retired)' END
       FROM case_flags WHERE key = ANY($3::text[])
     UNION ALL
     SELECT 'tool', f.key, coalesce(max(t.name), max(f.title))
       FROM frameworks f LEFT JOIN audit_tools t ON t.key = f.key WHERE f.key = ANY($4::text[]) GROUP BY f.key
     UNION ALL
     SELECT 'round', id::text, name FROM rounds WHERE id::text = ANY($5::text[])`,
    [teamIds, caseTypeKeys, flagKeys, toolKeys, roundIds],
  );
  for (const row of rows) {
    const map =
      row.kind === 'team'
        ? names.teams
        : row.kind === 'case_type'
          ? names.caseTypes
          : row.kind === 'tool'
            ? (names.tools ?? new Map())
            : row.kind === 'round'
              ? (names.rounds ?? new Map())
              : names.flags;
    (map as Map<string, string>).set(row.id, row.name);
  }
  return names;
}
