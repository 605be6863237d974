/**
 * What GET /api/organisation answers before anyone signs in: the organisation's name, whether
 * its data is the labelled demo, and (demo only) the demo accounts to try every role with.
 */
import { z } from 'zod';

export const demoAccountSchema = z.object({
  email: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  roles: z.array(z.string()),
});

export const organisationInfoSchema = z.object({
  name: z.string(),
  isDemo: z.boolean(),
  demo: z.object({ password: z.string(), accounts: z.array(demoAccountSchema) }).nullable(),
});

export type DemoAccount = z.infer<typeof demoAccountSchema>;
export type OrganisationInfo = z.infer<typeof organisationInfoSchema>;
