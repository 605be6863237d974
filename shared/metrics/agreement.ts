/**
 * How far moderators agree with auditors' overall grades: the exact agreement rate, the
 * quadratic-weighted Cohen's kappa (Cohen 1968), and the shares of audits the moderator moved
 * down (graded worse), up, or left the same — each a share of all pairs, so the three add to 1.
 *
 * Kappa's weights are (i − j)² on the FIXED four-point scale (0 Outstanding … 3 Inadequate),
 * not on whichever grades happen to occur, so a Good→Inadequate disagreement always costs the
 * same. It is computed from whole-number counts, so identical ratings give exactly 1 and
 * swapping the raters gives exactly the same kappa. Kappa is null (shown as "—") when the
 * expected disagreement is 0 — every rating by both raters is one and the same grade — or
 * there are no pairs: there is then nothing to measure agreement beyond chance against.
 */
import { DomainError } from '../errors/domain-error';
import { GRADES, isGradeIndex, type GradeIndex } from './grade-scale';

/** The auditor's and the moderator's overall grade for one audit. */
export interface GradePair {
  auditor: GradeIndex;
  moderator: GradeIndex;
}

/** Agreement between auditors and moderators; every share is of all pairs, and null when there are none. */
export interface Agreement {
  pairs: number;
  /** Share of pairs with the same grade; null when there are no pairs. */
  exact: number | null;
  /** Quadratic-weighted kappa; null when undefined (see the module comment). */
  kappa: number | null;
  /** Share the moderator graded worse (a higher index). */
  movedDown: number | null;
  /** Share the moderator graded better (a lower index). */
  movedUp: number | null;
  /** Share left at the same grade (equal to `exact`). */
  same: number | null;
}

/**
 * @throws DomainError `invalid_grade` when a grade is not 0–3.
 * @example moderationAgreement([{ auditor: 1, moderator: 2 }, { auditor: 1, moderator: 1 }])
 * // { pairs: 2, exact: 0.5, kappa: 0, movedDown: 0.5, movedUp: 0, same: 0.5 }
 */
export function moderationAgreement(pairs: readonly GradePair[]): Agreement {
  const size = GRADES.length;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const auditorTotals = new Array<number>(size).fill(0);
  const moderatorTotals = new Array<number>(size).fill(0);
  let down = 0;
  let up = 0;
  for (const { auditor, moderator } of pairs) {
    if (!isGradeIndex(auditor) || !isGradeIndex(moderator)) {
      throw new DomainError(
        'invalid_grade',
        `"${auditor}" and "${moderator}" are not both grades from 0 to 3.`,
      );
    }
    const row = counts[auditor];
    if (row) row[moderator] = (row[moderator] ?? 0) + 1;
    auditorTotals[auditor] = (auditorTotals[auditor] ?? 0) + 1;
    moderatorTotals[moderator] = (moderatorTotals[moderator] ?? 0) + 1;
    if (moderator > auditor) down += 1;
    else if (moderator < auditor) up += 1;
  }
  const n = pairs.length;
  if (n === 0) return { pairs: 0, exact: null, kappa: null, movedDown: null, movedUp: null, same: null };

  // κ = 1 − Σ w·observed / Σ w·expected, with both sums scaled by n² to stay in integers.
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const weight = (i - j) ** 2;
      observed += weight * (counts[i]?.[j] ?? 0) * n;
      expected += weight * (auditorTotals[i] ?? 0) * (moderatorTotals[j] ?? 0);
    }
  }
  const same = n - down - up;
  return {
    pairs: n,
    exact: same / n,
    kappa: expected === 0 ? null : 1 - observed / expected,
    movedDown: down / n,
    movedUp: up / n,
    same: same / n,
  };
}

/**
 * Kappa for people: two decimals, or "—" when it is undefined (never "NaN" or 0).
 * @example formatKappa(null) // '—'
 */
export function formatKappa(kappa: number | null): string {
  return kappa === null ? '—' : kappa.toFixed(2);
}
