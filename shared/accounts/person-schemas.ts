/**
 * What an admin may send to create or edit a person, and what the admin API answers about
 * people. One source of truth for the server's validation and the client's forms: each rule
 * carries the words a council admin sees beside the field.
 */
import { z } from 'zod';
import { ROLES } from './roles';
import { agencySchema, DEFAULT_AGENCY } from './agencies';

export const personEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email('Enter an e-mail address, like name@council.gov.uk.')
  .max(320, 'Keep the e-mail address to 320 characters or fewer.');

const nameSchema = z
  .string()
  .trim()
  .min(1, "Enter the person's full name.")
  .max(200, 'Keep the name to 200 characters or fewer.');

const jobTitleSchema = z.string().trim().max(200, 'Keep the job title to 200 characters or fewer.');

/** A choice from a list where "none" is allowed: '', null and absent all mean none. */
const optionalIdSchema = (message: string) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), z.uuid(message).nullable());

/** At least one role, each from the list, each once. */
const rolesSchema = z
  .array(z.enum(ROLES, { error: 'Choose roles from the list.' }), { error: 'Choose at least one role.' })
  .min(1, 'Choose at least one role.')
  .transform((roles) => ROLES.filter((role) => roles.includes(role)));

export const createPersonSchema = z.object({
  email: personEmailSchema,
  name: nameSchema,
  jobTitle: jobTitleSchema.default(''),
  teamId: optionalIdSchema('Choose a team from the list.'),
  serviceId: optionalIdSchema('Choose a service from the list.'),
  roles: rolesSchema,
  agency: z._default(agencySchema, DEFAULT_AGENCY),
});
export type CreatePersonRequest = z.input<typeof createPersonSchema>;

/** An edit replaces every editable detail; the e-mail address is the person's identity and stays. */
export const updatePersonSchema = z.object({
  name: nameSchema,
  jobTitle: jobTitleSchema.default(''),
  teamId: optionalIdSchema('Choose a team from the list.'),
  serviceId: optionalIdSchema('Choose a service from the list.'),
  roles: rolesSchema,
  active: z.boolean({ error: 'Say whether the account is active.' }),
  /** Absent: unchanged. */
  agency: z.optional(agencySchema),
});
export type UpdatePersonRequest = z.input<typeof updatePersonSchema>;

export const adminPersonSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  hasPassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  agency: agencySchema,
  /** A guest's own organisation (blank for staff). */
  organisation: z.string(),
  /** Set for a guest from outside the council: their round and last admitted day. */
  guest: z.object({ roundId: z.string(), roundName: z.string(), lastDay: z.string() }).nullable(),
});
export type AdminPerson = z.infer<typeof adminPersonSchema>;

/**
 * A one-time link that lets a person choose their password; shown to the admin once. The
 * server gives the path (`/set-password?token=…`) and the screen puts its own address in front.
 */
export const passwordLinkSchema = z.object({ path: z.string(), expiresAt: z.string() });
export type PasswordLink = z.infer<typeof passwordLinkSchema>;

export const personWithLinkSchema = z.object({
  person: adminPersonSchema,
  passwordLink: passwordLinkSchema,
});
export type PersonWithLink = z.infer<typeof personWithLinkSchema>;
