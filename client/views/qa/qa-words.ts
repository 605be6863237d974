/** Words the QA screens share: grades, work states, round kinds, percentages with their counts. */
import { GRADES } from '../../../shared/metrics/grade-scale';
import { formatProportion } from '../../../shared/metrics/format-percentage';
import type { Proportion } from '../../../shared/metrics/proportion';
import type { WorkState } from '../../../shared/rounds/allocation-schemas';

export const gradeWords = (grade: number | null | undefined): string =>
  grade === null || grade === undefined
    ? '—'
    : (GRADES.find((g) => g.index === grade)?.label ?? String(grade));

export const WORK_STATE_WORDS: Record<WorkState, { text: string; tag: string }> = {
  not_started: { text: 'Not started', tag: 'tag-muted' },
  started: { text: 'Started', tag: 'tag-warn' },
  submitted: { text: 'Submitted', tag: 'tag-ok' },
  moderated: { text: 'Moderated', tag: 'tag-ok' },
};

export const proportionWords = (p: Proportion): string => formatProportion(p);

/** Minutes as "3 h 20 min" / "45 min". */
export function durationWords(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}
