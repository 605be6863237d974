/**
 * What GET /api/organisation answers before anyone signs in: the organisation's name, whether
 * its data is the labelled demo, (demo only) the demo accounts to try every role with, and
 * (empty organisation only) how to make the first admin.
 */
import { z } from 'zod/mini';

export const demoAccountSchema = z.object({
  email: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  roles: z.array(z.string()),
  /** The service the account belongs to: it sees that service's audits only ('' when none). */
  service: z._default(z.string(), ''),
});

export const organisationInfoSchema = z.object({
  name: z.string(),
  isDemo: z.boolean(),
  /**
   * Steps to make the first admin, when nobody can sign in as one yet (an empty organisation);
   * null once there is an active admin.
   */
  firstAdmin: z._default(z.nullable(z.object({ command: z.string(), steps: z.array(z.string()) })), null),
  demo: z.nullable(z.object({ password: z.string(), accounts: z.array(demoAccountSchema) })),
});

export type DemoAccount = z.infer<typeof demoAccountSchema>;
export type OrganisationInfo = z.infer<typeof organisationInfoSchema>;
