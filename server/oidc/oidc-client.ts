/**
 * Lantern's side of OpenID Connect, through openid-client (a certified relying-party library):
 * discovery of the issuer's endpoints (once per process, retried after a failure), the
 * authorization URL with PKCE (S256), state and nonce, and the code exchange that checks the
 * ID token's signature, issuer, audience, expiry and nonce. Returns the e-mail address and
 * whether the provider vouches for it (verified-email.ts) — from the ID token, or from the
 * userinfo endpoint when the ID token carries no e-mail or no verification claim.
 */
import * as client from 'openid-client';
import type { OidcSettings } from './oidc-settings';
import { verifiedEmail, type EmailClaims } from './verified-email';

export interface PendingChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The person's name as the provider gives it (`name`, or given and family names), for a new account. */
  name?: string | null;
}

/** The `name` claim, or the given and family names together; null when there is neither. */
export function nameFromClaims(claims: Record<string, unknown>): string | null {
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  const name =
    text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return name ? name.slice(0, 200) : null;
}

export interface OidcClient {
  /** Fresh secrets for one sign-in and the URL that starts it at the provider. */
  begin(): Promise<{ url: URL; checks: PendingChecks }>;
  /** Completes a sign-in from the URL the provider sent the browser back to. */
  finish(callbackUrl: URL, checks: PendingChecks): Promise<VerifiedIdentity>;
}

const SCOPE = 'openid email profile';

export function createOidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<client.Configuration> | null = null;
  const discover = (): Promise<client.Configuration> => {
    configuration ??= client
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        { execute: settings.allowHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        configuration = null; // the next sign-in tries again
        throw error;
      });
    return configuration;
  };

  return {
    async begin() {
      const config = await discover();
      const checks: PendingChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl.href,
        scope: SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    async finish(callbackUrl, checks) {
      const config = await discover();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The identity provider returned no ID token.');
      let name = nameFromClaims(claims);
      let found: EmailClaims = {
        email: claims.email,
        email_verified: claims.email_verified,
        xms_edov: claims.xms_edov,
      };
      if (
        typeof found.email !== 'string' ||
        (found.email_verified === undefined && found.xms_edov === undefined)
      ) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        name ??= nameFromClaims(info);
        found = {
          email: info.email ?? found.email,
          email_verified: info.email_verified ?? found.email_verified,
          xms_edov: found.xms_edov,
        };
      }
      const { email, verified } = verifiedEmail(found);
      return { subject: claims.sub, email, emailVerified: verified, name };
    },
  };
}
