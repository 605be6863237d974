/**
 * A report's status in words, the same on screen, in print and in the downloads:
 * "Published 3 December 2026 by Erin Walsh" or "Draft: figures as of 3 December 2026".
 */
import type { ReportContent } from './report-content';
import { publishedDate } from './report-dates';

/** @example reportStatusWords(content) // 'Published 3 December 2026 by Erin Walsh' */
export function reportStatusWords(
  content: Pick<ReportContent, 'publishedAt' | 'publishedByName' | 'drawnAt'>,
): string {
  if (content.publishedAt)
    return `Published ${publishedDate(content.publishedAt)}${content.publishedByName ? ` by ${content.publishedByName}` : ''}`;
  return `Draft, not published: figures as of ${publishedDate(content.drawnAt)}`;
}

/** "Covers …" as the report's heading says it. */
export function coversWords(content: Pick<ReportContent, 'covers' | 'figures'>): string {
  const n = content.figures.audits;
  return `Covers ${content.covers.words} (${n} ${n === 1 ? 'audit' : 'audits'}).`;
}

/** The council's name, saying "demo" for the demo organisation (once, if its name does not already). */
export function councilWords(organisation: { name: string; isDemo: boolean }): string {
  return organisation.isDemo && !/\bdemo\b/i.test(organisation.name)
    ? `${organisation.name} (demo)`
    : organisation.name;
}
