/**
 * Sessions in the database: a random token in an HttpOnly cookie, its SHA-256 in the
 * `sessions` table, an idle and an absolute expiry checked against the database clock (so
 * every process agrees), and a CSRF token per session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Person, SessionContext } from '../http/app-env';
import { roleSchema } from '../../shared/accounts/roles';
import { agencySchema, DEFAULT_AGENCY } from '../../shared/accounts/agencies';
import { guestAdmittedSql, guestLastDaySql } from './guest-access';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  db: Queryable,
  personId: string,
  limits: SessionLimits,
  origin: { ip: string; userAgent: string; method: 'password' | 'oidc' },
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const [row] = await db.query<{ expires_at: string }>(
    // The person's last sign-in is kept on their row: ended sessions are deleted (retention).
    `WITH signed_in AS (UPDATE people SET last_sign_in_at = now() WHERE id = $2)
     INSERT INTO sessions (token_hash, person_id, csrf_token, expires_at, ip, user_agent, method)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int), $5, $6, $7) RETURNING expires_at`,
    [
      hashToken(token),
      personId,
      csrfToken,
      Math.round(limits.maxHours),
      origin.ip,
      origin.userAgent.slice(0, 300),
      origin.method,
    ],
  );
  return { token, csrfToken, expiresAt: row?.expires_at ?? '' };
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  expires_at: string;
  touch: boolean;
  id: string;
  email: string;
  display_name: string;
  job_title: string;
  roles: string[];
  team_id: string | null;
  service_id: string | null;
  agency: string;
  guest_round_id: string | null;
  guest_last_day: string | null;
}

/** A live session and its person, as the session middleware hands them to every route. */
export interface FoundSession {
  person: Person;
  session: SessionContext;
}

/**
 * The live session for a cookie token and its person, or null when there is none, it was
 * revoked, it passed its absolute or idle expiry, or the person was deactivated (or is a guest
 * past their last day: guest-access.ts).
 */
export async function findSession(
  db: Queryable,
  token: string,
  limits: SessionLimits,
): Promise<FoundSession | null> {
  // What this reads of sessions, people and rounds tells each process when it changes
  // (migrations/033-session-change-notices.sql, session-cache.ts).
  const [row] = await db.query<SessionRow>(
    `SELECT s.token_hash, s.csrf_token, s.expires_at,
            s.last_seen_at < now() - interval '1 minute' AS touch,
            p.id, p.email, p.display_name, p.job_title, p.roles, p.team_id, p.service_id,
            p.agency, p.guest_round_id, ${guestLastDaySql('p')}::text AS guest_last_day
     FROM sessions s JOIN people p ON p.id = s.person_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND p.active AND ${guestAdmittedSql('p')}
       AND s.expires_at > now()
       AND s.last_seen_at > now() - make_interval(mins => $2::int)`,
    [hashToken(token), Math.round(limits.idleMinutes)],
    { prepare: true }, // every request asks this
  );
  if (!row) return null;
  // Written at most once a minute: a busy device must not turn every read into a write.
  if (row.touch)
    await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [row.token_hash]);
  return {
    person: {
      id: row.id,
      email: row.email,
      name: row.display_name,
      jobTitle: row.job_title,
      roles: row.roles.flatMap((role) => {
        const parsed = roleSchema.safeParse(role);
        return parsed.success ? [parsed.data] : [];
      }),
      teamId: row.team_id,
      serviceId: row.service_id,
      agency: agencySchema.safeParse(row.agency).data ?? DEFAULT_AGENCY,
      guest:
        row.guest_round_id && row.guest_last_day
          ? { roundId: row.guest_round_id, lastDay: row.guest_last_day }
          : null,
    },
    session: { tokenHash: row.token_hash, csrfToken: row.csrf_token, expiresAt: row.expires_at },
  };
}

export async function revokeSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash,
  ]);
}

/** Sign out everywhere: every live session of the person ends now. */
export async function revokeAllSessions(db: Queryable, personId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE sessions SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL RETURNING token_hash',
    [personId],
  );
  return rows.length;
}

/** How the session was signed in to: by password or single sign-on. */
export async function sessionMethod(db: Queryable, tokenHash: string): Promise<'password' | 'oidc'> {
  const [row] = await db.query<{ method: string }>('SELECT method FROM sessions WHERE token_hash = $1', [
    tokenHash,
  ]);
  return row?.method === 'oidc' ? 'oidc' : 'password';
}
