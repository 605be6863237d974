/**
 * Which e-mail address an identity provider vouches for. Lantern matches people by e-mail, so
 * it must be one the provider has verified: the standard `email_verified` claim; or, only when
 * that claim is absent, Microsoft Entra ID's `xms_edov` ("email domain owner verified": the
 * address is in a domain the council's tenant has proved it owns). Entra never sends
 * `email_verified` for work accounts, so without `xms_edov` no council's Entra sign-in could
 * ever be accepted. An explicit `email_verified: false` always wins.
 */

/** Claims from the ID token and, where the token lacked them, from the userinfo endpoint. */
export interface EmailClaims {
  email?: unknown;
  email_verified?: unknown;
  xms_edov?: unknown;
}

/** Some providers send booleans as the strings "true" and "false". */
const isTrue = (value: unknown): boolean => value === true || value === 'true';

export function verifiedEmail(claims: EmailClaims): { email: string | null; verified: boolean } {
  const email =
    typeof claims.email === 'string' && claims.email.trim() ? claims.email.trim().toLowerCase() : null;
  const verified =
    claims.email_verified === undefined ? isTrue(claims.xms_edov) : isTrue(claims.email_verified);
  return { email, verified: email !== null && verified };
}
