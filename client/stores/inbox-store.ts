/**
 * The signed-in person's inbox on the client: what Lantern told them, the unread count the
 * header shows, and marking notices read. Offline, the last count stays shown.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http';
import type { Notification } from '../../shared/notifications/notification-schemas';

/** The inbox's schemas, loaded with its first answer: the header's count comes after the first paint. */
const schemas = () => import('../../shared/notifications/notification-schemas');

export const useInboxStore = defineStore('inbox', () => {
  const notifications = ref<Notification[]>([]);
  const unread = ref(0);
  const limit = ref(200);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const { inboxSchema } = await schemas();
    const inbox = inboxSchema.parse(await api('/api/notifications'));
    notifications.value = inbox.notifications;
    unread.value = inbox.unread;
    limit.value = inbox.limit;
    loaded.value = true;
  }
  async function refreshCount(): Promise<void> {
    const { unreadCountSchema } = await schemas();
    unread.value = unreadCountSchema.parse(await api('/api/notifications/unread-count')).unread;
  }
  async function markRead(id: string): Promise<void> {
    const answer = await api<{ notification: unknown; unread: number }>(
      `/api/notifications/${encodeURIComponent(id)}/read`,
      { method: 'POST', body: {} },
    );
    unread.value = answer.unread;
    const notice = notifications.value.find((n) => n.id === id);
    if (notice && !notice.readAt) notice.readAt = new Date().toISOString();
  }
  async function markAllRead(): Promise<void> {
    await api('/api/notifications/read-all', { method: 'POST', body: {} });
    await load();
  }
  function clear(): void {
    notifications.value = [];
    unread.value = 0;
    loaded.value = false;
  }
  return { notifications, unread, limit, loaded, load, refreshCount, markRead, markAllRead, clear };
});
