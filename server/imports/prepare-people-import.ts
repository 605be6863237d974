/**
 * Everything a people import decides before it writes anything, shared by the preview and the
 * import so they can never disagree: read the file, refuse personal-data columns, check the
 * column mapping and every row, then compare each person by e-mail address with who Lantern
 * already holds.
 *
 * An e-mail address already in Lantern UPDATES that person rather than being refused: councils
 * re-import the same staff export as people move teams or take on roles, the address is the
 * person's identity (it is how they sign in), and the preview lists every change before
 * anything is written. Only the columns the file has are changed; nobody is deactivated or
 * reactivated by an import, and an import that would leave no active admin is refused.
 */
import type { Queryable } from '../db/database';
import type { Table } from './read-table';
import { readUpload } from './uploaded-file';
import { appError } from '../../shared/errors/app-error';
import {
  guessPeopleMapping,
  peopleMappingProblems,
  type PeopleMapping,
} from '../../shared/imports/people-fields';
import {
  forbiddenStaffColumns,
  validatePeopleRows,
  type ImportedPerson,
  type PeopleRowProblem,
} from '../../shared/imports/people-row-validation';
import { MAX_PEOPLE_ROWS, type PeopleImportRequest } from '../../shared/imports/people-import-schemas';
import { ROLE_LABELS, type Role } from '../../shared/accounts/roles';
import { knownRoles } from '../admin/people-store';
import { AGENCY_LABELS, agencySchema } from '../../shared/accounts/agencies';
import { isBlankRow, mappedColumnName } from '../../shared/imports/field-mapping';

const agencyWords = (agency: string): string => {
  const known = agencySchema.safeParse(agency);
  return known.success ? AGENCY_LABELS[known.data] : agency;
};

export interface ExistingPerson {
  id: string;
  email: string;
  display_name: string;
  job_title: string;
  agency: string;
  team_id: string | null;
  service_id: string | null;
  roles: string[];
  active: boolean;
  manages: string[];
}

export interface PersonChange {
  person: ImportedPerson;
  existing: ExistingPerson;
  /** In words, for the preview and the log. */
  changes: string[];
}

export interface PreparedPeopleImport {
  fileName: string;
  sha256: string;
  table: Table;
  mapping: PeopleMapping;
  fileProblems: { path: string; message: string }[];
  problems: PeopleRowProblem[];
  people: ImportedPerson[];
  created: ImportedPerson[];
  updated: PersonChange[];
  unchanged: number;
  teamNames: Map<string, string>;
  serviceNames: Map<string, string>;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const roleWords = (roles: readonly Role[]): string => roles.map((r) => ROLE_LABELS[r]).join(', ') || 'none';

function describeChanges(
  p: ImportedPerson,
  e: ExistingPerson,
  teamNames: Map<string, string>,
  serviceNames: Map<string, string>,
): string[] {
  const changes: string[] = [];
  const place = (teamId: string | null, serviceId: string | null): string =>
    (teamId && teamNames.get(teamId)) ?? (serviceId && serviceNames.get(serviceId)) ?? 'none';
  const teamsWords = (ids: readonly string[]): string =>
    ids.map((id) => teamNames.get(id) ?? id).join(', ') || 'none';
  if (p.name !== e.display_name) changes.push(`Name: ${e.display_name} → ${p.name}`);
  if (p.agency !== undefined && p.agency !== e.agency)
    changes.push(`Agency: ${agencyWords(e.agency)} → ${AGENCY_LABELS[p.agency]}`);
  if (p.jobTitle !== undefined && p.jobTitle !== e.job_title)
    changes.push(`Job title: ${e.job_title || 'none'} → ${p.jobTitle || 'none'}`);
  const teamId = p.teamId === undefined ? e.team_id : p.teamId;
  const serviceId = p.serviceId === undefined ? e.service_id : p.serviceId;
  if (teamId !== e.team_id || serviceId !== e.service_id)
    changes.push(`Team or service: ${place(e.team_id, e.service_id)} → ${place(teamId, serviceId)}`);
  const before = knownRoles(e.roles);
  if (!sameList(before, p.roles)) changes.push(`Roles: ${roleWords(before)} → ${roleWords(p.roles)}`);
  if (p.manages !== undefined && !sameList([...e.manages].sort(), p.manages))
    changes.push(`Manages: ${teamsWords(e.manages)} → ${teamsWords(p.manages)}`);
  return changes;
}

export async function preparePeopleImport(
  db: Queryable,
  request: PeopleImportRequest,
): Promise<PreparedPeopleImport> {
  const { table, sha256 } = await readUpload(request);
  if (table.rows.every(isBlankRow))
    throw appError(
      'validation_failed',
      'The file has a heading row but no people in it. Nothing was imported.',
    );
  if (table.rows.length > MAX_PEOPLE_ROWS)
    throw appError(
      'validation_failed',
      `The file has ${table.rows.length.toLocaleString('en-GB')} rows; Lantern imports at most ${MAX_PEOPLE_ROWS.toLocaleString('en-GB')} people at a time.`,
    );
  const mapping = request.mapping ?? guessPeopleMapping(table.headers);
  const [teams, services] = await Promise.all([
    db.query<{ id: string; name: string; service_id: string }>('SELECT id, name, service_id FROM teams'),
    db.query<{ id: string; name: string }>('SELECT id, name FROM services'),
  ]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  const base = {
    fileName: request.fileName,
    sha256,
    table,
    mapping,
    teamNames,
    serviceNames,
    people: [],
    created: [],
    updated: [],
    unchanged: 0,
  };
  const fileProblems = [
    ...forbiddenStaffColumns(table.headers).map((p) => ({ path: `column-${p.column}`, message: p.message })),
    ...peopleMappingProblems(mapping, table.headers),
  ];
  if (fileProblems.length > 0) return { ...base, fileProblems, problems: [] };

  const { people, problems } = validatePeopleRows(
    table.rows,
    mapping,
    { teams: teams.map((t) => ({ id: t.id, name: t.name, serviceId: t.service_id })), services },
    table.headers,
  );
  if (problems.length > 0) return { ...base, fileProblems, problems, people };

  const existing = await db.query<ExistingPerson>(
    `SELECT p.id, p.email, p.display_name, p.job_title, p.agency, p.team_id, p.service_id, p.roles, p.active,
            coalesce((SELECT array_agg(m.team_id::text ORDER BY m.team_id) FROM team_managers m
                      WHERE m.person_id = p.id), '{}') AS manages
     FROM people p WHERE p.email = ANY ($1::text[])`,
    [people.map((p) => p.email)],
  );
  const byEmail = new Map(existing.map((row) => [row.email, row]));
  const columnOf = (field: 'roles' | 'manages'): string => mappedColumnName(mapping, table.headers, field);
  // A team's named managers receive its safeguarding alerts: a deactivated account cannot become one.
  for (const person of people) {
    const row = byEmail.get(person.email);
    if (row && !row.active && person.manages?.some((team) => !row.manages.includes(team)))
      problems.push({
        row: person.row,
        column: columnOf('manages'),
        field: 'manages',
        message: `${person.email} is deactivated in Lantern, so they cannot become a team manager. Reactivate them first, or leave this blank.`,
      });
  }
  if (problems.length > 0) return { ...base, fileProblems, problems, people };
  const created: ImportedPerson[] = [];
  const updated: PersonChange[] = [];
  let unchanged = 0;
  for (const person of people) {
    const row = byEmail.get(person.email);
    if (!row) {
      created.push(person);
      continue;
    }
    const changes = describeChanges(person, row, teamNames, serviceNames);
    if (changes.length === 0) unchanged++;
    else updated.push({ person, existing: row, changes });
  }

  // Lantern always keeps an active admin: an import may not take the role from the last ones.
  const losing = updated.filter(
    (u) => u.existing.active && u.existing.roles.includes('admin') && !u.person.roles.includes('admin'),
  );
  const first = losing[0];
  if (first && !created.some((p) => p.roles.includes('admin'))) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM people WHERE active AND 'admin' = ANY (roles) AND NOT (id = ANY ($1::uuid[]))`,
      [losing.map((u) => u.existing.id)],
    );
    if ((row?.n ?? 0) === 0) {
      problems.push({
        row: first.person.row,
        column: columnOf('roles'),
        field: 'roles',
        message:
          'This would leave Lantern without an active admin. Keep the admin role here, or give it to someone else first.',
      });
      return { ...base, fileProblems, problems, people };
    }
  }
  return { ...base, fileProblems, problems, people, created, updated, unchanged };
}
