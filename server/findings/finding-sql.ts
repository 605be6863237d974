/**
 * The SQL that reads findings straight from audits' answers (one row per strengths or
 * areas-for-development text that is not blank), shared by the findings list, the report's
 * themes and the good-practice export so they always agree on what a finding is. The rule is
 * the same as `findingKind` in shared/findings/finding-kind.ts.
 */

/** Audits with their case and team, and each answer as `j`. */
export const FINDINGS_FROM = `audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
  CROSS JOIN LATERAL jsonb_each(a.answers) j`;

/** A submitted audit's non-blank strengths or areas-for-development text answer. */
export const IS_FINDING = `(a.status = 'submitted' AND NOT a.deleted
  AND (j.key = 'strengths' OR j.key LIKE '%.strengths' OR j.key LIKE '%areas-for-development')
  AND j.value ->> 'kind' = 'text' AND btrim(coalesce(j.value ->> 'value', '')) <> '')`;

/** The columns a finding row reads. */
export const FINDING_COLUMNS = `a.id AS audit_id, j.key AS item_key, j.value ->> 'value' AS text, c.reference,
  t.name AS team_name, t.id AS team_id, a.completed_at`;

export interface FindingRow {
  audit_id: string;
  item_key: string;
  text: string;
  reference: string;
  team_name: string;
  team_id: string;
  completed_at: string;
}
