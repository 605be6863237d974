/**
 * A person's own notifications (their inbox): the newest first, how many are unread, and
 * marking them read. Every query is keyed by the signed-in person's id, so nobody can read or
 * mark another person's notices: someone else's notice id is simply "not found".
 */
import type { Queryable } from '../db/database';
import type { Inbox, Notification } from '../../shared/notifications/notification-schemas';
import { appError } from '../../shared/errors/app-error';

export const INBOX_LIMIT = 200;

interface Row {
  id: string;
  kind: string;
  title: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

const toNotification = (row: Row): Notification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  link: row.link,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export async function unreadCount(db: Queryable, personId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM notifications WHERE person_id = $1 AND read_at IS NULL',
    [personId],
  );
  return Number(row?.n ?? 0);
}

export async function readInbox(db: Queryable, personId: string): Promise<Inbox> {
  const rows = await db.query<Row>(
    `SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE person_id = $1
     ORDER BY created_at DESC, id LIMIT $2`,
    [personId, INBOX_LIMIT],
  );
  return {
    notifications: rows.map(toNotification),
    unread: await unreadCount(db, personId),
    limit: INBOX_LIMIT,
  };
}

export async function markRead(db: Queryable, personId: string, id: string): Promise<Notification> {
  const [row] = await db.query<Row>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND person_id = $2
     RETURNING id, kind, title, link, created_at, read_at`,
    [id, personId],
  );
  if (!row) throw appError('not_found', 'There is no notification with that id in your inbox.');
  return toNotification(row);
}

export async function markAllRead(db: Queryable, personId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL RETURNING id',
    [personId],
  );
  return rows.length;
}
