/**
 * The columns of a completed audit that every metric groups and filters by, as a query returns
 * them: which audit, when it was completed, for which team and case type, under which tool version
 * and of which kind. A query that feeds a metric selects these and adds its own.
 */
export interface AuditMetricRow {
  id: string;
  completed_at: string;
  team_id: string;
  case_type: string;
  framework_key: string;
  framework_version: number;
  kind: string;
}
