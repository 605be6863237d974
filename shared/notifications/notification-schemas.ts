/**
 * A person's inbox as it travels: what Lantern told them, when, where it leads, and whether
 * they have read it. Titles carry a case reference at most, never case content.
 */
import { z } from 'zod/mini';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  /** A path inside Lantern. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.nullable(z.string()),
});
export type Notification = z.infer<typeof notificationSchema>;

export const inboxSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().check(z.int(), z.nonnegative()),
  /** The inbox shows the newest this many; older ones stay stored. */
  limit: z.number().check(z.int(), z.positive()),
});
export type Inbox = z.infer<typeof inboxSchema>;

/** Marking read takes an empty JSON object: anything in it is a mistake, refused by name. */
export const markReadSchema = z.strictObject({});

export const unreadCountSchema = z.object({ unread: z.number().check(z.int(), z.nonnegative()) });

/** What each kind is, for the inbox's label beside a title. */
export const NOTICE_KIND_LABELS: Record<string, string> = {
  audit_submitted: 'Audit of your case',
  practitioner_response: 'Practitioner’s response',
  action_assigned: 'Case action',
  action_overdue: 'Case action overdue',
  action_escalated: 'Case action escalated',
  allocation_overdue: 'Late audit',
  allocation_overdue_qa: 'Late audit',
};

export function noticeKindLabel(kind: string): string {
  return NOTICE_KIND_LABELS[kind] ?? 'Notice';
}
