/**
 * A metric broken down by agency (social care, health, police …): each audit's answers are
 * shared out to the agency that gave them, and the metric is evaluated per agency over those
 * shares, by the same evaluateMetric as every other figure.
 *
 * The rule (docs/JOINT-AUDITS.md, "Reports by agency"):
 * - The **overall grade** is the audit's judgement: it counts under the agency of the audit's
 *   auditor (the lead auditor of a joint audit), whoever typed it.
 * - Every **other answer** (a section grade, a question) counts under the agency of the person
 *   who gave it (`answer.by.agency`); an answer written before joint audits has no `by` and is
 *   the audit's auditor's.
 * - A moderator's re-grade counts where the answer it replaces counts.
 * So in a joint audit by social care and health, health's figure for "Contributions from
 * partner agencies" is over the answers health colleagues gave, and the audit's overall grade is
 * in social care's figure when social care led. Each agency's figure is a share of the audits;
 * an agency that gave no answer to an item is not in that item's figure.
 */
import type { Agency } from '../accounts/agencies';
import type { Answers } from '../framework/answer-schema';
import type { AuditForMetrics } from './audit-for-metrics';

/** An audit with what the split needs: its auditor's agency and its tool's overall grade key. */
export interface AuditWithAgency {
  audit: AuditForMetrics;
  /** The agency of the audit's (lead) auditor. */
  auditorAgency: Agency;
  /** The item key of the overall grade in the audit's tool version. */
  overallGradeKey: string;
}

/**
 * The audits' answers shared out by agency.
 * @returns each agency that gave at least one answer, with its share of every audit (the audit's
 *   other fields unchanged); agencies in no particular order.
 * @example auditsByAgency([{ audit, auditorAgency: 'social_care', overallGradeKey: 'overall.grade' }])
 * // Map { 'social_care' => [audit with the overall grade and social care's answers], 'health' => [audit with health's answers] }
 */
export function auditsByAgency(audits: readonly AuditWithAgency[]): Map<Agency, AuditForMetrics[]> {
  const result = new Map<Agency, AuditForMetrics[]>();
  for (const { audit, auditorAgency, overallGradeKey } of audits) {
    const shares = new Map<Agency, { answers: Answers; moderated: Answers }>();
    const share = (agency: Agency) => {
      const existing = shares.get(agency);
      if (existing) return existing;
      const fresh: { answers: Answers; moderated: Answers } = { answers: {}, moderated: {} };
      shares.set(agency, fresh);
      return fresh;
    };
    const agencyOf = (key: string): Agency =>
      key === overallGradeKey ? auditorAgency : (audit.answers[key]?.by?.agency ?? auditorAgency);
    for (const [key, answer] of Object.entries(audit.answers)) share(agencyOf(key)).answers[key] = answer;
    for (const [key, answer] of Object.entries(audit.moderatedAnswers ?? {}))
      share(agencyOf(key)).moderated[key] = answer;
    for (const [agency, { answers, moderated }] of shares) {
      const list = result.get(agency) ?? [];
      list.push({ ...audit, answers, moderatedAnswers: moderated });
      result.set(agency, list);
    }
  }
  return result;
}
