/**
 * The SQL behind the admin's teams and services: lists with counts, named team managers and
 * heads of service, the name checks that give a clear field error instead of a
 * unique-constraint failure, and createTeam / setTeamManagers / setHeadOfService, which take a
 * Queryable so they can run inside a caller's transaction (an import's, say).
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import type { AdminService, AdminTeam, NamedPerson } from '../../shared/accounts/team-schemas';

const PERSON_JSON =
  "jsonb_build_object('id', p.id, 'name', p.display_name, 'email', p.email, 'active', p.active)";

const SELECT_TEAMS = `
  SELECT t.id, t.name, t.service_id, s.name AS service_name,
         (SELECT count(*) FROM people p WHERE p.team_id = t.id AND p.active) AS members,
         coalesce((SELECT jsonb_agg(${PERSON_JSON} ORDER BY lower(p.display_name), p.id)
                   FROM team_managers tm JOIN people p ON p.id = tm.person_id WHERE tm.team_id = t.id),
                  '[]'::jsonb) AS managers
  FROM teams t JOIN services s ON s.id = t.service_id`;

interface TeamRow {
  id: string;
  name: string;
  service_id: string;
  service_name: string;
  members: number;
  managers: NamedPerson[];
}

const toTeam = (row: TeamRow): AdminTeam => ({
  id: row.id,
  name: row.name,
  serviceId: row.service_id,
  serviceName: row.service_name,
  members: row.members,
  managers: row.managers,
});

export async function listTeams(db: Queryable): Promise<AdminTeam[]> {
  return (await db.query<TeamRow>(`${SELECT_TEAMS} ORDER BY lower(s.name), lower(t.name)`)).map(toTeam);
}

export async function findTeam(db: Queryable, id: string): Promise<AdminTeam | null> {
  const [row] = await db.query<TeamRow>(`${SELECT_TEAMS} WHERE t.id = $1`, [id]);
  return row ? toTeam(row) : null;
}

const SELECT_SERVICES = `
  SELECT s.id, s.name, (SELECT count(*) FROM teams t WHERE t.service_id = s.id) AS teams,
         (SELECT ${PERSON_JSON} FROM people p WHERE p.id = s.head_of_service_id) AS head
  FROM services s`;

interface ServiceRow {
  id: string;
  name: string;
  teams: number;
  head: NamedPerson | null;
}

const toService = (row: ServiceRow): AdminService => ({
  id: row.id,
  name: row.name,
  teams: row.teams,
  headOfService: row.head,
});

export async function listServices(db: Queryable): Promise<AdminService[]> {
  return (await db.query<ServiceRow>(`${SELECT_SERVICES} ORDER BY lower(s.name)`)).map(toService);
}

export async function findService(db: Queryable, id: string): Promise<AdminService | null> {
  const [row] = await db.query<ServiceRow>(`${SELECT_SERVICES} WHERE s.id = $1`, [id]);
  return row ? toService(row) : null;
}

/**
 * @throws AppError validation_failed on `field` naming the first id that is not an active person
 *   (a manager or head of service who left cannot be chosen; one already named stays listed).
 */
export async function assertActivePeople(
  db: Queryable,
  ids: readonly string[],
  field: string,
  allowed: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.query<{ id: string; active: boolean }>(
    'SELECT id, active FROM people WHERE id = ANY ($1::uuid[])',
    [ids],
  );
  const found = new Map(rows.map((row) => [row.id, row.active]));
  ids.forEach((id, index) => {
    const active = found.get(id);
    if (active === true || (active === false && allowed.has(id))) return;
    const path = field === 'headOfServiceId' ? field : `${field}.${index}`;
    throw appError('validation_failed', 'Some fields need correcting.', [
      {
        path,
        message:
          active === false
            ? 'This person is deactivated, so they cannot be chosen. Reactivate them first or choose someone else.'
            : 'Choose people from the list: this person is not known to Lantern.',
      },
    ]);
  });
}

/**
 * Replaces a team's named managers with `managerIds` (each must be an active person, or already
 * one of its managers). Returns the ids before and after, sorted, for the caller's log.
 */
export async function setTeamManagers(
  db: Queryable,
  teamId: string,
  managerIds: readonly string[],
): Promise<{ from: string[]; to: string[] }> {
  const before = await db.query<{ person_id: string }>(
    'SELECT person_id FROM team_managers WHERE team_id = $1 ORDER BY person_id',
    [teamId],
  );
  const from = before.map((row) => row.person_id);
  await assertActivePeople(db, managerIds, 'managerIds', new Set(from));
  await db.query('DELETE FROM team_managers WHERE team_id = $1 AND NOT (person_id = ANY ($2::uuid[]))', [
    teamId,
    managerIds,
  ]);
  await db.query(
    `INSERT INTO team_managers (team_id, person_id) SELECT $1, unnest($2::uuid[])
     ON CONFLICT DO NOTHING`,
    [teamId, managerIds],
  );
  return { from, to: [...managerIds].sort() };
}

/**
 * Adds a team to a service with its named managers.
 * @throws AppError validation_failed on `serviceId` / `managerIds.N`, conflict on `name`.
 * @example await createTeam(tx, { name: 'Assessment Team C', serviceId, managerIds: [personId] })
 */
export async function createTeam(
  db: Queryable,
  input: { name: string; serviceId: string; managerIds?: readonly string[] },
): Promise<AdminTeam> {
  await assertServiceExists(db, input.serviceId);
  await assertNameFree(db, 'teams', input.name, null);
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO teams (id, service_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id',
    [input.serviceId, input.name],
  );
  if (!row) throw appError('internal', 'The team could not be added.');
  await setTeamManagers(db, row.id, input.managerIds ?? []);
  const team = await findTeam(db, row.id);
  if (!team) throw appError('internal', 'The team could not be added.');
  return team;
}

/** Names (or clears, with null) a service's head of service; returns the id before. */
export async function setHeadOfService(
  db: Queryable,
  serviceId: string,
  personId: string | null,
): Promise<string | null> {
  const [row] = await db.query<{ head: string | null }>(
    'SELECT head_of_service_id AS head FROM services WHERE id = $1',
    [serviceId],
  );
  const before = row?.head ?? null;
  if (personId && personId !== before) await assertActivePeople(db, [personId], 'headOfServiceId');
  await db.query('UPDATE services SET head_of_service_id = $2 WHERE id = $1', [serviceId, personId]);
  return before;
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

/** Renames a team or moves it to another service; its people move with it (they belong to its service). */
export async function updateTeam(
  tx: Queryable,
  before: AdminTeam,
  input: { name: string; serviceId: string },
): Promise<void> {
  await tx.query('UPDATE teams SET name = $2, service_id = $3 WHERE id = $1', [
    before.id,
    input.name,
    input.serviceId,
  ]);
  if (before.serviceId !== input.serviceId)
    await tx.query('UPDATE people SET service_id = $2, updated_at = now() WHERE team_id = $1', [
      before.id,
      input.serviceId,
    ]);
}

/** Adds a service; its new id. */
export async function insertService(tx: Queryable, name: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO services (id, name) VALUES (gen_random_uuid(), $1) RETURNING id',
    [name],
  );
  if (!row) throw appError('internal', 'The service could not be added.');
  return row.id;
}

export async function renameService(tx: Queryable, id: string, name: string): Promise<void> {
  await tx.query('UPDATE services SET name = $2 WHERE id = $1', [id, name]);
}
