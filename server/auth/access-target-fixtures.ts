/**
 * For the access matrix test: a record of each target kind (access-targets.ts) in a given
 * place — a team, its service, and the person it is allocated to — returning the value for the
 * route's path parameter. Adding a target kind? The type checker asks for its fixture here:
 * insert the smallest record of that kind in `place` and return its id.
 */
import type { Queryable } from '../db/database';
import type { TargetKind } from './access-targets';

export interface FixturePlace {
  teamId: string;
  serviceId: string;
  assigneeId: string;
}

export const TARGET_FIXTURES: Record<TargetKind, (db: Queryable, place: FixturePlace) => Promise<string>> = {
  team: async (_db, place) => place.teamId,
  service: async (_db, place) => place.serviceId,
  audit: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `WITH c AS (
         INSERT INTO cases (id, reference, team_id, case_type)
         VALUES (gen_random_uuid(), 'FIX-' || substr(md5(random()::text), 1, 10), $1, (SELECT key FROM case_types ORDER BY key LIMIT 1))
         RETURNING id, team_id, case_type)
       INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status)
       SELECT gen_random_uuid(), c.id, c.team_id, c.case_type, 'lantern-default', 1, $2, 'ad_hoc', 'draft' FROM c
       RETURNING id`,
      [place.teamId, place.assigneeId],
    );
    if (!row) throw new Error('the audit fixture was not created');
    return row.id;
  },
};
