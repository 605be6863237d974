/**
 * The inbox API, on each engine: every person (any role) reads only their own notices, newest
 * first, with the unread count; marks one or all read; another person's notice is "not found"
 * and stays unread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { BEN, personId, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { inboxSchema } from '../../shared/notifications/notification-schemas';
import { notify } from './notify';

describe.each(ENGINES)('the inbox API on $engine', (engine) => {
  const t = useTestApp(engine);
  let ben: Client;
  let qa: Client;
  let benId: string;
  let qaId: string;
  beforeAll(async () => {
    ben = await t.as(BEN);
    qa = await t.as(QA_LEAD);
    benId = await personId(t, BEN);
    qaId = await personId(t, QA_LEAD);
    await t.db.query('DELETE FROM notification_emails');
    await t.db.query('DELETE FROM notifications');
    await t.db.transaction(async (tx) => {
      await notify(tx, [benId], { kind: 'allocation_overdue', title: 'First for Ben', link: '/audits' });
      await notify(tx, [benId, qaId], { kind: 'allocation_overdue_qa', title: 'For both', link: '/qa' });
    });
    await t.db.query(
      "UPDATE notifications SET created_at = created_at - interval '1 hour' WHERE title = 'First for Ben'",
    );
  }, 180_000);

  const inboxOf = async (client: Client) =>
    inboxSchema.parse(await (await client.request('/api/notifications')).json());

  it('lists only the person’s own notices, newest first, with the unread count', async () => {
    const benInbox = await inboxOf(ben);
    expect(benInbox.notifications.map((n) => n.title)).toEqual(['For both', 'First for Ben']);
    expect(benInbox.unread).toBe(2);
    const qaInbox = await inboxOf(qa);
    expect(qaInbox.notifications.map((n) => n.title)).toEqual(['For both']);
    expect(await (await qa.request('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('marks one read, refuses another person’s, and marks all read', async () => {
    const [qaNotice] = (await inboxOf(qa)).notifications;
    const benNotices = (await inboxOf(ben)).notifications;
    // Ben cannot touch the QA lead's notice: not found, and it stays unread.
    const refused = await ben.request(`/api/notifications/${qaNotice!.id}/read`, {
      method: 'POST',
      json: {},
    });
    expect(refused.status).toBe(404);
    expect((await inboxOf(qa)).unread).toBe(1);

    const marked = await ben.request(`/api/notifications/${benNotices[1]!.id}/read`, {
      method: 'POST',
      json: {},
    });
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as { unread: number }).unread).toBe(1);
    expect((await inboxOf(ben)).notifications[1]!.readAt).not.toBeNull();

    const all = await qa.request('/api/notifications/read-all', { method: 'POST', json: {} });
    expect(await all.json()).toEqual({ marked: 1, unread: 0 });
    expect((await inboxOf(ben)).unread).toBe(1);
  });

  it('refuses a body that is not an empty object, by name, and marks nothing', async () => {
    const before = (await inboxOf(ben)).unread;
    const refused = await ben.request('/api/notifications/read-all', { method: 'POST', json: { all: true } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('all');
    expect((await inboxOf(ben)).unread).toBe(before);
  });

  it('answers nothing to a person who is not signed in', async () => {
    expect((await t.request('/api/notifications')).status).toBe(401);
  });
});
