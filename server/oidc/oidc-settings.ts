/**
 * Single sign-on settings, read once from the environment at start: the council's OpenID
 * Connect issuer (Microsoft Entra ID, usually), Lantern's client id and secret there, and the
 * address the identity provider sends people back to. Absent issuer: single sign-on is off.
 * Every bad combination is a StartupError naming the variable.
 */
import { StartupError } from '../startup-error';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** Absent: Lantern is a public client and relies on PKCE alone. */
  clientSecret: string | null;
  redirectUrl: URL;
  /** Plain HTTP is allowed only to an issuer on this machine (tests, a local provider). */
  allowHttp: boolean;
  /**
   * E-mail domains (lower case) whose people get an account on their first sign-in, with no
   * role until an admin gives one (LANTERN_OIDC_ACCOUNT_DOMAINS). Empty: nobody is created.
   */
  accountDomains: string[];
}

/** A domain name as an e-mail address ends: labels of letters, digits and hyphens, at least two. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function readAccountDomains(raw: string | undefined): string[] {
  const domains = (raw ?? '')
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad)
    throw new StartupError(
      `LANTERN_OIDC_ACCOUNT_DOMAINS must list e-mail domains separated by commas, like council.gov.uk,school.council.gov.uk (got "${bad}")`,
    );
  return [...new Set(domains)];
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;

function absoluteUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StartupError(
      `${name} must be an absolute URL, like https://login.example.gov.uk (got "${raw}")`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StartupError(`${name} must start with https:// (got "${raw}")`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new StartupError(`${name} must use https:// unless it is on this machine (got "${raw}")`);
  }
  return url;
}

export function readOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const issuerText = value('LANTERN_OIDC_ISSUER');
  if (!issuerText) {
    const stray = [
      'LANTERN_OIDC_CLIENT_ID',
      'LANTERN_OIDC_CLIENT_SECRET',
      'LANTERN_OIDC_REDIRECT_URL',
      'LANTERN_OIDC_ACCOUNT_DOMAINS',
    ].find(value);
    if (stray) throw new StartupError(`${stray} is set but LANTERN_OIDC_ISSUER is not; set both or neither`);
    return null;
  }
  const issuer = absoluteUrl('LANTERN_OIDC_ISSUER', issuerText);
  const clientId = value('LANTERN_OIDC_CLIENT_ID');
  if (!clientId) throw new StartupError('LANTERN_OIDC_CLIENT_ID must be set when LANTERN_OIDC_ISSUER is set');
  const redirectText = value('LANTERN_OIDC_REDIRECT_URL');
  const publicText = value('LANTERN_PUBLIC_URL');
  let redirectUrl: URL;
  if (redirectText) {
    redirectUrl = absoluteUrl('LANTERN_OIDC_REDIRECT_URL', redirectText);
  } else if (publicText) {
    redirectUrl = new URL(OIDC_CALLBACK_PATH, absoluteUrl('LANTERN_PUBLIC_URL', publicText));
  } else {
    throw new StartupError(
      'Set LANTERN_PUBLIC_URL (or LANTERN_OIDC_REDIRECT_URL) when LANTERN_OIDC_ISSUER is set: the identity provider needs the address to send people back to',
    );
  }
  return {
    issuer,
    clientId,
    clientSecret: value('LANTERN_OIDC_CLIENT_SECRET') ?? null,
    redirectUrl,
    allowHttp: issuer.protocol === 'http:',
    accountDomains: readAccountDomains(value('LANTERN_OIDC_ACCOUNT_DOMAINS')),
  };
}
