/**
 * Who may see and decide a moderation: the moderator it was sampled to, or a QA lead — and
 * never the audit's own auditor, whatever roles they hold. The access rule lets moderators
 * and QA leads reach these routes; this is the per-record check (a moderator reaches only the
 * audits sampled to them).
 */
import type { Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';

export function assertMayModerate(
  person: Person,
  moderation: { moderator_id: string; auditor_id: string },
): void {
  if (moderation.auditor_id === person.id) throw appError('forbidden', 'You cannot moderate your own audit.');
  if (moderation.moderator_id !== person.id && !person.roles.includes('qa_lead'))
    throw appError('forbidden', 'This audit was sampled to another moderator.');
}
