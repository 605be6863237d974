/**
 * What an audit report shows of the findings the QA lead coded into the council's own themes:
 * how many findings and audits each theme holds, the quotes chosen to stand for it, and the
 * good-practice examples marked in those audits. Filled by the findings coding
 * (server/findings/) and read by the audit report (server/reports/), which snapshots it when
 * a report is published.
 */

/** One finding as written by an auditor: an audit's strengths or areas-for-development text. */
export interface ReportQuote {
  auditId: string;
  caseReference: string;
  teamName: string;
  /** The answer's key in the audit, e.g. `assessment.areas-for-development`. */
  itemKey: string;
  /** Strengths or areas for development, in words. */
  kindLabel: string;
  text: string;
}

export interface ReportTheme {
  themeId: string;
  name: string;
  /** Findings of the report's audits coded into this theme (a finding may carry several). */
  findings: number;
  /** Distinct audits with at least one finding in this theme. */
  audits: number;
  /** Findings the QA lead chose as quotes for this theme, in the order chosen. */
  quotes: ReportQuote[];
}

export interface ReportGoodPractice {
  auditId: string;
  caseReference: string;
  teamName: string;
  /** Why it was marked, in the marker's words. */
  reason: string;
}

export interface ReportThemes {
  /** Findings (strengths and areas-for-development texts) in the report's audits. */
  findings: number;
  /** Of those, how many carry no theme yet: a report is honest about what is not coded. */
  uncoded: number;
  /** Themes with at least one finding in the report's audits, most findings first. */
  themes: ReportTheme[];
  goodPractice: ReportGoodPractice[];
}
