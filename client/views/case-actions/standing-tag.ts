/** The tag class for where an action stands (the GOV.UK tag colours in styles). */
import type { CaseActionStanding } from '../../../shared/case-actions/case-action-schemas';
import { formatDate } from '../../components/format-date-time';

export function standingClass(standing: CaseActionStanding): string {
  switch (standing) {
    case 'overdue':
      return 'tag tag-warn';
    case 'escalated':
      return 'tag tag-error';
    case 'done_late':
      return 'tag tag-muted';
    case 'done_on_time':
      return 'tag tag-ok';
    default:
      return 'tag';
  }
}

/** 18 December 2026. */
export function dateWords(date: string | null): string {
  return date ? formatDate(date) : '';
}
