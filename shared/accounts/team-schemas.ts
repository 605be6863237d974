/**
 * Teams and services as the admin screens create, rename and list them. A team belongs to one
 * service and has its named team managers (people, not job titles); a service has a named head
 * of service. Safeguarding alerts go to these people (server/alerts/alert-recipients.ts).
 */
import { z } from 'zod';

const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name of the team.')
  .max(120, 'Keep the team name to 120 characters or fewer.');

/** The team's managers: people chosen from the list, each once, at most 20. Omitted keeps them as they are. */
export const managerIdsSchema = z
  .array(z.uuid('Choose team managers from the list of people.'), {
    error: 'Choose team managers from the list of people.',
  })
  .max(20, 'A team can have at most 20 named team managers.')
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

export const teamInputSchema = z.object({
  name: teamNameSchema,
  serviceId: z.uuid('Choose a service from the list.'),
  managerIds: managerIdsSchema.optional(),
});
export type TeamInput = z.infer<typeof teamInputSchema>;
export type TeamRequest = z.input<typeof teamInputSchema>;

const serviceNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name of the service.')
  .max(120, 'Keep the service name to 120 characters or fewer.');

/** The head of service: a person from the list, or none ('' and null mean none); omitted keeps it. */
const headOfServiceSchema = z.preprocess(
  (value) => (value === '' ? null : value),
  z.uuid('Choose the head of service from the list of people.').nullable(),
);

export const serviceInputSchema = z.object({
  name: serviceNameSchema,
  headOfServiceId: headOfServiceSchema.optional(),
});
export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ServiceRequest = z.input<typeof serviceInputSchema>;

/** A named person as the set-up screens show them: enough to recognise, nothing more. */
export const namedPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  active: z.boolean(),
});
export type NamedPerson = z.infer<typeof namedPersonSchema>;

export const adminTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  members: z.number(),
  /** Named team managers, active or not (an inactive one receives nothing and is flagged). */
  managers: z.array(namedPersonSchema),
});
export type AdminTeam = z.infer<typeof adminTeamSchema>;

export const adminServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  teams: z.number(),
  headOfService: namedPersonSchema.nullable(),
});
export type AdminService = z.infer<typeof adminServiceSchema>;

export const adminRoleSchema = z.object({
  role: z.string(),
  label: z.string(),
  description: z.string(),
  people: z.number(),
});
export type AdminRole = z.infer<typeof adminRoleSchema>;
