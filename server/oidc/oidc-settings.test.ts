/** Single sign-on settings from the environment: off by default, and every bad value named. */
import { describe, expect, it } from 'vitest';
import { readOidcSettings } from './oidc-settings';
import { StartupError } from '../startup-error';

const BASE = {
  LANTERN_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  LANTERN_OIDC_CLIENT_ID: 'lantern',
  LANTERN_OIDC_CLIENT_SECRET: 's3cret',
  LANTERN_PUBLIC_URL: 'https://lantern.council.gov.uk',
};

describe('readOidcSettings', () => {
  it('is off when no issuer is set', () => {
    expect(readOidcSettings({})).toBeNull();
  });

  it('derives the redirect address from LANTERN_PUBLIC_URL', () => {
    const settings = readOidcSettings(BASE);
    expect(settings?.redirectUrl.href).toBe('https://lantern.council.gov.uk/api/auth/oidc/callback');
    expect(settings?.clientSecret).toBe('s3cret');
    expect(settings?.allowHttp).toBe(false);
  });

  it('prefers LANTERN_OIDC_REDIRECT_URL when given', () => {
    const settings = readOidcSettings({
      ...BASE,
      LANTERN_OIDC_REDIRECT_URL: 'https://sso.example.gov.uk/cb',
    });
    expect(settings?.redirectUrl.href).toBe('https://sso.example.gov.uk/cb');
  });

  it('reads the e-mail domains whose people get an account on first sign-in', () => {
    expect(readOidcSettings(BASE)?.accountDomains).toEqual([]);
    expect(
      readOidcSettings({
        ...BASE,
        LANTERN_OIDC_ACCOUNT_DOMAINS: ' Council.gov.uk, @schools.council.gov.uk ,council.gov.uk',
      })?.accountDomains,
    ).toEqual(['council.gov.uk', 'schools.council.gov.uk']);
  });

  it('allows plain HTTP only to an issuer on this machine', () => {
    expect(readOidcSettings({ ...BASE, LANTERN_OIDC_ISSUER: 'http://127.0.0.1:4000' })?.allowHttp).toBe(true);
    expect(() => readOidcSettings({ ...BASE, LANTERN_OIDC_ISSUER: 'http://idp.example.com' })).toThrow(
      /https/,
    );
  });

  it.each([
    [{ ...BASE, LANTERN_OIDC_CLIENT_ID: '' }, /LANTERN_OIDC_CLIENT_ID must be set/],
    [{ ...BASE, LANTERN_PUBLIC_URL: '' }, /Set LANTERN_PUBLIC_URL/],
    [{ ...BASE, LANTERN_OIDC_ISSUER: 'not a url' }, /LANTERN_OIDC_ISSUER must be an absolute URL/],
    [{ LANTERN_OIDC_CLIENT_ID: 'lantern' }, /LANTERN_OIDC_CLIENT_ID is set but LANTERN_OIDC_ISSUER is not/],
    [
      { LANTERN_OIDC_ACCOUNT_DOMAINS: 'council.gov.uk' },
      /LANTERN_OIDC_ACCOUNT_DOMAINS is set but LANTERN_OIDC_ISSUER is not/,
    ],
    [
      { ...BASE, LANTERN_OIDC_ACCOUNT_DOMAINS: 'council.gov.uk, https://evil.example' },
      /LANTERN_OIDC_ACCOUNT_DOMAINS must list e-mail domains .* \(got "https:\/\/evil.example"\)/,
    ],
  ])('refuses to start with %o', (env, message) => {
    expect(() => readOidcSettings(env)).toThrow(StartupError);
    expect(() => readOidcSettings(env)).toThrow(message);
  });
});
