/**
 * The words of an improvement plan, as councils write them (PRODUCT.md, "Action plan"): the
 * manager's RAG and what each colour means, the timescale groups areas are sorted into, what
 * a plan calls its areas, and where an area came from. Stored values are the keys; the labels
 * are for people. Colours are never shown alone: every RAG is written out in words.
 */
import { z } from 'zod';

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
export const TIMESCALES = ['immediately', 'within-3-months', 'within-6-months', 'by-date'] as const;
export const timescaleSchema = z.enum(TIMESCALES);
/** One of TIMESCALES; 'by-date' carries its own date. */
export type Timescale = z.infer<typeof timescaleSchema>;
export const TIMESCALE_LABELS: Record<Timescale, string> = {
  immediately: 'Immediately',
  'within-3-months': 'Within 3 months',
  'within-6-months': 'Within 6 months',
  'by-date': 'By a date',
};

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
