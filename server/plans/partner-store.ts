/**
 * The SQL behind a plan's partner owners (guests of one plan from health, police or education):
 * adding one as a person, and the actions they own, always matched by their person id.
 */
import type { Queryable } from '../db/database';

export interface NewPartnerOwner {
  id: string;
  email: string;
  name: string;
  jobTitle: string;
  agency: string;
  organisation: string;
  planId: string;
  lastDay: string;
}

/** Adds a partner owner: a guest of the plan with no role and no service, until their last day. */
export async function insertPartnerOwner(tx: Queryable, partner: NewPartnerOwner): Promise<void> {
  await tx.query(
    `INSERT INTO people (id, email, display_name, job_title, service_id, roles, agency, organisation,
       guest_plan_id, guest_until)
     VALUES ($1, $2, $3, $4, NULL, '{}', $5, $6, $7, $8)`,
    [
      partner.id,
      partner.email,
      partner.name,
      partner.jobTitle,
      partner.agency,
      partner.organisation,
      partner.planId,
      partner.lastDay,
    ],
  );
}

export interface OwnedActionRow {
  id: string;
  plan_id: string;
  plan_title: string;
  number: string;
  description: string;
  target_date: string | null;
  timescale: string | null;
  recurrence: string | null;
  recurrence_start: string | null;
}

const OWNED_SQL = `SELECT a.id, a.plan_id, p.title AS plan_title, a.number, a.description, a.target_date,
         a.timescale, a.recurrence, a.recurrence_start
  FROM plan_actions a JOIN plans p ON p.id = a.plan_id
  WHERE a.owner_person_id = $1`;

/** The actions the person owns, by plan then position; or the one named, if they own it. */
export async function ownedActionRows(
  db: Queryable,
  personId: string,
  actionId?: string,
): Promise<OwnedActionRow[]> {
  return db.query<OwnedActionRow>(
    actionId ? `${OWNED_SQL} AND a.id = $2` : `${OWNED_SQL} ORDER BY p.title, a.position, a.number`,
    actionId ? [personId, actionId] : [personId],
  );
}

/** The plan of an action the person owns, the action locked; null when they do not own it. */
export async function lockOwnedAction(
  tx: Queryable,
  actionId: string,
  personId: string,
): Promise<{ planId: string } | null> {
  const [owned] = await tx.query<{ plan_id: string }>(
    'SELECT plan_id FROM plan_actions WHERE id = $1 AND owner_person_id = $2 FOR UPDATE',
    [actionId, personId],
  );
  return owned ? { planId: owned.plan_id } : null;
}
