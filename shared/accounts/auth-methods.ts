/**
 * How people may sign in here, read by the sign-in page before anyone is signed in: the
 * "Sign in with your council account" button shows only when single sign-on is configured.
 */
import { z } from 'zod';

export const authMethodsSchema = z.object({
  password: z.boolean(),
  oidc: z.boolean(),
});
export type AuthMethods = z.infer<typeof authMethodsSchema>;

/**
 * Why a single sign-on attempt came back without a session; the server redirects to
 * `/sign-in?sso=<reason>` and the sign-in page says what to do.
 */
export const SSO_PROBLEMS = {
  'unknown-account':
    'Your council account is not set up in Lantern yet. Ask your Lantern administrator to add you, using the e-mail address of your council account.',
  'email-not-verified':
    'Your council account did not confirm your e-mail address, so Lantern cannot tell who you are. Ask your IT service or your Lantern administrator.',
  inactive: 'Your Lantern account is not active. Ask your Lantern administrator.',
  failed:
    'Signing in with your council account did not work. Try again; if it keeps failing, ask your Lantern administrator.',
  unavailable:
    'Lantern cannot reach your council sign-in service just now. Try again in a few minutes, or sign in with your e-mail address and password.',
} as const;
export type SsoProblem = keyof typeof SSO_PROBLEMS;

export const isSsoProblem = (value: unknown): value is SsoProblem =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(SSO_PROBLEMS, value);
