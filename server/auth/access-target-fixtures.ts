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
  // A submitted audit of a case whose practitioner is the assignee (the auditor is someone else).
  auditRecord: async (db, place) => practitionersAudit(db, place),
  practitionerAudit: async (db, place) => practitionersAudit(db, place),
  case: async (db, place) => {
    const [row] = await db.query<{ id: string }>(`WITH c AS (${NEW_CASE}) SELECT id FROM c`, [place.teamId]);
    if (!row) throw new Error('the case fixture was not created');
    return row.id;
  },
  // A submitted audit by someone else, sampled to the assignee.
  moderation: async (db, place) => {
    const auditId = await submittedAudit(db, place);
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO moderations (id, audit_id, moderator_id) VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
      [auditId, place.assigneeId],
    );
    if (!row) throw new Error('the moderation fixture was not created');
    return row.id;
  },
  round: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO rounds (id, name, kind, start_date, end_date, framework_key, framework_version, service_id)
       VALUES (gen_random_uuid(), 'Fixture round', 'monthly', '2026-10-01', '2026-10-30', 'lantern-default', 1, $1)
       RETURNING id`,
      [place.serviceId],
    );
    if (!row) throw new Error('the round fixture was not created');
    return row.id;
  },
  allocation: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `WITH c AS (${NEW_CASE})
       INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version)
       SELECT gen_random_uuid(), c.id, $2, 'lantern-default', 1 FROM c RETURNING id`,
      [place.teamId, place.assigneeId],
    );
    if (!row) throw new Error('the allocation fixture was not created');
    return row.id;
  },
  report: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO audit_reports (id, service_id, scope_kind, month, tool_key, title)
       VALUES (gen_random_uuid(), $1, 'month', '2026-10', 'lantern-default', 'Fixture report') RETURNING id`,
      [place.serviceId],
    );
    if (!row) throw new Error('the report fixture was not created');
    return row.id;
  },
  plan: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO plans (id, title, kind, service_id) VALUES (gen_random_uuid(), 'Fixture plan', 'inspection', $1) RETURNING id`,
      [place.serviceId],
    );
    if (!row) throw new Error('the plan fixture was not created');
    return row.id;
  },
  // An alert on a submitted audit of the team, raised to the assignee.
  alert: async (db, place) => {
    const auditId = await submittedAudit(db, place);
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO alerts (id, audit_id, case_id, team_id, raised_by, escalate_at)
       SELECT gen_random_uuid(), a.id, a.case_id, a.team_id, a.auditor_id, now() + interval '1 day' FROM audits a WHERE a.id = $1
       RETURNING id`,
      [auditId],
    );
    if (!row) throw new Error('the alert fixture was not created');
    await db.query("INSERT INTO alert_recipients (alert_id, person_id, reason) VALUES ($1, $2, 'qa_lead')", [
      row.id,
      place.assigneeId,
    ]);
    return row.id;
  },
  // An action of a submitted audit of the team, owned by the assignee.
  caseAction: async (db, place) => {
    const auditId = await submittedAudit(db, place);
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, owner_id)
       SELECT gen_random_uuid(), a.id, '#1', a.team_id, 'Fixture action', 'Fixture owner', '2026-10-30', $2::uuid
       FROM audits a WHERE a.id = $1
       RETURNING id`,
      [auditId, place.assigneeId || null],
    );
    if (!row) throw new Error('the case action fixture was not created');
    return row.id;
  },
  findingTheme: async (db, place) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO finding_themes (id, service_id, name)
       VALUES (gen_random_uuid(), $1, 'Fixture theme ' || substr(md5(random()::text), 1, 10)) RETURNING id`,
      [place.serviceId],
    );
    if (!row) throw new Error('the finding theme fixture was not created');
    return row.id;
  },
};

const NEW_CASE = `INSERT INTO cases (id, reference, team_id, case_type)
  VALUES (gen_random_uuid(), 'FIX-' || substr(md5(random()::text), 1, 10), $1, (SELECT key FROM case_types ORDER BY key LIMIT 1))
  RETURNING id, team_id, case_type`;

/** A submitted audit in the place's team by someone other than the assignee (nobody moderates their own). */
async function submittedAudit(db: Queryable, place: FixturePlace): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `WITH c AS (${NEW_CASE})
     INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status, completed_at)
     SELECT gen_random_uuid(), c.id, c.team_id, c.case_type, 'lantern-default', 1,
            (SELECT id FROM people WHERE id IS DISTINCT FROM $2::uuid ORDER BY id LIMIT 1), 'ad_hoc', 'submitted', now() FROM c
     RETURNING id`,
    [place.teamId, place.assigneeId || null],
  );
  if (!row) throw new Error('the submitted audit fixture was not created');
  return row.id;
}

/**
 * A submitted audit of a case whose practitioner is the assignee (if any), by an auditor made for
 * it: nobody else is among the people the audit concerns.
 */
async function practitionersAudit(db: Queryable, place: FixturePlace): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `WITH p AS (
       INSERT INTO people (id, email, display_name, roles)
       VALUES (gen_random_uuid(), 'fixture-' || substr(md5(random()::text), 1, 12) || '@test.invalid', 'Fixture auditor', '{auditor}')
       RETURNING id),
     c AS (
       INSERT INTO cases (id, reference, team_id, case_type, practitioner_id)
       VALUES (gen_random_uuid(), 'FIX-' || substr(md5(random()::text), 1, 10), $1,
               (SELECT key FROM case_types ORDER BY key LIMIT 1), $2::uuid)
       RETURNING id, team_id, case_type)
     INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status, completed_at)
     SELECT gen_random_uuid(), c.id, c.team_id, c.case_type, 'lantern-default', 1, p.id, 'ad_hoc', 'submitted', now() FROM c, p
     RETURNING id`,
    [place.teamId, place.assigneeId || null],
  );
  if (!row) throw new Error('the practitioner audit fixture was not created');
  return row.id;
}
