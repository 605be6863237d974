/**
 * One-time set-password links: a random token in the link, only its SHA-256 in the database
 * (like session tokens), valid for 72 hours, used at most once. Issuing a new link for a
 * person, or deactivating them, revokes the links they had.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';
import { hashToken } from './sessions';
import { guestAdmittedSql } from './guest-access';

export const PASSWORD_LINK_HOURS = 72;

export interface IssuedLink {
  token: string;
  /** The path of the set-password page with the token: the client puts its own origin in front. */
  path: string;
  expiresAt: string;
}

/** A link as an answer carries it: the path to follow and when it expires, not the token alone. */
export function linkAnswer(link: IssuedLink): { path: string; expiresAt: string } {
  return { path: link.path, expiresAt: link.expiresAt };
}

/** `createdBy` is the admin who asked; null when the first admin is created from the command line. */
export async function issuePasswordLink(
  tx: Queryable,
  personId: string,
  createdBy: string | null,
): Promise<IssuedLink> {
  await revokePasswordLinks(tx, personId);
  const token = randomBytes(32).toString('base64url');
  const [row] = await tx.query<{ expires_at: string }>(
    `INSERT INTO password_links (token_hash, person_id, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int)) RETURNING expires_at`,
    [hashToken(token), personId, createdBy, PASSWORD_LINK_HOURS],
  );
  return { token, path: `/set-password?token=${token}`, expiresAt: row?.expires_at ?? '' };
}

export async function revokePasswordLinks(tx: Queryable, personId: string): Promise<void> {
  await tx.query(
    'UPDATE password_links SET revoked_at = now() WHERE person_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
    [personId],
  );
}

export interface LinkHolder {
  personId: string;
  email: string;
  name: string;
  expiresAt: string;
}

/** Who a link is for, while it is unused, unrevoked, unexpired and their account active. */
export async function findPasswordLink(db: Queryable, token: string): Promise<LinkHolder | null> {
  const [row] = await db.query<{
    person_id: string;
    email: string;
    display_name: string;
    expires_at: string;
  }>(
    `SELECT l.person_id, p.email, p.display_name, l.expires_at
     FROM password_links l JOIN people p ON p.id = l.person_id
     WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > now() AND p.active
       AND ${guestAdmittedSql('p')}`,
    [hashToken(token)],
  );
  return row
    ? { personId: row.person_id, email: row.email, name: row.display_name, expiresAt: row.expires_at }
    : null;
}

/** Marks a link used, once: of two requests racing with one link, only one gets the person. */
export async function consumePasswordLink(tx: Queryable, token: string): Promise<string | null> {
  const [row] = await tx.query<{ person_id: string }>(
    `UPDATE password_links SET used_at = now()
     WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
     RETURNING person_id`,
    [hashToken(token)],
  );
  return row?.person_id ?? null;
}

/**
 * One link each for many people at once (a people import): the same rules as
 * `issuePasswordLink`, in two statements whatever the number of people.
 */
export async function issuePasswordLinks(
  tx: Queryable,
  personIds: readonly string[],
  createdBy: string | null,
): Promise<Map<string, IssuedLink>> {
  const links = new Map<string, IssuedLink>();
  if (personIds.length === 0) return links;
  await tx.query(
    `UPDATE password_links SET revoked_at = now()
     WHERE person_id = ANY ($1::uuid[]) AND used_at IS NULL AND revoked_at IS NULL`,
    [personIds],
  );
  const tokens = personIds.map((personId) => ({ personId, token: randomBytes(32).toString('base64url') }));
  const rows = await tx.query<{ person_id: string; expires_at: string }>(
    `INSERT INTO password_links (token_hash, person_id, created_by, expires_at)
     SELECT x.token_hash, x.person_id, $2, now() + make_interval(hours => $3::int)
     FROM jsonb_to_recordset($1::jsonb) AS x (token_hash text, person_id uuid)
     RETURNING person_id, expires_at`,
    [
      JSON.stringify(tokens.map((t) => ({ token_hash: hashToken(t.token), person_id: t.personId }))),
      createdBy,
      PASSWORD_LINK_HOURS,
    ],
  );
  const expiry = new Map(rows.map((row) => [row.person_id, row.expires_at]));
  for (const { personId, token } of tokens)
    links.set(personId, {
      token,
      path: `/set-password?token=${token}`,
      expiresAt: expiry.get(personId) ?? '',
    });
  return links;
}
