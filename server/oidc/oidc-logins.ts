/**
 * Sign-ins in flight between the redirect to the identity provider and its return. The
 * browser keeps a random handle in a short-lived HttpOnly cookie; the database keeps the
 * handle's SHA-256 with the PKCE verifier, state and nonce. Taking one deletes it, so a
 * return is accepted once, only in the browser that started it, and within 10 minutes.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';
import { hashToken } from '../auth/sessions';
import type { PendingChecks } from './oidc-client';
import { safeReturnPath } from '../../shared/validation/return-path';

export const OIDC_LOGIN_MINUTES = 10;

export async function saveLogin(db: Queryable, checks: PendingChecks, nextPath: string): Promise<string> {
  const handle = randomBytes(32).toString('base64url');
  await db.query('DELETE FROM oidc_logins WHERE expires_at < now()');
  await db.query(
    `INSERT INTO oidc_logins (handle_hash, state, nonce, code_verifier, next_path, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6::int))`,
    [hashToken(handle), checks.state, checks.nonce, checks.codeVerifier, nextPath, OIDC_LOGIN_MINUTES],
  );
  return handle;
}

export async function takeLogin(
  db: Queryable,
  handle: string,
): Promise<{ checks: PendingChecks; nextPath: string } | null> {
  const [row] = await db.query<{ state: string; nonce: string; code_verifier: string; next_path: string }>(
    `DELETE FROM oidc_logins WHERE handle_hash = $1 AND expires_at > now()
     RETURNING state, nonce, code_verifier, next_path`,
    [hashToken(handle)],
  );
  return row
    ? {
        checks: { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier },
        nextPath: row.next_path,
      }
    : null;
}

/**
 * A path inside Lantern to return to after signing in; anything else becomes '/'
 * (shared/validation/return-path.ts says what counts).
 */
export function safeNextPath(value: string | undefined): string {
  return safeReturnPath(value);
}
