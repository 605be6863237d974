/**
 * The roles a person may hold (several at once) and the words for them. What each role may
 * see and do is decided on the server (server/auth/access-rules.ts); the client only uses
 * roles to choose which areas to offer.
 */
import { z } from 'zod/mini';
import { agencySchema } from './agencies';

export const ROLES = ['auditor', 'moderator', 'qa_lead', 'manager', 'admin', 'practitioner'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  auditor: 'Auditor',
  moderator: 'Moderator',
  qa_lead: 'QA lead',
  manager: 'Manager',
  admin: 'Admin',
  practitioner: 'Practitioner',
};

/** What each role may see and do, in the words the admin screens show. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  auditor: 'Audits the cases allocated to them, on a tablet or laptop, online or offline.',
  moderator: 'Moderates the audits sampled to them: agrees with the grade or re-grades it, with a reason.',
  qa_lead:
    "Sets up practice weeks and audit rounds, watches grade trends and agreement for their service's teams, maintains the audit framework, and searches the audit log.",
  manager: "Keeps the improvement action plan and its measures for their service's teams.",
  admin:
    'Manages people, roles and teams, and searches the audit log. Reads no audit content unless they also hold a role that may.',
  practitioner:
    'The allocated worker of cases: reads the audits of their own cases in full and responds to them, and sees nothing else.',
};

/** The signed-in person as the API describes them. */
export const sessionPersonSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  roles: z.array(roleSchema),
  teamId: z.nullable(z.string()),
  serviceId: z.nullable(z.string()),
  /** The agency they audit for: signs their answers in a joint audit (absent from older servers). */
  agency: z.optional(agencySchema),
  /** A guest from outside the council: their round and last admitted day. */
  guest: z.optional(z.nullable(z.object({ roundId: z.string(), lastDay: z.string() }))),
});
export type SessionPerson = z.infer<typeof sessionPersonSchema>;

/** How a session began: a Lantern password, or the council's single sign-on (OpenID Connect). */
export const sessionMethodSchema = z.enum(['password', 'oidc']);
export type SessionMethod = z.infer<typeof sessionMethodSchema>;

export const sessionInfoSchema = z.object({
  person: sessionPersonSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
  method: sessionMethodSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const signInRequestSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.email('Enter an e-mail address, like name@council.gov.uk.'),
      z.maxLength(320),
    ),
  password: z.string().check(z.minLength(1, 'Enter your password.'), z.maxLength(1024)),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;
