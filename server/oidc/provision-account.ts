/**
 * An account made on a first single sign-on: when the council lists its e-mail domains in
 * LANTERN_OIDC_ACCOUNT_DOMAINS, a person whose VERIFIED address is in one of them (exactly: a
 * subdomain must be listed itself) and who has no Lantern account yet gets one as they sign in
 * — with no role, so they see nothing until an admin gives them one (the admin's list of
 * people shows who is waiting). Safe when two sign-ins race: the address is unique, and the
 * loser reads the winner's row. Logged as `person.created` with `via: 'oidc'`.
 */
import type { Database } from '../db/database';
import { recordEvent } from '../audit-log/record-event';

/** The domain of an address, lower case: what follows the last @. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export function mayProvision(email: string, accountDomains: readonly string[]): boolean {
  return accountDomains.includes(emailDomain(email));
}

export async function provisionAccount(
  db: Database,
  identity: { email: string; name?: string | null; subject: string },
  origin: { ip: string; userAgent: string },
): Promise<{ id: string; active: boolean }> {
  return db.transaction(async (tx) => {
    const name = identity.name?.trim() || identity.email.slice(0, identity.email.lastIndexOf('@'));
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO people (id, email, display_name, roles, created_via)
       VALUES (gen_random_uuid(), $1, $2, '{}', 'oidc') ON CONFLICT (email) DO NOTHING RETURNING id`,
      [identity.email, name.slice(0, 200)],
    );
    if (created) {
      await recordEvent(tx, {
        actorId: created.id,
        action: 'person.created',
        entityType: 'person',
        entityId: created.id,
        detail: { email: identity.email, roles: [], via: 'oidc', subject: identity.subject },
        ...origin,
      });
      return { id: created.id, active: true };
    }
    const [existing] = await tx.query<{ id: string; active: boolean }>(
      'SELECT id, active FROM people WHERE email = $1',
      [identity.email],
    );
    if (!existing) throw new Error('the account made by a concurrent sign-in could not be read');
    return existing;
  });
}
