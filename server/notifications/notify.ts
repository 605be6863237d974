/**
 * Tells people something in Lantern: a notice in each recipient's inbox (`notifications`) and,
 * in the same transaction, an e-mail queued for the sweeper, which sends it after commit only
 * when SMTP is configured (send-notification-emails.ts). The e-mail is built from the title and
 * link alone plus fixed words, so no answer, note or case detail can ever reach it: callers
 * keep titles to what may leave the council (a case reference at most).
 *
 * Recipients are person ids; unknown and deactivated people are skipped, and each person is
 * told once however often they are listed. With a `subjectId`, a (person, kind, subject) that
 * was told before is not told again: "once per audit per person per kind".
 */
import type { Queryable } from '../db/database';

export type NoticeKind =
  | 'audit_submitted' // to the case's practitioner and team managers
  | 'practitioner_response' // to the auditor and QA lead(s)
  | 'action_assigned'
  | 'action_overdue'
  | 'action_escalated'
  | 'allocation_overdue' // to the auditor
  | 'allocation_overdue_qa' // to the QA lead(s)
  | (string & {});

export interface Notice {
  kind: NoticeKind;
  /** One line shown in the inbox and used as the e-mail subject: never case content (a case reference at most). */
  title: string;
  /** A path inside Lantern, e.g. `/audits/<id>`; e-mails carry `${LANTERN_PUBLIC_URL}${link}`. */
  link: string;
  /** What it is about, for de-duplication ("once per audit per person per kind"). */
  subjectId?: string;
}

const KIND = /^[a-z][a-z0-9_]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function notify(tx: Queryable, recipients: readonly string[], notice: Notice): Promise<void> {
  // A programming error, not bad input: every caller passes fixed kinds and built links.
  if (!KIND.test(notice.kind)) throw new Error(`notify: kind "${notice.kind}" is not snake_case`);
  const title = notice.title.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (!title) throw new Error('notify: a notice needs a title');
  if (!notice.link.startsWith('/') || notice.link.startsWith('//'))
    throw new Error(`notify: link "${notice.link}" must be a path inside Lantern`);
  const ids = [...new Set(recipients.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (ids.length === 0) return;
  const conflict =
    notice.subjectId === undefined
      ? ''
      : 'ON CONFLICT (person_id, kind, subject_id) WHERE subject_id IS NOT NULL DO NOTHING';
  const added = await tx.query<{ id: string }>(
    `INSERT INTO notifications (person_id, kind, title, link, subject_id)
     SELECT p.id, $2, $3, $4, $5 FROM people p WHERE p.id = ANY ($1::uuid[]) AND p.active
     ${conflict}
     RETURNING id`,
    [ids, notice.kind, title, notice.link, notice.subjectId ?? null],
  );
  if (added.length > 0)
    await tx.query('INSERT INTO notification_emails (notification_id) SELECT unnest($1::uuid[])', [
      added.map((row) => row.id),
    ]);
}
