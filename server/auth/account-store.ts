/**
 * The accounts' SQL for signing in: an active person by e-mail with their password hash and
 * whether a guest is still admitted (server/auth/guest-access.ts), and the password hash
 * written when a password is set or rehashed.
 */
import type { Queryable } from '../db/database';
import { guestAdmittedSql, guestLastDaySql } from './guest-access';

export interface SignInAccount {
  id: string;
  password_hash: string | null;
  /** False for a guest past their last day. */
  admitted: boolean;
  last_day: string | null;
}

/** The active account with this e-mail address, or null. */
export async function signInAccount(db: Queryable, email: string): Promise<SignInAccount | null> {
  const [person] = await db.query<SignInAccount>(
    `SELECT id, password_hash, ${guestAdmittedSql('p')} AS admitted, ${guestLastDaySql('p')}::text AS last_day
     FROM people p WHERE email = $1 AND active`,
    [email],
  );
  return person ?? null;
}

/**
 * The account with this e-mail address for single sign-on; `active` is false for a deactivated
 * person or a guest past their last day.
 */
export async function singleSignOnAccount(
  db: Queryable,
  email: string,
): Promise<{ id: string; active: boolean } | null> {
  const [person] = await db.query<{ id: string; active: boolean }>(
    `SELECT id, active AND ${guestAdmittedSql('p')} AS active FROM people p WHERE email = $1`,
    [email],
  );
  return person ?? null;
}

/** Replaces the hash of a known password (at a new cost) unless it changed meanwhile. */
export async function rehashPassword(
  db: Queryable,
  personId: string,
  before: string,
  after: string,
): Promise<void> {
  await db.query('UPDATE people SET password_hash = $1 WHERE id = $2 AND password_hash = $3', [
    after,
    personId,
    before,
  ]);
}

/** Sets the person's password (its hash). */
export async function setPasswordHash(tx: Queryable, personId: string, hash: string): Promise<void> {
  await tx.query('UPDATE people SET password_hash = $1, updated_at = now() WHERE id = $2', [hash, personId]);
}
