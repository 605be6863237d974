/**
 * A measure's figures in words, whatever its kind: a share as a percentage with its count
 * ("47% — 14 of 30"), a count or rate as a number in its unit ("1,204 contacts", "8.5 per 100
 * referrals"). One place, so the panel, the dashboard and the board report say it alike.
 */
import type { MeasureKind } from '../../../shared/metrics/measure-kind';
import { formatFraction, formatProportion } from '../../../shared/metrics/format-percentage';
import { proportion } from '../../../shared/metrics/proportion';

const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number of the measure's kind in words; '—' for none. */
export function figureWords(
  kind: MeasureKind,
  unit: string,
  figure: { value: number | null; k?: number | null; n?: number | null },
): string {
  if (figure.value === null) return 'no data';
  if (kind === 'share')
    return figure.k != null && figure.n != null && figure.n > 0
      ? formatProportion(proportion(figure.k, figure.n))
      : formatFraction(figure.value);
  const number = (kind === 'count' ? COUNT : RATE).format(figure.value);
  return unit ? `${number} ${unit}` : number;
}

/**
 * A trajectory, target or tolerance of a count or rate in its unit. A count's figures are whole,
 * but its trajectory runs between milestones day by day (3.07 placements on 30 September): shown
 * whole, a figure of 3 against a trajectory "3" would read as on track while it is Amber.
 */
export function trajectoryWords(kind: MeasureKind, unit: string, value: number | null): string {
  return figureWords(kind === 'count' ? 'rate' : kind, unit, { value });
}
