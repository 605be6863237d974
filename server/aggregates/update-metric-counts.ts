/**
 * Keeps metric_counts exactly in step with the audits, inside the transaction of every audit
 * write (registered in server/audits/on-audit-written.ts): the audit's old contribution is
 * taken away and its new one added, netted first so an edit that changes nothing countable
 * writes nothing. Rows are written in one key order (the SQL's ORDER BY) so two concurrent
 * writers touching the same counts always lock them in the same order and cannot deadlock.
 */
import type { Queryable } from '../db/database';
import { loadFramework } from '../frameworks/framework-cache';
import {
  contributionKey,
  contributionsOf,
  type Contribution,
  type CountedAudit,
} from './audit-contributions';

async function overallKeyOf(tx: Queryable, key: string, version: number): Promise<string> {
  const framework = await loadFramework(tx, key, version);
  if (!framework) throw new Error(`framework ${key}@${version} is missing`);
  return framework.overallGradeKey;
}

export async function updateMetricCounts(
  tx: Queryable,
  before: CountedAudit | null,
  after: CountedAudit | null,
): Promise<void> {
  const removed =
    before && before.status === 'submitted'
      ? contributionsOf(before, await overallKeyOf(tx, before.frameworkKey, before.frameworkVersion))
      : [];
  const added =
    after && after.status === 'submitted'
      ? contributionsOf(after, await overallKeyOf(tx, after.frameworkKey, after.frameworkVersion))
      : [];
  await applyDeltas(tx, netDeltas(removed, added));
}

/** Additions minus removals, key by key, leaving out keys that cancel. */
export function netDeltas(
  removed: readonly Contribution[],
  added: readonly Contribution[],
): { key: string; row: Contribution; delta: number }[] {
  const net = new Map<string, { key: string; row: Contribution; delta: number }>();
  const bump = (row: Contribution, by: number) => {
    const key = contributionKey(row);
    const entry = net.get(key) ?? { key, row, delta: 0 };
    entry.delta += by;
    net.set(key, entry);
  };
  removed.forEach((row) => bump(row, -1));
  added.forEach((row) => bump(row, 1));
  return [...net.values()].filter((e) => e.delta !== 0);
}

async function applyDeltas(tx: Queryable, deltas: { row: Contribution; delta: number }[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map(({ row, delta }) => ({
    item_key: row.itemKey,
    month: row.month,
    team_id: row.teamId,
    case_type: row.caseType,
    framework_key: row.frameworkKey,
    framework_version: row.frameworkVersion,
    kind: row.kind,
    value: row.value,
    delta,
  }));
  const counts = await tx.query<{ audits: number }>(
    `INSERT INTO metric_counts AS m (item_key, month, team_id, case_type, framework_key, framework_version, kind, value, audits)
     SELECT item_key, month, team_id, case_type, framework_key, framework_version, kind, value, delta
     FROM jsonb_to_recordset($1::jsonb) AS x(item_key text, month date, team_id uuid, case_type text,
       framework_key text, framework_version integer, kind text, value text, delta integer)
     ORDER BY item_key, month, team_id, case_type, framework_key, framework_version, kind, value
     ON CONFLICT (item_key, month, team_id, case_type, framework_key, framework_version, kind, value)
     DO UPDATE SET audits = m.audits + EXCLUDED.audits
     RETURNING m.audits`,
    [JSON.stringify(rows)],
    { prepare: true },
  );
  // Taking away more than was counted means the counts were out of step with the audits: the
  // write fails (and rolls back) rather than let them drift further. rebuildMetricCounts mends.
  if (counts.some((c) => c.audits < 0)) {
    throw new Error('metric_counts would go below zero: rebuild them from the audits (rebuildMetricCounts)');
  }
}
