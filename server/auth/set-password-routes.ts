/**
 * /api/auth/set-password: the public end of a one-time link. `check` says whose account a
 * link sets (so the page can greet them and apply the "not your e-mail" rule as they type);
 * the POST sets the password once, ends every session the person had, and is logged.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { appError } from '../../shared/errors/app-error';
import {
  passwordLinkCheckSchema,
  passwordProblems,
  setPasswordRequestSchema,
  type PasswordLinkInfo,
} from '../../shared/accounts/password-rules';
import { consumePasswordLink, findPasswordLink } from './password-links';
import { hashPassword } from './password';
import { revokeAllSessions } from './sessions';
import { setPasswordHash } from './account-store';
import { clearFailures } from './sign-in-throttle';
import { recordEvent } from '../audit-log/record-event';
import { requestOrigin } from '../audit-log/log-access';

const LINK_UNUSABLE =
  'This link has expired, has already been used, or is not complete. Ask your Lantern administrator for a new one.';

export function setPasswordRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .post('/check', async (c) => {
      const { token } = await parseBody(c, passwordLinkCheckSchema);
      const holder = await findPasswordLink(deps.db, token);
      if (!holder) throw appError('not_found', LINK_UNUSABLE);
      const info: PasswordLinkInfo = { email: holder.email, name: holder.name, expiresAt: holder.expiresAt };
      return c.json(info);
    })
    .post('/', async (c) => {
      const body = await parseBody(c, setPasswordRequestSchema);
      const holder = await findPasswordLink(deps.db, body.token);
      if (!holder) throw appError('not_found', LINK_UNUSABLE);
      const problems = passwordProblems(body, holder.email);
      if (problems.length > 0) throw appError('validation_failed', 'Choose a different password.', problems);
      // Hashed before the transaction: scrypt takes ~100 ms and must not hold a connection.
      const hash = await hashPassword(body.password, deps.config.scryptCost);
      await deps.db.transaction(async (tx) => {
        const personId = await consumePasswordLink(tx, body.token);
        if (personId !== holder.personId) throw appError('not_found', LINK_UNUSABLE);
        await setPasswordHash(tx, personId, hash);
        const ended = await revokeAllSessions(tx, personId);
        await clearFailures(tx, holder.email);
        await recordEvent(tx, {
          actorId: personId,
          action: 'password.set',
          entityType: 'person',
          entityId: personId,
          detail: { sessionsEnded: ended },
          ...requestOrigin(c, deps),
        });
      });
      return c.json({ passwordSet: true, email: holder.email });
    });
}
