/**
 * Guards for handlers: who is signed in, and whether they hold a role that may do this.
 * A refusal says only that access is refused, never what exists behind it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { LanternEnv, Person } from '../http/app-env';
import type { Role } from '../../shared/accounts/roles';
import { appError } from '../../shared/errors/app-error';

export function requirePerson(c: Context<LanternEnv>): Person {
  const person = c.get('person');
  if (!person) throw appError('unauthenticated', 'Your session has ended. Sign in again to continue.');
  return person;
}

export const hasRole = (person: Person, ...roles: Role[]): boolean =>
  roles.some((role) => person.roles.includes(role));

/** Middleware: signed in and holding at least one of `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler<LanternEnv> {
  return async (c, next) => {
    const person = requirePerson(c);
    if (!hasRole(person, ...roles)) throw appError('forbidden', 'You do not have access to this.');
    await next();
  };
}
