/**
 * What an audit report shows of the coded findings (shared/reports/report-themes.ts): for the
 * audits the report covers (already scoped by the report), how many findings there are and how
 * many are not coded yet, each theme's findings and audits with the quotes chosen for it in the
 * order chosen, and the good-practice examples marked in those audits.
 */
import type { Queryable } from '../db/database';
import type { ReportQuote, ReportTheme, ReportThemes } from '../../shared/reports/report-themes';
import { findingKind, findingKindLabel } from '../../shared/findings/finding-kind';
import { FINDING_COLUMNS, FINDINGS_FROM, IS_FINDING, type FindingRow } from './finding-sql';

interface CodingRow {
  audit_id: string;
  item_key: string;
  theme_id: string;
  name: string;
  quote_at: string | null;
}

const findingId = (auditId: string, itemKey: string) => `${auditId}|${itemKey}`;

function quoteOf(f: FindingRow): ReportQuote {
  const kind = findingKind(f.item_key);
  return {
    auditId: f.audit_id,
    caseReference: f.reference,
    teamName: f.team_name,
    itemKey: f.item_key,
    kindLabel: kind ? findingKindLabel(kind) : f.item_key,
    text: f.text,
  };
}

/** The coded findings of the given audits, as the report shows them. */
export async function reportThemes(db: Queryable, auditIds: readonly string[]): Promise<ReportThemes> {
  if (auditIds.length === 0) return { findings: 0, uncoded: 0, themes: [], goodPractice: [] };
  const ids = [...auditIds];
  const findings = await db.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM}
     WHERE a.id::text = ANY($1::text[]) AND ${IS_FINDING} ORDER BY a.completed_at, a.id, j.key`,
    [ids],
  );
  const byId = new Map(findings.map((f) => [findingId(f.audit_id, f.item_key), f]));
  const codings = await db.query<CodingRow>(
    `SELECT fc.audit_id, fc.item_key, fc.theme_id, th.name, fc.quote_at
     FROM finding_codings fc JOIN finding_themes th ON th.id = fc.theme_id
     WHERE fc.audit_id::text = ANY($1::text[]) ORDER BY fc.quote_at NULLS LAST, fc.coded_at, fc.audit_id, fc.item_key`,
    [ids],
  );
  const coded = new Set<string>();
  const themes = new Map<string, ReportTheme & { auditSet: Set<string> }>();
  for (const c of codings) {
    // A coding whose text the auditor has since emptied is no finding any more.
    const finding = byId.get(findingId(c.audit_id, c.item_key));
    if (!finding) continue;
    coded.add(findingId(c.audit_id, c.item_key));
    const theme = themes.get(c.theme_id) ?? {
      themeId: c.theme_id,
      name: c.name,
      findings: 0,
      audits: 0,
      quotes: [],
      auditSet: new Set<string>(),
    };
    theme.findings += 1;
    theme.auditSet.add(c.audit_id);
    theme.audits = theme.auditSet.size;
    if (c.quote_at !== null) theme.quotes.push(quoteOf(finding));
    themes.set(c.theme_id, theme);
  }
  const goodPractice = await db.query<{
    audit_id: string;
    reference: string;
    team_name: string;
    reason: string;
  }>(
    `SELECT g.audit_id, c.reference, t.name AS team_name, g.reason
     FROM good_practice_marks g JOIN audits a ON a.id = g.audit_id JOIN cases c ON c.id = a.case_id
       JOIN teams t ON t.id = a.team_id
     WHERE g.audit_id::text = ANY($1::text[]) AND NOT a.deleted ORDER BY g.marked_at, g.audit_id`,
    [ids],
  );
  return {
    findings: findings.length,
    uncoded: findings.length - coded.size,
    themes: [...themes.values()]
      .map(({ auditSet: _auditSet, ...theme }) => theme)
      .sort(
        (a, b) =>
          b.findings - a.findings || a.name.localeCompare(b.name) || a.themeId.localeCompare(b.themeId),
      ),
    goodPractice: goodPractice.map((g) => ({
      auditId: g.audit_id,
      caseReference: g.reference,
      teamName: g.team_name,
      reason: g.reason,
    })),
  };
}
