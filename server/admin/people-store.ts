/**
 * The SQL behind the admin's people screens: read people with their team, service and last
 * sign-in; check where a person is placed (a team implies its service); insert and update.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { ROLES, type Role } from '../../shared/accounts/roles';
import type { AdminPerson } from '../../shared/accounts/person-schemas';
import type { Agency } from '../../shared/accounts/agencies';
import { guestLastDaySql } from '../auth/guest-access';

interface PersonRow {
  id: string;
  email: string;
  display_name: string;
  job_title: string;
  team_id: string | null;
  team_name: string | null;
  service_id: string | null;
  service_name: string | null;
  roles: string[];
  active: boolean;
  has_password: boolean;
  last_sign_in_at: string | null;
  agency: Agency;
  organisation: string;
  guest_round_id: string | null;
  guest_round_name: string | null;
  guest_last_day: string | null;
}

const SELECT_PEOPLE = `
  SELECT p.id, p.email, p.display_name, p.job_title, p.team_id, t.name AS team_name,
         p.service_id, s.name AS service_name, p.roles, p.active,
         p.password_hash IS NOT NULL AS has_password,
         p.last_sign_in_at,
         p.agency, p.organisation, p.guest_round_id, gr.name AS guest_round_name,
         ${guestLastDaySql('p')}::text AS guest_last_day
  FROM people p
  LEFT JOIN rounds gr ON gr.id = p.guest_round_id
  LEFT JOIN teams t ON t.id = p.team_id
  LEFT JOIN services s ON s.id = p.service_id`;

/** Roles as stored, keeping only those Lantern knows, in the one fixed order (so lists compare). */
export const knownRoles = (roles: string[]): Role[] => ROLES.filter((role) => roles.includes(role));

const toPerson = (row: PersonRow): AdminPerson => ({
  id: row.id,
  email: row.email,
  name: row.display_name,
  jobTitle: row.job_title,
  teamId: row.team_id,
  teamName: row.team_name,
  serviceId: row.service_id,
  serviceName: row.service_name,
  roles: knownRoles(row.roles),
  active: row.active,
  hasPassword: row.has_password,
  lastSignInAt: row.last_sign_in_at,
  agency: row.agency,
  organisation: row.organisation,
  guest:
    row.guest_round_id && row.guest_last_day
      ? { roundId: row.guest_round_id, roundName: row.guest_round_name ?? '', lastDay: row.guest_last_day }
      : null,
});

export async function listPeople(db: Queryable): Promise<AdminPerson[]> {
  return (
    await db.query<PersonRow>(`${SELECT_PEOPLE} ORDER BY p.active DESC, lower(p.display_name), p.email`)
  ).map(toPerson);
}

export async function findPerson(db: Queryable, id: string): Promise<AdminPerson | null> {
  const [row] = await db.query<PersonRow>(`${SELECT_PEOPLE} WHERE p.id = $1`, [id]);
  return row ? toPerson(row) : null;
}

/**
 * Where a person sits: with a team, the team's service (a different service is refused); without
 * one, the service chosen, or none.
 * @throws AppError validation_failed naming `teamId` or `serviceId`.
 */
export async function checkPlacement(
  db: Queryable,
  teamId: string | null,
  serviceId: string | null,
): Promise<{ teamId: string | null; serviceId: string | null }> {
  if (teamId) {
    const [team] = await db.query<{ service_id: string }>('SELECT service_id FROM teams WHERE id = $1', [
      teamId,
    ]);
    if (!team) {
      throw appError('validation_failed', 'Some fields need correcting.', [
        { path: 'teamId', message: 'Choose a team from the list.' },
      ]);
    }
    if (serviceId && serviceId !== team.service_id) {
      throw appError('validation_failed', 'Some fields need correcting.', [
        { path: 'serviceId', message: "Choose the team's own service, or no team." },
      ]);
    }
    return { teamId, serviceId: team.service_id };
  }
  if (serviceId) {
    const [service] = await db.query('SELECT id FROM services WHERE id = $1', [serviceId]);
    if (!service) {
      throw appError('validation_failed', 'Some fields need correcting.', [
        { path: 'serviceId', message: 'Choose a service from the list.' },
      ]);
    }
  }
  return { teamId: null, serviceId };
}

/** Active people holding the admin role: Lantern must always keep at least one. */
export async function countActiveAdmins(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM people WHERE active AND 'admin' = ANY (roles)",
  );
  return row?.n ?? 0;
}

/** How many active people hold each role. */
export async function activePeopleByRole(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ role: string; n: number }>(
    'SELECT role, count(*) AS n FROM people, unnest(roles) AS role WHERE active GROUP BY role',
  );
  return new Map(rows.map((row) => [row.role, row.n]));
}

/** Serialises changes to people's roles and status, so two admins cannot both remove the last admin. */
export async function lockPeople(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [7_305_318_305]);
}

/** Whether someone already has this e-mail address. */
export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const [taken] = await db.query('SELECT id FROM people WHERE email = $1', [email]);
  return Boolean(taken);
}

/**
 * Refuses an e-mail address someone already has (an admin adding a person or a guest).
 * @throws AppError conflict naming `email`.
 */
export async function assertEmailFree(db: Queryable, email: string): Promise<void> {
  if (await emailTaken(db, email))
    throw appError('conflict', 'Someone already has this e-mail address.', [
      { path: 'email', message: 'Someone already has this e-mail address. Find them in the list of people.' },
    ]);
}

export interface NewPerson {
  email: string;
  name: string;
  jobTitle: string;
  teamId: string | null;
  serviceId: string | null;
  roles: string[];
  agency: Agency;
}

/** Adds a person; the new id. */
export async function insertPerson(tx: Queryable, person: NewPerson): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO people (id, email, display_name, job_title, team_id, service_id, roles, agency)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      person.email,
      person.name,
      person.jobTitle,
      person.teamId,
      person.serviceId,
      person.roles,
      person.agency,
    ],
  );
  if (!row) throw appError('internal', 'The person could not be added.');
  return row.id;
}

export interface PersonChange {
  name: string;
  jobTitle: string;
  teamId: string | null;
  serviceId: string | null;
  roles: string[];
  active: boolean;
  /** Left as it is when not given. */
  agency?: Agency | undefined;
}

export async function updatePerson(tx: Queryable, id: string, change: PersonChange): Promise<void> {
  await tx.query(
    `UPDATE people SET display_name = $2, job_title = $3, team_id = $4, service_id = $5, roles = $6,
       active = $7, agency = coalesce($8, agency), updated_at = now() WHERE id = $1`,
    [
      id,
      change.name,
      change.jobTitle,
      change.teamId,
      change.serviceId,
      change.roles,
      change.active,
      change.agency ?? null,
    ],
  );
}
