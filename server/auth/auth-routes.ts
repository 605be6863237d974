/**
 * /api/auth: which sign-in methods exist here, sign in with a password, read the current
 * session (with its CSRF token), sign out here or everywhere; and, mounted below it, the
 * one-time set-password links and single sign-on (OpenID Connect). Every sign-in, failure and
 * sign-out is in the audit log.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { clientAddress } from '../http/client-address';
import { signInRequestSchema, type SessionInfo } from '../../shared/accounts/roles';
import { appError } from '../../shared/errors/app-error';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { createSession, findSession, revokeAllSessions, revokeSession, sessionMethod } from './sessions';
import { rehashPassword, signInAccount } from './account-store';
import { clearSessionCookie, writeSessionCookie } from './session-cookie';
import { beginAttempt, succeeded, type AttemptDecision } from './sign-in-throttle';
import { requirePerson } from './require-person';
import { recordEvent } from '../audit-log/record-event';
import type { AuthMethods } from '../../shared/accounts/auth-methods';
import { setPasswordRoutes } from './set-password-routes';
import { oidcRoutes } from '../oidc/oidc-routes';
import type { OidcSettings } from '../oidc/oidc-settings';
import type { OidcClient } from '../oidc/oidc-client';

/** Compared against when the e-mail is unknown, so timing does not reveal which accounts exist. */
const decoyHash = hashPassword('not-a-real-password');

export function authRoutes(deps: AppDeps, oidc: OidcSettings | null = null, oidcClient?: OidcClient) {
  const limits = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };
  const origin = (c: Context) => ({
    ip: clientAddress(c, deps.config.trustProxy),
    userAgent: c.req.header('user-agent') ?? '',
  });

  return new Hono<LanternEnv>()
    .get('/methods', (c) => {
      const methods: AuthMethods = { password: true, oidc: oidc !== null };
      return c.json(methods);
    })
    .post('/sign-in', async (c) => {
      const { email, password } = await parseBody(c, signInRequestSchema);
      const from = origin(c);
      // Counted before the password is checked, so concurrent guesses cannot all pass.
      const attempt = await beginAttempt(deps.db, email, from.ip);
      if (!attempt.allowed) {
        await recordEvent(deps.db, {
          actorId: null,
          actorLabel: email,
          action: 'sign-in.throttled',
          detail: { limit: attempt.limit, retryAfterSeconds: attempt.retryAfterSeconds },
          ...from,
        });
        c.header('Retry-After', String(attempt.retryAfterSeconds));
        throw appError('rate_limited', throttledMessage(attempt.limit, attempt.retryAfterSeconds));
      }
      const person = await signInAccount(deps.db, email);
      const ok = await verifyPassword(password, person?.password_hash ?? (await decoyHash));
      if (person && person.password_hash && ok && !person.admitted) {
        // A guest past their last day, with the right password: say why, so they are not left
        // guessing at their password (only someone who knows it learns this).
        await recordEvent(deps.db, {
          actorId: person.id,
          actorLabel: email,
          action: 'sign-in.failed',
          detail: { reason: 'guest-ended', lastDay: person.last_day },
          ...from,
        });
        throw appError(
          'unauthenticated',
          `Your access as a guest ended after ${longDate(person.last_day)}, your last day in the round. Ask the council's quality assurance lead if you need it again.`,
        );
      }
      if (!person || !person.password_hash || !ok) {
        // The attempt's row already counts this failure.
        await recordEvent(deps.db, {
          actorId: person?.id ?? null,
          actorLabel: email,
          action: 'sign-in.failed',
          ...from,
        });
        throw appError('unauthenticated', 'The e-mail address or password is not right.');
      }
      if (needsRehash(person.password_hash, deps.config.scryptCost)) {
        // The password is known now: redo its hash at the configured cost.
        const rehashed = await hashPassword(password, deps.config.scryptCost);
        await rehashPassword(deps.db, person.id, person.password_hash, rehashed);
      }
      await succeeded(deps.db, email);
      const session = await createSession(deps.db, person.id, limits, { ...from, method: 'password' });
      await recordEvent(deps.db, {
        actorId: person.id,
        action: 'sign-in',
        detail: { method: 'password' },
        ...from,
      });
      writeSessionCookie(c, deps.config.secureCookies, session.token, limits.maxHours * 3600);
      const found = await findSession(deps.db, session.token, limits);
      if (!found) throw appError('internal', 'The new session could not be read back.');
      const info: SessionInfo = {
        person: found.person,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        method: 'password',
      };
      return c.json(info);
    })
    .get('/session', async (c) => {
      const person = requirePerson(c);
      const session = c.get('session');
      if (!session) throw appError('unauthenticated', 'Your session has ended. Sign in again to continue.');
      const info: SessionInfo = {
        person,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        method: await sessionMethod(deps.db, session.tokenHash),
      };
      return c.json(info);
    })
    .post('/sign-out', async (c) => {
      const person = requirePerson(c);
      const session = c.get('session');
      if (session) await revokeSession(deps.db, session.tokenHash);
      await recordEvent(deps.db, { actorId: person.id, action: 'sign-out', ...origin(c) });
      clearSessionCookie(c, deps.config.secureCookies);
      return c.json({ signedOut: true });
    })
    .post('/sign-out-everywhere', async (c) => {
      const person = requirePerson(c);
      const ended = await revokeAllSessions(deps.db, person.id);
      await recordEvent(deps.db, {
        actorId: person.id,
        action: 'sign-out.everywhere',
        detail: { sessionsEnded: ended },
        ...origin(c),
      });
      clearSessionCookie(c, deps.config.secureCookies);
      return c.json({ signedOut: true, sessionsEnded: ended });
    })
    .route('/set-password', setPasswordRoutes(deps))
    .route('/oidc', oidcRoutes(deps, oidc, oidcClient));
}

/** What a refused sign-in says: which limit, and how long to wait, in words. */
function throttledMessage(
  limit: Extract<AttemptDecision, { allowed: false }>['limit'],
  seconds: number,
): string {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  if (limit === 'account-address') {
    return `Too many wrong passwords for this account. Wait ${wait} and try again, or ask an administrator for a new password link.`;
  }
  return `Too many wrong passwords have been tried. Wait ${wait} and try again.`;
}

/** A calendar date in words ("4 December 2026"), for a message. */
function longDate(day: string | null): string {
  if (!day) return 'your last day';
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
