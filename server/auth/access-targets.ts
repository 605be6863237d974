/**
 * How a scoped access rule finds out where a record sits: its team, its service, and the
 * people it is allocated or sampled to. A rule names a kind and a path parameter
 * (`on('team', 'teamId')`); the access middleware looks the record up here before the handler
 * runs. To scope routes by a new kind of record (an audit, a case, a plan item), add a
 * resolver here and a fixture in access-target-fixtures.ts (the type checker asks for it).
 */
import type { Queryable } from '../db/database';
import { jointAuditorIdsSql } from '../allocations/joint-audits';

/** Where a record sits, for deciding who may reach it. */
export interface TargetPlace {
  teamId: string | null;
  serviceId: string | null;
  /** People the record is allocated or sampled to (auditors, moderators). */
  assigneeIds: string[];
}

type Resolver = (db: Queryable, id: string) => Promise<TargetPlace | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A resolver reading one row, the record named by $1: its `team_id`, `service_id` and
 * `assignee_ids` (text[]; NULL and NULL members mean no one).
 */
function placeOf(query: string): Resolver {
  return async (db, id) => {
    if (!UUID.test(id)) return null;
    const [row] = await db.query<{
      team_id: string | null;
      service_id: string | null;
      assignee_ids: (string | null)[] | null;
    }>(query, [id]);
    if (!row) return null;
    const assigneeIds = (row.assignee_ids ?? []).filter((person): person is string => person !== null);
    return { teamId: row.team_id, serviceId: row.service_id, assigneeIds };
  };
}

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
  // An audit sits in the team that held the case when it was audited; it is assigned to its
  // auditor, and to everyone allocated to it jointly (docs/JOINT-AUDITS.md).
  audit: placeOf(
    `SELECT a.team_id, t.service_id, ARRAY[a.auditor_id::text] || ${jointAuditorIdsSql('a')} AS assignee_ids
     FROM audits a JOIN teams t ON t.id = a.team_id WHERE a.id = $1`,
  ),
  // The whole audit (its record) sits with the audit's team; it is read by the people the audit
  // concerns: its auditor and everyone allocated to it jointly (docs/JOINT-AUDITS.md), its
  // moderators once they have decided (a moderator still to grade it must not see the auditor's
  // grades first), the case's practitioner and the team's named managers.
  auditRecord: placeOf(
    `SELECT a.team_id, t.service_id,
            ARRAY[a.auditor_id::text, c.practitioner_id::text]
            || ${jointAuditorIdsSql('a')}
            || ARRAY(SELECT m.moderator_id::text FROM moderations m
                     WHERE m.audit_id = a.id AND m.status IN ('agreed', 'regraded'))
            || ARRAY(SELECT tm.person_id::text FROM team_managers tm WHERE tm.team_id = a.team_id) AS assignee_ids
     FROM audits a JOIN teams t ON t.id = a.team_id JOIN cases c ON c.id = a.case_id WHERE a.id = $1`,
  ),
  // An audit as its case's practitioner answers it: assigned to that practitioner alone.
  practitionerAudit: placeOf(
    `SELECT a.team_id, t.service_id, ARRAY[c.practitioner_id::text] AS assignee_ids
     FROM audits a JOIN teams t ON t.id = a.team_id JOIN cases c ON c.id = a.case_id WHERE a.id = $1`,
  ),
  // A case sits with the team that holds it now.
  case: placeOf(
    'SELECT c.team_id, t.service_id, NULL AS assignee_ids FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = $1',
  ),
  // A moderation sits with its audit; it is assigned to its moderator.
  moderation: placeOf(
    `SELECT a.team_id, t.service_id, ARRAY[m.moderator_id::text] AS assignee_ids
     FROM moderations m JOIN audits a ON a.id = m.audit_id JOIN teams t ON t.id = a.team_id WHERE m.id = $1`,
  ),
  // A round belongs to the service it was made in (migration 008); it has no one team.
  round: placeOf('SELECT NULL AS team_id, service_id, NULL AS assignee_ids FROM rounds WHERE id = $1'),
  // An allocation sits with its case's team; it is assigned to its auditor.
  allocation: placeOf(
    `SELECT c.team_id, t.service_id, ARRAY[x.auditor_id::text] AS assignee_ids
     FROM allocations x JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id WHERE x.id = $1`,
  ),
  // An audit report belongs to one service (migration 030).
  report: placeOf(
    'SELECT NULL AS team_id, service_id, NULL AS assignee_ids FROM audit_reports WHERE id = $1',
  ),
  // An improvement plan belongs to one service (migration 008).
  plan: placeOf('SELECT NULL AS team_id, service_id, NULL AS assignee_ids FROM plans WHERE id = $1'),
  // A safeguarding alert sits with the case's team; it is assigned to the people it was raised to.
  alert: placeOf(
    `SELECT al.team_id, t.service_id,
            (SELECT array_agg(r.person_id::text) FROM alert_recipients r WHERE r.alert_id = al.id) AS assignee_ids
     FROM alerts al JOIN teams t ON t.id = al.team_id WHERE al.id = $1`,
  ),
  // A case action sits with its audit's team; it is assigned to its owner and the team's managers.
  caseAction: placeOf(
    `SELECT x.team_id, t.service_id,
            array_cat(ARRAY[x.owner_id::text],
              (SELECT array_agg(m.person_id::text) FROM team_managers m WHERE m.team_id = x.team_id)) AS assignee_ids
     FROM case_actions x JOIN teams t ON t.id = x.team_id WHERE x.id = $1 AND x.withdrawn_at IS NULL`,
  ),
  // A theme findings are coded into belongs to its service (server/findings/theme-store.ts).
  findingTheme: placeOf(
    'SELECT NULL AS team_id, service_id, NULL AS assignee_ids FROM finding_themes WHERE id = $1',
  ),
} satisfies Record<string, Resolver>;

export type TargetKind = keyof typeof TARGET_RESOLVERS;
