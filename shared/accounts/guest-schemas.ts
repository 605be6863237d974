/**
 * A guest: someone from outside the council (a partner agency's auditor, a neighbouring
 * council's moderator) who takes part in one round until a last day (server/auth/guest-access.ts).
 * What an admin or QA lead sends to add one, and what they get back.
 */
import { z } from 'zod';
import { personEmailSchema, adminPersonSchema, passwordLinkSchema } from './person-schemas';
import { agencySchema } from './agencies';
import { calendarDateSchema } from '../validation/bounded-date';

/** The roles a guest may hold: they audit, moderate, or both; nothing wider. */
export const GUEST_ROLES = ['auditor', 'moderator'] as const;

export const createGuestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the guest's full name.")
    .max(200, 'Keep the name to 200 characters or fewer.'),
  email: personEmailSchema,
  organisation: z
    .string()
    .trim()
    .min(1, 'Enter the organisation they come from, like "Northshire County Council" or "City NHS Trust".')
    .max(200, 'Keep the organisation to 200 characters or fewer.'),
  agency: agencySchema,
  /** Their last day (inclusive, London time): on or before the round's end. */
  lastDay: calendarDateSchema,
  roles: z
    .array(z.enum(GUEST_ROLES, { error: 'A guest audits or moderates: choose Auditor, Moderator or both.' }))
    .min(1, 'Choose Auditor, Moderator or both.')
    .transform((roles) => GUEST_ROLES.filter((role) => roles.includes(role))),
});
export type CreateGuestRequest = z.input<typeof createGuestSchema>;

export const guestWithLinkSchema = z.object({ person: adminPersonSchema, passwordLink: passwordLinkSchema });
export type GuestWithLink = z.infer<typeof guestWithLinkSchema>;
