/**
 * The maintained metric_counts beside a rebuild of them from the audits table, row for row
 * (the rebuild goes into a temporary table, so the counts themselves are untouched): the
 * check that every audit write kept the aggregates exactly in step.
 */
import type { Database } from '../../server/db/database';
import { REBUILD_METRIC_COUNTS_SQL } from '../../server/aggregates/rebuild-metric-counts';

const COLUMNS = 'item_key, month, team_id, case_type, framework_key, framework_version, kind, value, audits';

export async function countsAndRebuild(db: Database): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  const kept = await db.query(`SELECT ${COLUMNS} FROM metric_counts WHERE audits > 0 ORDER BY ${COLUMNS}`);
  const rebuilt = await db.transaction(async (tx) => {
    await tx.query('CREATE TEMP TABLE rebuilt (LIKE metric_counts) ON COMMIT DROP');
    await tx.query(REBUILD_METRIC_COUNTS_SQL.replace('INSERT INTO metric_counts', 'INSERT INTO rebuilt'));
    return tx.query(`SELECT ${COLUMNS} FROM rebuilt ORDER BY ${COLUMNS}`);
  });
  return { kept, rebuilt };
}
