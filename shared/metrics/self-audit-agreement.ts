/**
 * How far a team's self-audits agree with the independent audits of the same cases: the
 * overall grade and each section grade, each with the exact agreement, the quadratic-weighted
 * kappa of agreement.ts (the self-audit in the first rater's place, the independent audit in
 * the second's), and plain words a team manager can read. Only cases whose two audits are both
 * submitted count; a section counts where both graded it (a self-audit and an independent audit
 * of one case use the same tool, so their item keys match).
 */
import { moderationAgreement, formatKappa, type Agreement, type GradePair } from './agreement';
import type { GradeIndex } from './grade-scale';

/** One submitted audit's grades: the overall grade that counts and its section grades by item key. */
export interface AuditGrades {
  overall: GradeIndex | null;
  sections: Readonly<Record<string, GradeIndex>>;
}

/** The two audits of one case in one round. */
export interface SelfAuditPair {
  self: AuditGrades;
  independent: AuditGrades;
}

export interface SelfAuditAgreement {
  overall: Agreement;
  overallWords: string;
  /** Per section grade item, in the order given by `sectionKeys`; sections no pair graded are left out. */
  sections: { key: string; agreement: Agreement; words: string }[];
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Words for one agreement: how many of how many agreed, which way the independent audit
 * differed, and kappa in words (Landis and Koch's bands, which QA teams quote).
 * @example agreementWords({ pairs: 4, exact: 0.5, kappa: 0.6, movedDown: 0.5, movedUp: 0, same: 0.5 })
 * // 'The self-audit and the independent audit gave the same grade in 2 of 4 cases (50%); …'
 */
export function agreementWords(a: Agreement): string {
  if (a.pairs === 0 || a.exact === null || a.movedDown === null || a.movedUp === null)
    return 'No case has both its self-audit and its independent audit submitted yet.';
  const same = Math.round(a.exact * a.pairs);
  const worse = Math.round(a.movedDown * a.pairs);
  const better = Math.round(a.movedUp * a.pairs);
  const parts = [
    `The self-audit and the independent audit gave the same grade in ${same} of ${a.pairs} case${a.pairs === 1 ? '' : 's'} (${pct(a.exact)})`,
  ];
  if (worse > 0) parts.push(`the independent auditor graded ${worse} worse than the team did`);
  if (better > 0) parts.push(`${better} better`);
  const kappa =
    a.kappa === null
      ? 'weighted kappa cannot be measured (every grade was the same)'
      : `weighted kappa ${formatKappa(a.kappa)}, ${kappaBand(a.kappa)} agreement beyond chance`;
  return `${parts.join('; ')}; ${kappa}.`;
}

/** Landis and Koch (1977): the words usually given beside kappa. */
export function kappaBand(kappa: number): string {
  if (kappa < 0) return 'less than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * @param sectionKeys the section grade items to report, in the form's order
 * @example selfAuditAgreement([{ self: { overall: 1, sections: {} }, independent: { overall: 2, sections: {} } }], [])
 */
export function selfAuditAgreement(
  pairs: readonly SelfAuditPair[],
  sectionKeys: readonly string[],
): SelfAuditAgreement {
  const overallPairs: GradePair[] = [];
  for (const p of pairs)
    if (p.self.overall !== null && p.independent.overall !== null)
      overallPairs.push({ auditor: p.self.overall, moderator: p.independent.overall });
  const overall = moderationAgreement(overallPairs);
  const sections = sectionKeys.flatMap((key) => {
    const sectionPairs: GradePair[] = [];
    for (const p of pairs) {
      const self = p.self.sections[key];
      const independent = p.independent.sections[key];
      if (self !== undefined && independent !== undefined)
        sectionPairs.push({ auditor: self, moderator: independent });
    }
    if (sectionPairs.length === 0) return [];
    const agreement = moderationAgreement(sectionPairs);
    return [{ key, agreement, words: agreementWords(agreement) }];
  });
  return { overall, overallWords: agreementWords(overall), sections };
}
