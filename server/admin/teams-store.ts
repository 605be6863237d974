/**
 * The SQL behind the admin's teams and services: lists with counts, and the name checks that
 * give a clear field error instead of a unique-constraint failure.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import type { AdminService, AdminTeam } from '../../shared/accounts/team-schemas';

const SELECT_TEAMS = `
  SELECT t.id, t.name, t.service_id, s.name AS service_name,
         (SELECT count(*) FROM people p WHERE p.team_id = t.id AND p.active) AS members
  FROM teams t JOIN services s ON s.id = t.service_id`;

interface TeamRow {
  id: string;
  name: string;
  service_id: string;
  service_name: string;
  members: number;
}

const toTeam = (row: TeamRow): AdminTeam => ({
  id: row.id,
  name: row.name,
  serviceId: row.service_id,
  serviceName: row.service_name,
  members: row.members,
});

export async function listTeams(db: Queryable): Promise<AdminTeam[]> {
  return (await db.query<TeamRow>(`${SELECT_TEAMS} ORDER BY lower(s.name), lower(t.name)`)).map(toTeam);
}

export async function findTeam(db: Queryable, id: string): Promise<AdminTeam | null> {
  const [row] = await db.query<TeamRow>(`${SELECT_TEAMS} WHERE t.id = $1`, [id]);
  return row ? toTeam(row) : null;
}

export async function listServices(db: Queryable): Promise<AdminService[]> {
  const rows = await db.query<{ id: string; name: string; teams: number }>(
    `SELECT s.id, s.name, (SELECT count(*) FROM teams t WHERE t.service_id = s.id) AS teams
     FROM services s ORDER BY lower(s.name)`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, teams: row.teams }));
}

/** @throws AppError validation_failed on `serviceId` when the service does not exist. */
export async function assertServiceExists(db: Queryable, serviceId: string): Promise<void> {
  const [row] = await db.query('SELECT id FROM services WHERE id = $1', [serviceId]);
  if (!row) {
    throw appError('validation_failed', 'Some fields need correcting.', [
      { path: 'serviceId', message: 'Choose a service from the list.' },
    ]);
  }
}

/** @throws AppError conflict on `name` when another row of `table` has this name, in any case. */
export async function assertNameFree(
  db: Queryable,
  table: 'teams' | 'services',
  name: string,
  exceptId: string | null,
): Promise<void> {
  const [row] = await db.query(
    `SELECT id FROM ${table} WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
    [name, exceptId],
  );
  if (row) {
    const what = table === 'teams' ? 'team' : 'service';
    throw appError('conflict', `There is already a ${what} with this name.`, [
      { path: 'name', message: `There is already a ${what} called ${name}. Choose another name.` },
    ]);
  }
}
