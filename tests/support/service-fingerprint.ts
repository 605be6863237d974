/**
 * A service's data as text, every row a write could change (its cases, audits and their
 * revisions, moderations, allocations, its round and plan, alerts, counts), for the generated
 * access tests (server/auth/service-data.test.ts, guest-data.test.ts): a write by someone who
 * must not reach the service leaves it the same.
 */
import type { Queryable } from '../../server/db/database';
import type { ServiceWorld } from './two-service-world';

/** Every row of a service's data that a write could change, as text. */
export async function fingerprint(db: Queryable, w: ServiceWorld): Promise<string> {
  // The service, its cases, its plan and its round, named once as columns of `p`.
  const teams = `(SELECT id FROM teams WHERE service_id = (SELECT s FROM p))`;
  const cases = `(SELECT id FROM cases WHERE team_id IN ${teams} OR id IN (SELECT unnest(c) FROM p))`;
  const audits = `(SELECT id FROM audits WHERE team_id IN ${teams})`;
  const plan = '(SELECT plan FROM p)';
  const round = '(SELECT round FROM p)';
  const actions = `(SELECT id FROM plan_actions WHERE plan_id = ${plan})`;
  const tables: [string, string][] = [
    ['cases', `id IN ${cases}`],
    ['audits', `id IN ${audits}`],
    ['audit_revisions', `audit_id IN ${audits}`],
    ['moderations', `audit_id IN ${audits}`],
    ['practitioner_responses', `audit_id IN ${audits}`],
    ['allocations', `case_id IN ${cases} OR round_id = ${round}`],
    ['rounds', `id = ${round}`],
    ['round_cases', `round_id = ${round} OR case_id IN ${cases}`],
    ['alerts', `team_id IN ${teams}`],
    ['alert_recipients', `alert_id IN (SELECT id FROM alerts WHERE team_id IN ${teams})`],
    ['plans', `id = ${plan}`],
    ['plan_areas', `plan_id = ${plan}`],
    ['plan_actions', `plan_id = ${plan}`],
    ['plan_action_events', `action_id IN ${actions}`],
    ['plan_measures', `plan_id = ${plan}`],
    ['plan_measure_values', `measure_id IN (SELECT id FROM plan_measures WHERE plan_id = ${plan})`],
    ['plan_finding_links', `action_id IN ${actions} OR audit_id IN ${audits}`],
    ['metric_counts', `team_id IN ${teams}`],
  ];
  const parts: string[] = [];
  for (const [table, where] of tables) {
    const [row] = await db.query<{ rows: string | null }>(
      `WITH p AS (SELECT $1::uuid AS s, $2::uuid[] AS c, $3::uuid AS plan, $4::uuid AS round)
       SELECT (SELECT json_agg(x ORDER BY x::text) FROM (SELECT to_jsonb(t) AS x FROM ${table} t WHERE ${where}) s)::text AS rows`,
      [w.serviceId, w.caseIds, w.planId, w.roundId],
    );
    parts.push(`${table}: ${row?.rows ?? '[]'}`);
  }
  return parts.join('\n');
}
