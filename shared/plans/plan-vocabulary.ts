/**
 * The words of an improvement plan, as councils write them (PRODUCT.md, "Action plan"): the
 * manager's RAG and what each colour means, the timescale groups areas are sorted into, what
 * a plan calls its areas, and where an area came from. Stored values are the keys; the labels
 * are for people. Colours are never shown alone: every RAG is written out in words.
 */
import { z } from 'zod';
import { MONTH_NAMES } from '../metrics/month-names';

/** The manager's RAG on an action: Red, Amber, Green, Blue (achieved). */
export const MANAGER_RAGS = ['red', 'amber', 'green', 'blue'] as const;
export const managerRagSchema = z.enum(MANAGER_RAGS);
/** 'red' | 'amber' | 'green' | 'blue'. */
export type ManagerRag = z.infer<typeof managerRagSchema>;

/** PRODUCT.md's meanings, shown beside the choice. */
export const MANAGER_RAG_TEXT: Record<ManagerRag, { label: string; meaning: string }> = {
  red: { label: 'Red', meaning: 'Not on track: exception reporting required' },
  amber: { label: 'Amber', meaning: 'Concern about progress; action being taken' },
  green: { label: 'Green', meaning: 'On track within agreed timescales' },
  blue: { label: 'Blue', meaning: 'Achieved or completed' },
};

/** How soon an area must be addressed: the groups councils report by. */
export const TIMESCALES = [
  'immediately',
  'within-3-months',
  'within-6-months',
  'by-date',
  'ongoing',
  'recurring',
] as const;
export const timescaleSchema = z.enum(TIMESCALES);
/** One of TIMESCALES; 'by-date' carries its own date, 'recurring' a frequency and a start month. */
export type Timescale = z.infer<typeof timescaleSchema>;
export const TIMESCALE_LABELS: Record<Timescale, string> = {
  immediately: 'Immediately',
  'within-3-months': 'Within 3 months',
  'within-6-months': 'Within 6 months',
  'by-date': 'By a date',
  ongoing: 'Ongoing',
  recurring: 'Recurring',
};

/** How often a recurring area or action comes round. */
export const RECURRENCES = ['monthly', 'quarterly', 'yearly'] as const;
export const recurrenceSchema = z.enum(RECURRENCES);
export type Recurrence = z.infer<typeof recurrenceSchema>;
export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  yearly: 'Yearly',
};

/** A YYYY-MM-DD date as councils write it. @example dateInWords('2027-03-31') // '31 March 2027' */
export function dateInWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = MONTH_NAMES[(m ?? 0) - 1];
  return month && y && d ? `${d} ${month} ${y}` : date;
}
/** The month of a YYYY-MM-DD date. @example monthInWords('2027-04-01') // 'April 2027' */
export function monthInWords(date: string): string {
  const [y, m] = date.split('-').map(Number);
  const month = MONTH_NAMES[(m ?? 0) - 1];
  return month && y ? `${month} ${y}` : date;
}

/** A recurrence in words. @example recurrenceInWords('quarterly', '2027-04-01') // 'Quarterly from April 2027' */
export function recurrenceInWords(recurrence: Recurrence, start: string): string {
  return `${RECURRENCE_LABELS[recurrence]} from ${monthInWords(start)}`;
}

/** An area's timescale in words, with its date or recurrence. @example timescaleInWords({ timescale: 'by-date', timescaleDate: '2027-03-31' }) // 'By 31 March 2027' */
export function timescaleInWords(t: {
  timescale: Timescale;
  timescaleDate?: string | null;
  recurrence?: Recurrence | null;
  recurrenceStart?: string | null;
}): string {
  if (t.timescale === 'by-date' && t.timescaleDate) return `By ${dateInWords(t.timescaleDate)}`;
  if (t.timescale === 'recurring' && t.recurrence && t.recurrenceStart)
    return recurrenceInWords(t.recurrence, t.recurrenceStart);
  return TIMESCALE_LABELS[t.timescale];
}

/** The words for a timescale key, or the key itself when it is not one. */
export function timescaleLabel(key: string): string {
  const parsed = timescaleSchema.safeParse(key);
  return parsed.success ? TIMESCALE_LABELS[parsed.data] : key;
}

/** What the plan calls its top-level entries. */
export const AREA_NOUNS = ['area for improvement', 'recommendation'] as const;
export const areaNounSchema = z.enum(AREA_NOUNS);
/** 'area for improvement' | 'recommendation'. */
export type AreaNoun = z.infer<typeof areaNounSchema>;
/** The plural of an area noun. @example pluralNoun('area for improvement') // 'areas for improvement' */
export function pluralNoun(noun: AreaNoun): string {
  return noun === 'recommendation' ? 'recommendations' : 'areas for improvement';
}

/** Where the areas of a merged plan came from. */
export const PLAN_SOURCE_KINDS = ['inspection', 'peer-review', 'self-identified'] as const;
export const planSourceKindSchema = z.enum(PLAN_SOURCE_KINDS);
export const PLAN_SOURCE_LABELS: Record<z.infer<typeof planSourceKindSchema>, string> = {
  inspection: 'Inspection',
  'peer-review': 'Peer review',
  'self-identified': 'Self-identified',
};
