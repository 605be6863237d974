/**
 * The columns a staff file may carry for the admin's people import — name, e-mail address,
 * job title, team, service, roles and the teams the person manages — with the header words each
 * is recognised by, and the column mapping: proposed from the headers, confirmed or changed by
 * the admin in the preview, checked before any row is. Nothing here is about children.
 */
import { z } from 'zod';
import { fieldMappingProblems, guessFieldMapping } from './field-mapping';

export const PEOPLE_FIELDS = [
  'name',
  'email',
  'jobTitle',
  'team',
  'service',
  'roles',
  'manages',
  'agency',
] as const;
export const peopleFieldSchema = z.enum(PEOPLE_FIELDS);
/** One column of a staff file. */
export type PeopleField = z.infer<typeof peopleFieldSchema>;

export interface PeopleFieldInfo {
  label: string;
  required: boolean;
  hint: string;
  /** Normalised header texts that mean this field (see normaliseHeader). */
  headers: readonly string[];
}

export const PEOPLE_FIELD_INFO: Record<PeopleField, PeopleFieldInfo> = {
  name: {
    label: 'Name',
    required: true,
    hint: "The person's full name, as colleagues know it.",
    headers: ['name', 'full name', 'staff name', 'display name', 'employee name', 'person'],
  },
  email: {
    label: 'E-mail address',
    required: true,
    hint: 'Their work e-mail address: it is how they sign in, and how Lantern knows them again.',
    headers: ['email', 'e mail', 'email address', 'e mail address', 'work email', 'mail'],
  },
  jobTitle: {
    label: 'Job title',
    required: false,
    hint: 'For example Team manager, Senior practitioner.',
    headers: ['job title', 'title', 'role title', 'position', 'post', 'job'],
  },
  team: {
    label: 'Team',
    required: false,
    hint: 'The team they work in, as it is named in Lantern; blank for no team.',
    headers: ['team', 'team name', 'works in team'],
  },
  service: {
    label: 'Service',
    required: false,
    hint: "For people with no team (QA leads, heads of service): their service. With a team, blank or the team's own service.",
    headers: ['service', 'service name', 'service area', 'directorate'],
  },
  roles: {
    label: 'Roles',
    required: true,
    hint: 'One or more of Auditor, Moderator, QA lead, Manager, Admin, separated by ; or , or |.',
    headers: ['roles', 'role', 'lantern roles', 'lantern role', 'access'],
  },
  manages: {
    label: 'Manages teams',
    required: false,
    hint: 'The teams this person manages (they receive its safeguarding alerts), separated by ; or |.',
    headers: [
      'manages',
      'manages teams',
      'manager of',
      'team manager of',
      'teams managed',
      'manages team',
      'managed teams',
    ],
  },
  agency: {
    label: 'Agency',
    required: false,
    hint: 'Social care, Health, Police, Education, Probation or Other; blank for social care.',
    headers: ['agency', 'partner agency', 'organisation type', 'sector'],
  },
};

/**
 * Field → column index (0 = column A), or null when the file has no such column (absent: null,
 * so a mapping made before a field existed still reads).
 */
export const peopleMappingSchema = z.object(
  Object.fromEntries(
    PEOPLE_FIELDS.map((field) => [field, z.number().int().min(0).max(500).nullable().default(null)]),
  ) as Record<PeopleField, z.ZodDefault<z.ZodNullable<z.ZodNumber>>>,
);
export type PeopleMapping = z.infer<typeof peopleMappingSchema>;

/**
 * The mapping the headers suggest: exact header matches first, then a header that starts with
 * a known one; a column is used for one field at most.
 * @example guessPeopleMapping(['Full name', 'Email', 'Roles']) // { name: 0, email: 1, roles: 2, … null }
 */
export function guessPeopleMapping(headers: readonly string[]): PeopleMapping {
  return guessFieldMapping(PEOPLE_FIELDS, PEOPLE_FIELD_INFO, headers);
}

/** Problems with a mapping against a file's headers, as `{ path: field, message }`. */
export function peopleMappingProblems(
  mapping: PeopleMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  return fieldMappingProblems(PEOPLE_FIELDS, PEOPLE_FIELD_INFO, mapping, headers);
}
