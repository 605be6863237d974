/**
 * Teams and services as the admin screens create, rename and list them. A team belongs to one
 * service; QA leads and managers see the teams of their service.
 */
import { z } from 'zod';

const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name of the team.')
  .max(120, 'Keep the team name to 120 characters or fewer.');

export const teamInputSchema = z.object({
  name: teamNameSchema,
  serviceId: z.uuid('Choose a service from the list.'),
});
export type TeamInput = z.infer<typeof teamInputSchema>;

export const serviceInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the service.')
    .max(120, 'Keep the service name to 120 characters or fewer.'),
});
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const adminTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  members: z.number(),
});
export type AdminTeam = z.infer<typeof adminTeamSchema>;

export const adminServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  teams: z.number(),
});
export type AdminService = z.infer<typeof adminServiceSchema>;

export const adminRoleSchema = z.object({
  role: z.string(),
  label: z.string(),
  description: z.string(),
  people: z.number(),
});
export type AdminRole = z.infer<typeof adminRoleSchema>;
