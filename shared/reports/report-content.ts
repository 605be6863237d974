/**
 * Everything an audit report shows, in one value: what it covers, its figures, the coded themes
 * with quotes and good practice, the QA lead's summary and recommendations, and when it was
 * published. The server computes it live for a draft and freezes it, as JSON text, when the
 * report is published; the screen, the print, the DOCX and the XLSX are all drawn from it.
 */
import type { ReportFigures } from './report-figures';
import type { ReportScope } from './report-scope';
import type { ReportThemes } from './report-themes';

export const REPORT_STATUSES = ['draft', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportCovers {
  scope: ReportScope;
  /** In words: "Monthly audit round “October audits”, 1 to 31 October 2026, case-file audit". */
  words: string;
  /** The London dates of the audits counted (completion dates), when any. */
  from: string | null;
  to: string | null;
  rounds: { id: string; name: string }[];
  tool: { key: string; title: string };
  /** The previous comparable round or period in words; null when there is none. */
  previousWords: string | null;
}

export interface ReportContent {
  reportId: string;
  title: string;
  organisation: { name: string; isDemo: boolean };
  serviceName: string;
  covers: ReportCovers;
  figures: ReportFigures;
  themes: ReportThemes;
  summary: string;
  recommendations: { id: string; text: string }[];
  /** When the figures were drawn (a draft: now; a published report: when it was published). */
  drawnAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}
