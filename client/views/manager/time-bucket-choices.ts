/**
 * The periods the manager's screens report by, in the order they are offered, with their words:
 * one list, so the trends dashboard and a measure's form offer them alike. A measure's form
 * offers the calendar periods only (a manual or case-action measure cannot be reported by
 * practice week: shared/plans/plan-schemas.ts).
 */
import type { TimeBucket } from '../../../shared/metrics/periods';

export const TIME_BUCKET_CHOICES: readonly { value: TimeBucket; label: string }[] = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'financial-quarter', label: 'Financial quarter' },
  { value: 'financial-year', label: 'Financial year' },
  { value: 'practice-week', label: 'Practice week' },
];

/** The periods a measure's form offers. */
export const MEASURE_BUCKET_CHOICES = TIME_BUCKET_CHOICES.filter((c) => c.value !== 'practice-week');
