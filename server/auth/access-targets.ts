/**
 * How a scoped access rule finds out where a record sits: its team, its service, and the
 * people it is allocated or sampled to. A rule names a kind and a path parameter
 * (`on('team', 'teamId')`); the access middleware looks the record up here before the handler
 * runs. To scope routes by a new kind of record (an audit, a case, a plan item), add a
 * resolver here and a fixture in access-target-fixtures.ts (the type checker asks for it).
 */
import type { Queryable } from '../db/database';

/** Where a record sits, for deciding who may reach it. */
export interface TargetPlace {
  teamId: string | null;
  serviceId: string | null;
  /** People the record is allocated or sampled to (auditors, moderators). */
  assigneeIds: string[];
}

type Resolver = (db: Queryable, id: string) => Promise<TargetPlace | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TARGET_RESOLVERS = {
  team: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [row] = await db.query<{ service_id: string }>('SELECT service_id FROM teams WHERE id = $1', [id]);
    return row ? { teamId: id, serviceId: row.service_id, assigneeIds: [] } : null;
  },
  service: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [row] = await db.query('SELECT id FROM services WHERE id = $1', [id]);
    return row ? { teamId: null, serviceId: id, assigneeIds: [] } : null;
  },
  // An audit sits in the team that held the case when it was audited; it is assigned to its auditor.
  audit: async (db, id) => {
    if (!UUID.test(id)) return null;
    const [row] = await db.query<{ team_id: string; service_id: string; auditor_id: string }>(
      'SELECT a.team_id, t.service_id, a.auditor_id FROM audits a JOIN teams t ON t.id = a.team_id WHERE a.id = $1',
      [id],
    );
    return row ? { teamId: row.team_id, serviceId: row.service_id, assigneeIds: [row.auditor_id] } : null;
  },
} satisfies Record<string, Resolver>;

export type TargetKind = keyof typeof TARGET_RESOLVERS;
