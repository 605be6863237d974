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

/** "Compared with …" as the report's heading says it. */
export function comparedWords(content: Pick<ReportContent, 'covers'>): string {
  const previous = content.covers.previousWords;
  return previous
    ? `Compared with ${previous}. A change is beyond noise when its 95% interval excludes 0.`
    : 'There is no previous comparable round to compare with.';
}

/** The council's name, saying "demo" for the demo organisation (once, if its name does not already). */
export function councilWords(organisation: { name: string; isDemo: boolean }): string {
  return organisation.isDemo && !/\bdemo\b/i.test(organisation.name)
    ? `${organisation.name} (demo)`
    : organisation.name;
}

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** @example themeHeadingWords({ name: 'Voice of the child', findings: 2, audits: 1 }) // 'Voice of the child: 2 findings in 1 audit' */
export function themeHeadingWords(theme: { name: string; findings: number; audits: number }): string {
  return `${theme.name}: ${counted(theme.findings, 'finding', 'findings')} in ${counted(theme.audits, 'audit', 'audits')}`;
}

/** @example codedWords({ findings: 84, uncoded: 1 }) // '84 findings in these audits; 1 not yet coded into a theme.' */
export function codedWords(themes: { findings: number; uncoded: number }): string {
  return `${counted(themes.findings, 'finding', 'findings')} in these audits; ${themes.uncoded} not yet coded into a theme.`;
}
