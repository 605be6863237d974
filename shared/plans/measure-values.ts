/**
 * The rules for one period's figure of a measure kept by hand, whether typed on the measure's
 * screen or read from a row of a monthly performance extract, so the two cannot disagree:
 * - a share is a percentage (0–100 %) or a numerator and denominator (whole numbers, the
 *   numerator no more than the denominator, which is at least 1), the figure then k / n;
 * - a count is a whole number from 0; a rate a number from 0, in the measure's unit;
 * - a period is at most the current one (a figure for next month cannot have happened yet).
 */
import type { MeasureKind } from '../metrics/measure-kind';

/** A figure as entered: the value (a fraction for a share), and a share's count when known. */
export interface EnteredFigure {
  value?: number | undefined;
  k?: number | undefined;
  n?: number | undefined;
}

/** The figure to store: the value, with k and n for a share whose count was given. */
export interface MeasureFigure {
  value: number;
  k: number | null;
  n: number | null;
}

export type FigureField = 'value' | 'k' | 'n';

/** One thing wrong with the figure, naming its field, in words a manager can act on. */
export interface FigureProblem {
  field: FigureField;
  message: string;
}

/** The figure to store, or what is wrong with it. */
export type FigureCheck = { ok: true; figure: MeasureFigure } | { ok: false; problems: FigureProblem[] };

const MAX_FIGURE = 1e9;
const whole = (x: number) => Number.isSafeInteger(x) && x >= 0;

/**
 * @returns the figure to store, or the problems, each naming the field it is about.
 * @example checkFigure('count', { value: 37 }) // { ok: true, figure: { value: 37, k: null, n: null } }
 * @example checkFigure('share', { k: 14, n: 30 }) // { ok: true, figure: { value: 0.4667, k: 14, n: 30 } }
 */
export function checkFigure(kind: MeasureKind, entered: EnteredFigure): FigureCheck {
  const { value, k, n } = entered;
  if (kind === 'share') {
    if (k !== undefined || n !== undefined) {
      const problems: FigureProblem[] = [];
      if (k === undefined || !whole(k))
        problems.push({ field: 'k', message: 'Enter the numerator as a whole number from 0' });
      if (n === undefined || !whole(n) || n < 1)
        problems.push({ field: 'n', message: 'Enter the denominator as a whole number from 1' });
      if (problems.length === 0 && k !== undefined && n !== undefined && k > n)
        problems.push({
          field: 'k',
          message: `The numerator (${k}) cannot be more than the denominator (${n})`,
        });
      if (problems.length > 0 || k === undefined || n === undefined) return { ok: false, problems };
      // A percentage given beside its count is the council's own figure, kept as given.
      return { ok: true, figure: { value: value ?? k / n, k, n } };
    }
    if (value === undefined || !(value >= 0 && value <= 1))
      return { ok: false, problems: [{ field: 'value', message: 'Enter a percentage from 0 to 100' }] };
    return { ok: true, figure: { value, k: null, n: null } };
  }
  if (k !== undefined || n !== undefined)
    return {
      ok: false,
      problems: [{ field: 'k', message: `A ${kind} is one number: it has no numerator and denominator` }],
    };
  if (kind === 'count' && (value === undefined || !whole(value) || value > MAX_FIGURE))
    return { ok: false, problems: [{ field: 'value', message: 'Enter the count as a whole number from 0' }] };
  if (value === undefined || !(value >= 0 && value <= MAX_FIGURE))
    return { ok: false, problems: [{ field: 'value', message: 'Enter the rate as a number from 0' }] };
  return { ok: true, figure: { value, k: null, n: null } };
}

/**
 * A period later than the current one cannot have a figure yet.
 * @returns the problem in words, or null when the period is the current one or earlier.
 */
export function futurePeriodProblem(
  periodStart: string,
  currentPeriodStart: string,
  label: string,
): string | null {
  return periodStart > currentPeriodStart
    ? `${label} has not happened yet: enter figures up to the current period`
    : null;
}
