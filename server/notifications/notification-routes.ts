/**
 * /api/notifications — the signed-in person's own inbox, whatever their roles: GET lists what
 * Lantern told them (newest first) with the unread count; GET /unread-count is the header's
 * small poll; POST /:notificationId/read and POST /read-all mark notices read. Nobody reaches
 * another person's notices (inbox-store.ts keys every query by the signed-in person).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { idParam } from '../admin/id-param';
import { parseBody } from '../http/parse-body';
import { markReadSchema } from '../../shared/notifications/notification-schemas';
import { markAllRead, markRead, readInbox, unreadCount } from './inbox-store';

export function notificationRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json(await readInbox(deps.db, requirePerson(c).id)))
    .get('/unread-count', async (c) => c.json({ unread: await unreadCount(deps.db, requirePerson(c).id) }))
    .post('/read-all', async (c) => {
      const person = requirePerson(c);
      await parseBody(c, markReadSchema);
      const marked = await markAllRead(deps.db, person.id);
      return c.json({ marked, unread: await unreadCount(deps.db, person.id) });
    })
    .post('/:notificationId/read', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'notificationId', 'notification');
      await parseBody(c, markReadSchema);
      const notification = await markRead(deps.db, person.id, id);
      return c.json({ notification, unread: await unreadCount(deps.db, person.id) });
    });
}
