/**
 * /api/auth/oidc: "Sign in with your council account". `start` sends the browser to the
 * council's identity provider with PKCE, state and nonce; `callback` completes the code
 * exchange, then matches the person by a VERIFIED e-mail address to an active Lantern account
 * and starts a session (method 'oidc'). An unknown address is sent to the sign-in page with
 * "ask your administrator" — unless its domain is one the council listed in
 * LANTERN_OIDC_ACCOUNT_DOMAINS, when an account with no role is made for it (provision-account.ts).
 * Every outcome is in the audit log.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { SsoProblem } from '../../shared/accounts/auth-methods';
import { createSession } from '../auth/sessions';
import { writeSessionCookie } from '../auth/session-cookie';
import { recordEvent } from '../audit-log/record-event';
import { requestOrigin } from '../audit-log/log-access';
import { createOidcClient, type OidcClient } from './oidc-client';
import type { OidcSettings } from './oidc-settings';
import { OIDC_LOGIN_MINUTES, safeNextPath, saveLogin, takeLogin } from './oidc-logins';
import { mayProvision, provisionAccount } from './provision-account';
import { singleSignOnAccount } from '../auth/account-store';
import { log, loggableError } from '../log/logger';

const handleCookie = (secure: boolean): string => (secure ? '__Host-lantern_oidc' : 'lantern_oidc');

export function oidcRoutes(deps: AppDeps, settings: OidcSettings | null, oidc?: OidcClient) {
  const app = new Hono<LanternEnv>();
  const secure = deps.config.secureCookies;
  const limits = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };
  const provider = settings ? (oidc ?? createOidcClient(settings)) : null;

  const refuse = async (c: Context, reason: SsoProblem, detail: Record<string, unknown>, label = '') => {
    await recordEvent(deps.db, {
      actorId: null,
      actorLabel: label,
      action: 'sign-in.failed',
      detail: { method: 'oidc', ...detail },
      ...requestOrigin(c, deps),
    });
    return c.redirect(`/sign-in?sso=${reason}`, 302);
  };

  return app
    .get('/start', async (c) => {
      if (!provider) throw appError('not_found', 'Single sign-on is not set up for this organisation.');
      let begun: Awaited<ReturnType<OidcClient['begin']>>;
      try {
        begun = await provider.begin();
      } catch (error) {
        log.error({ err: loggableError(error) }, 'the OpenID Connect issuer could not be reached');
        return c.redirect('/sign-in?sso=unavailable', 302);
      }
      const handle = await saveLogin(deps.db, begun.checks, safeNextPath(c.req.query('next')));
      setCookie(c, handleCookie(secure), handle, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET, which carries it.
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge: OIDC_LOGIN_MINUTES * 60,
      });
      return c.redirect(begun.url.href, 302);
    })
    .get('/callback', async (c) => {
      if (!provider || !settings)
        throw appError('not_found', 'Single sign-on is not set up for this organisation.');
      const handle = getCookie(c, handleCookie(secure));
      deleteCookie(c, handleCookie(secure), { path: '/', secure });
      const pending = handle ? await takeLogin(deps.db, handle) : null;
      if (!pending)
        return refuse(c, 'failed', { reason: 'no sign-in in progress in this browser, or it took too long' });
      const providerError = c.req.query('error');
      if (providerError)
        return refuse(c, 'failed', { reason: `the provider answered ${providerError.slice(0, 100)}` });

      // The URL the provider redirected to, as registered: behind a proxy the request's own
      // URL may differ in scheme or host.
      const callbackUrl = new URL(settings.redirectUrl);
      callbackUrl.search = new URL(c.req.url).search;
      let identity: Awaited<ReturnType<OidcClient['finish']>>;
      try {
        identity = await provider.finish(callbackUrl, pending.checks);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return refuse(c, 'failed', { reason: reason.slice(0, 300) });
      }
      if (!identity.email) return refuse(c, 'email-not-verified', { reason: 'no e-mail address' });
      if (!identity.emailVerified) {
        return refuse(c, 'email-not-verified', { reason: 'e-mail address not verified' }, identity.email);
      }
      let person = await singleSignOnAccount(deps.db, identity.email);
      if (!person && mayProvision(identity.email, settings.accountDomains))
        person = await provisionAccount(
          deps.db,
          { email: identity.email, name: identity.name, subject: identity.subject },
          requestOrigin(c, deps),
        );
      if (!person) return refuse(c, 'unknown-account', { reason: 'no Lantern account' }, identity.email);
      if (!person.active) return refuse(c, 'inactive', { reason: 'account deactivated' }, identity.email);

      const from = requestOrigin(c, deps);
      const session = await createSession(deps.db, person.id, limits, { ...from, method: 'oidc' });
      await recordEvent(deps.db, {
        actorId: person.id,
        action: 'sign-in',
        detail: { method: 'oidc', subject: identity.subject },
        ...from,
      });
      writeSessionCookie(c, secure, session.token, limits.maxHours * 3600);
      return c.redirect(safeNextPath(pending.nextPath), 302);
    });
}
