/** The inbox store: what it asks the server, what it keeps, and the unread count offline. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useInboxStore } from './inbox-store';

const notice = (id: string, readAt: string | null) => ({
  id,
  kind: 'audit_submitted',
  title: `Audit of case CS-100${id.slice(-1)} submitted`,
  link: `/audit-records/${id}`,
  createdAt: '2026-12-01T09:00:00Z',
  readAt,
});

const server = withFakeApi();

describe('inbox store', () => {
  it('loads the notices, the unread count and the limit together', async () => {
    server().answer('GET /api/notifications', { notifications: [notice('n1', null)], unread: 1, limit: 200 });
    const inbox = useInboxStore();
    await inbox.load();
    expect(inbox.notifications.map((n) => n.id)).toEqual(['n1']);
    expect(inbox.unread).toBe(1);
    expect(inbox.loaded).toBe(true);
  });

  it('marks one notice read: the count is the server’s, the notice gets a read time', async () => {
    server().answer('GET /api/notifications', {
      notifications: [notice('n1', null), notice('n2', null)],
      unread: 2,
      limit: 200,
    });
    server().answer('POST /api/notifications/:notificationId/read', {
      notification: notice('n1', '2026-12-01T10:00:00Z'),
      unread: 1,
    });
    const inbox = useInboxStore();
    await inbox.load();
    await inbox.markRead('n1');
    expect(server().calls.at(-1)).toMatchObject({ path: '/api/notifications/n1/read', body: {} });
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications.find((n) => n.id === 'n1')?.readAt).not.toBeNull();
    expect(inbox.notifications.find((n) => n.id === 'n2')?.readAt).toBeNull();
  });

  it('marks all read and then reads the inbox again', async () => {
    server().answer('POST /api/notifications/read-all', { marked: 1, unread: 0 });
    server().answer('GET /api/notifications', {
      notifications: [notice('n1', '2026-12-01T10:00:00Z')],
      unread: 0,
      limit: 200,
    });
    const inbox = useInboxStore();
    await inbox.markAllRead();
    expect(server().routes()).toEqual(['POST /api/notifications/read-all', 'GET /api/notifications']);
    expect(inbox.unread).toBe(0);
  });

  it('keeps the last unread count when the network is gone', async () => {
    server().answer('GET /api/notifications/unread-count', { unread: 3 });
    const inbox = useInboxStore();
    await inbox.refreshCount();
    server().goOffline();
    await expect(inbox.refreshCount()).rejects.toMatchObject({ code: 'network' });
    expect(inbox.unread).toBe(3);
  });

  it('forgets everything on clear (the next person on a shared tablet sees nothing)', async () => {
    server().answer('GET /api/notifications', { notifications: [notice('n1', null)], unread: 1, limit: 200 });
    const inbox = useInboxStore();
    await inbox.load();
    inbox.clear();
    expect([inbox.notifications, inbox.unread, inbox.loaded]).toEqual([[], 0, false]);
  });

  it('keeps the first read time of a notice read before', async () => {
    server().answer('GET /api/notifications', {
      notifications: [notice('n1', '2026-11-30T08:00:00Z')],
      unread: 0,
      limit: 200,
    });
    server().answer('POST /api/notifications/:notificationId/read', {
      notification: notice('n1', '2026-11-30T08:00:00Z'),
      unread: 0,
    });
    const inbox = useInboxStore();
    await inbox.load();
    await inbox.markRead('n1');
    expect(inbox.notifications[0]?.readAt).toBe('2026-11-30T08:00:00Z');
  });
});
