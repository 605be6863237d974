/**
 * The first admin of an organisation that started without the demo (LANTERN_DEMO=0): nobody
 * can sign in yet, so nobody could add anyone. Adds one admin and returns their one-time
 * set-password link; refuses once any active admin exists (from then on, admins add people
 * on the admin screens). Run through create-first-admin-cli.ts.
 */
import type { Database } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { createPersonSchema } from '../../shared/accounts/person-schemas';
import { issuePasswordLink, type IssuedLink } from '../auth/password-links';
import { recordEvent } from '../audit-log/record-event';
import { countActiveAdmins, lockPeople } from './people-store';

export async function createFirstAdmin(
  db: Database,
  input: { email: string; name: string },
): Promise<IssuedLink> {
  const checked = createPersonSchema.safeParse({ ...input, roles: ['admin'] });
  if (!checked.success) {
    throw appError('validation_failed', checked.error.issues.map((issue) => issue.message).join(' '));
  }
  const { email, name } = checked.data;
  return db.transaction(async (tx) => {
    await lockPeople(tx);
    if ((await countActiveAdmins(tx)) > 0) {
      throw appError(
        'conflict',
        'There is already an active admin: ask them to add people on the admin screens.',
      );
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO people (id, email, display_name, roles) VALUES (gen_random_uuid(), $1, $2, '{admin}')
       ON CONFLICT (email) DO UPDATE SET roles = array_append(array_remove(people.roles, 'admin'), 'admin'),
         active = true, updated_at = now()
       RETURNING id`,
      [email, name],
    );
    if (!row) throw appError('internal', 'The admin could not be added.');
    const link = await issuePasswordLink(tx, row.id, null);
    await recordEvent(tx, {
      actorId: null,
      actorLabel: 'command line',
      action: 'person.roles-changed',
      entityType: 'person',
      entityId: row.id,
      detail: { to: ['admin'], firstAdmin: true },
    });
    return link;
  });
}
