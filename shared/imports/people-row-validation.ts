/**
 * Turns a staff file's rows into people, or reports every bad row by row number, column and
 * reason — all of them, so the admin can fix the file in one go. Row numbers are the ones a
 * spreadsheet shows: the header is row 1, the first person row 2. Blank rows are skipped.
 *
 * Rules: a name and a valid e-mail address on every row, each address once per file (compared
 * in lower case, as Lantern stores it); teams and services must already be in Lantern (matched
 * by name, ignoring case and spacing), and a team's service wins over a different one; at least
 * one role, each one Lantern knows; every team a person manages must be in Lantern. A column
 * the mapping leaves out is undefined on every person, which leaves that detail of an existing
 * person as it is.
 */
import { z } from 'zod';
import { normaliseHeader } from './case-fields';
import { checkMappedRows, type MappedRowProblem } from './field-mapping';
import { personalDataColumns } from './personal-data-columns';
import type { PeopleField, PeopleMapping } from './people-fields';
import { ROLE_LABELS, ROLES, type Role } from '../accounts/roles';
import { AGENCIES, AGENCY_LABELS, agencyFromText, DEFAULT_AGENCY, type Agency } from '../accounts/agencies';

export interface PeopleLookups {
  teams: readonly { id: string; name: string; serviceId: string }[];
  services: readonly { id: string; name: string }[];
}

/** A valid person from the file; undefined: the file has no column for it. */
export interface ImportedPerson {
  row: number;
  email: string;
  name: string;
  jobTitle?: string;
  /** Their team (null: none); undefined when the file has no team column. */
  teamId?: string | null;
  /** Their service (null: none); undefined when the file does not say, which keeps a person's own. */
  serviceId?: string | null;
  roles: Role[];
  /** Ids of the teams this person manages, sorted. */
  manages?: string[];
  /** The agency they audit for; undefined when the file has no agency column (blank: social care). */
  agency?: Agency;
}

export type PeopleRowProblem = MappedRowProblem<PeopleField>;

const MAX = { name: 200, jobTitle: 200, email: 320 } as const;
const emailSchema = z.email();
const ROLE_WORDS = new Map<string, Role>();
for (const role of ROLES) {
  ROLE_WORDS.set(normaliseHeader(role), role);
  ROLE_WORDS.set(normaliseHeader(ROLE_LABELS[role]), role);
}
ROLE_WORDS.set('administrator', 'admin');
ROLE_WORDS.set('quality assurance lead', 'qa_lead');
ROLE_WORDS.set('qa', 'qa_lead');

/** A "name" column about someone other than the member of staff: a child or their family. */
const ABOUT_A_CHILD =
  /\b(child|childs|children|young|yp|client|pupil|baby|mother|father|parent|parents|carer|carers|sibling|service user)\b/;

/**
 * The columns a staff file may not carry: any date of birth, and a name that is a child's or
 * their family's (the staff member's own name is the point of the file).
 * @example forbiddenStaffColumns(['Name', 'Child name', 'DOB']).map((c) => c.column) // [1, 2]
 */
export function forbiddenStaffColumns(headers: readonly string[]): { column: number; message: string }[] {
  return personalDataColumns(headers)
    .filter((c) => c.kind === 'date-of-birth' || ABOUT_A_CHILD.test(normaliseHeader(c.header)))
    .map((c) => ({ column: c.column, message: c.message }));
}

const splitList = (text: string, separators: RegExp): string[] => [
  ...new Set(
    text
      .split(separators)
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  ),
];

/**
 * @example validatePeopleRows([['Ada Lane', 'ada.lane@council.invalid', 'Auditor']], mapping, lookups)
 * // { people: [{ row: 2, email: 'ada.lane@council.invalid', name: 'Ada Lane', roles: ['auditor'] }], problems: [] }
 */
export function validatePeopleRows(
  rows: readonly (readonly string[])[],
  mapping: PeopleMapping,
  lookups: PeopleLookups,
  headers: readonly string[] = [],
): { people: ImportedPerson[]; problems: PeopleRowProblem[] } {
  const teams = new Map(lookups.teams.map((t) => [normaliseHeader(t.name), t]));
  const services = new Map(lookups.services.map((s) => [normaliseHeader(s.name), s]));
  const serviceName = new Map(lookups.services.map((s) => [s.id, s.name]));
  const people: ImportedPerson[] = [];
  const firstRowOf = new Map<string, number>();

  const problems = checkMappedRows(rows, mapping, headers, ({ row, value, problem, ok }) => {
    const name = value('name') ?? '';
    if (name === '') problem('name', "The person's name is blank.");
    else if (name.length > MAX.name) problem('name', `The name is longer than ${MAX.name} characters.`);

    const email = (value('email') ?? '').toLowerCase();
    if (email === '') problem('email', 'The e-mail address is blank.');
    else if (email.length > MAX.email || !emailSchema.safeParse(email).success)
      problem('email', `"${email}" is not an e-mail address (like name@council.gov.uk).`);
    else {
      const first = firstRowOf.get(email);
      if (first !== undefined)
        problem('email', `${email} is also on row ${first}: each person may be in the file once.`);
      else firstRowOf.set(email, row);
    }

    const jobTitle = value('jobTitle');
    if (jobTitle !== undefined && jobTitle.length > MAX.jobTitle)
      problem('jobTitle', `The job title is longer than ${MAX.jobTitle} characters.`);

    const teamText = value('team');
    const team = teamText ? teams.get(normaliseHeader(teamText)) : undefined;
    if (teamText && !team)
      problem(
        'team',
        `"${teamText}" is not a team in Lantern. Check the spelling, or add the team under Teams and services first.`,
      );
    const serviceText = value('service');
    const service = serviceText ? services.get(normaliseHeader(serviceText)) : undefined;
    if (serviceText && !service)
      problem(
        'service',
        `"${serviceText}" is not a service in Lantern. Check the spelling, or add the service under Teams and services first.`,
      );
    else if (team && service && service.id !== team.serviceId)
      problem(
        'service',
        `${teamText} is in ${serviceName.get(team.serviceId) ?? 'another service'}, not ${serviceText}: leave the service blank or give the team's own.`,
      );

    const rolesText = value('roles') ?? '';
    const roles: Role[] = [];
    if (rolesText === '')
      problem('roles', `Give at least one role (${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}).`);
    for (const word of splitList(rolesText, /[;,|]/)) {
      const role = ROLE_WORDS.get(normaliseHeader(word));
      if (role) roles.push(role);
      else
        problem(
          'roles',
          `"${word}" is not a role in Lantern (${ROLES.map((r) => ROLE_LABELS[r]).join(', ')}).`,
        );
    }

    const managesText = value('manages');
    const manages: string[] = [];
    for (const teamName of managesText === undefined ? [] : splitList(managesText, /[;|]/)) {
      const managed = teams.get(normaliseHeader(teamName));
      if (managed) manages.push(managed.id);
      else
        problem(
          'manages',
          `"${teamName}" is not a team in Lantern, so nobody can manage it yet. Add the team under Teams and services first, or correct the name.`,
        );
    }

    const agencyText = value('agency');
    const agency = agencyText ? agencyFromText(agencyText) : DEFAULT_AGENCY;
    if (!agency)
      problem(
        'agency',
        `"${agencyText ?? ''}" is not an agency in Lantern (${AGENCIES.map((a) => AGENCY_LABELS[a]).join(', ')}).`,
      );

    if (!ok()) return;
    people.push({
      row,
      email,
      name,
      ...(jobTitle !== undefined ? { jobTitle } : {}),
      ...(mapping.team !== null ? { teamId: team?.id ?? null } : {}),
      // A team brings its service; with no team, the service column says, and without one an
      // existing person keeps theirs (a QA lead's service decides what they see).
      ...(team
        ? { serviceId: team.serviceId }
        : mapping.service !== null
          ? { serviceId: service?.id ?? null }
          : {}),
      roles: ROLES.filter((r) => roles.includes(r)),
      ...(managesText !== undefined ? { manages: [...new Set(manages)].sort() } : {}),
      ...(mapping.agency !== null && agency ? { agency } : {}),
    });
  });
  return { people, problems };
}
