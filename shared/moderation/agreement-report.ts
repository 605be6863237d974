/**
 * The agreement dashboard's figures: for all moderated audits, per auditor and per round,
 * the exact agreement, quadratic-weighted kappa and the shares moved down and up — computed
 * by shared/metrics/agreement.ts — each share with its count and 95% Wilson interval.
 */
import { moderationAgreement, type GradePair } from '../metrics/agreement';
import { proportion, type Proportion } from '../metrics/proportion';

export interface ModeratedPair extends GradePair {
  auditorId: string;
  auditorName: string;
  roundId: string | null;
  roundName: string | null;
}

export interface AgreementFigures {
  key: string;
  label: string;
  pairs: number;
  exact: Proportion;
  movedDown: Proportion;
  movedUp: Proportion;
  kappa: number | null;
}

export interface AgreementReport {
  overall: AgreementFigures;
  byAuditor: AgreementFigures[];
  byRound: AgreementFigures[];
}

function figures(key: string, label: string, pairs: readonly GradePair[]): AgreementFigures {
  const agreement = moderationAgreement(pairs);
  const n = pairs.length;
  const count = (share: number | null): number => Math.round((share ?? 0) * n);
  return {
    key,
    label,
    pairs: n,
    exact: proportion(count(agreement.exact), n),
    movedDown: proportion(count(agreement.movedDown), n),
    movedUp: proportion(count(agreement.movedUp), n),
    kappa: agreement.kappa,
  };
}

function grouped(
  pairs: readonly ModeratedPair[],
  keyOf: (p: ModeratedPair) => string,
  labelOf: (p: ModeratedPair) => string,
): AgreementFigures[] {
  const groups = new Map<string, { label: string; pairs: ModeratedPair[] }>();
  for (const pair of pairs) {
    const key = keyOf(pair);
    const group = groups.get(key) ?? { label: labelOf(pair), pairs: [] };
    group.pairs.push(pair);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => figures(key, group.label, group.pairs))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/**
 * @example agreementReport([{ auditor: 1, moderator: 2, auditorId: 'a', auditorName: 'A', roundId: null, roundName: null }])
 * // overall: { pairs: 1, exact: 0 of 1, movedDown: 1 of 1, movedUp: 0 of 1, kappa: 0 }
 */
export function agreementReport(pairs: readonly ModeratedPair[]): AgreementReport {
  return {
    overall: figures('all', 'All moderated audits', pairs),
    byAuditor: grouped(
      pairs,
      (p) => p.auditorId,
      (p) => p.auditorName,
    ),
    byRound: grouped(
      pairs,
      (p) => p.roundId ?? '',
      (p) => p.roundName ?? 'Not in a round',
    ),
  };
}
