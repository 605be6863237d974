/**
 * What a trend chart draws, derived from figures that came from the server: one x position
 * per period, each series' value (null where there is no data, so the line breaks and the gap
 * is never drawn as 0%), its 95% interval (the band, single series only), the target
 * trajectory, and the count label "k/n" for each point. Pure, so the chart component only
 * paints and the table beside it shows the same numbers.
 */
import type { RagColour } from '../../../shared/metrics/trajectory-rag';
import { RAG_WORDS } from '../../../shared/plans/rag-words';

/** One period of one series, as the API gives it (a MetricPeriodResult or a MeasurePoint). */
export interface TrendPoint {
  label: string;
  k: number | null;
  n: number | null;
  fraction: number | null;
  lower: number | null;
  upper: number | null;
  /** The trajectory's value at the period's end, when a measure's target is overlaid. */
  target?: number | null;
}

export interface TrendSeries {
  label: string;
  points: TrendPoint[];
}

export interface ChartData {
  labels: string[];
  /** Labels short enough for an axis: "Q2 2025" rather than "Q2 2025 (Apr–Jun)". */
  axisLabels: string[];
  /** Percentages 0–100 per series, null for no data. */
  values: (number | null)[][];
  lower: (number | null)[];
  upper: (number | null)[];
  target: (number | null)[] | null;
  /** "k/n" under each point of each series; '' where there is no data. */
  counts: string[][];
  seriesLabels: string[];
}

const percent = (f: number | null | undefined): number | null =>
  f === null || f === undefined ? null : Math.round(f * 10_000) / 100;

/**
 * Aligns series on the first series' periods (the server reports the same periods for each).
 * The band and target come from the first series and are drawn only when there is one.
 */
export function chartData(series: readonly TrendSeries[]): ChartData {
  const first = series[0];
  const labels = first ? first.points.map((p) => p.label) : [];
  const single = series.length === 1;
  const hasTarget = single && Boolean(first?.points.some((p) => p.target !== undefined && p.target !== null));
  return {
    labels,
    axisLabels: labels.map((l) => l.replace(/\s*\(.*\)$/, '').replace(/^Financial year /, 'FY ')),
    values: series.map((s) => labels.map((_, i) => percent(s.points[i]?.fraction))),
    lower: labels.map((_, i) => (single ? percent(first?.points[i]?.lower) : null)),
    upper: labels.map((_, i) => (single ? percent(first?.points[i]?.upper) : null)),
    target: hasTarget ? labels.map((_, i) => percent(first?.points[i]?.target)) : null,
    counts: series.map((s) =>
      labels.map((_, i) => {
        const p = s.points[i];
        return p && p.k !== null && p.n !== null && p.n > 0 ? `${p.k}/${p.n}` : '';
      }),
    ),
    seriesLabels: series.map((s) => s.label),
  };
}

/** Colours for series lines: dark enough for 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = [
  '#1d3b5c',
  '#b00020',
  '#00703c',
  '#8a4b00',
  '#5b2c83',
  '#005a78',
  '#6b4e00',
  '#a3004f',
];

/**
 * A line pattern for each series (canvas `setLineDash` lengths, in pixels), so that lines are
 * told apart by more than colour (WCAG 1.4.1): solid, long dashes, dots, dash-dot, and so on.
 * The legend draws the same pattern beside each name.
 */
export const SERIES_DASHES: readonly (readonly number[])[] = [
  [],
  [10, 5],
  [2, 4],
  [12, 4, 2, 4],
  [6, 3],
  [2, 2, 8, 2],
  [14, 3, 2, 3, 2, 3],
  [4, 8],
];

/** The colour and the line pattern of the series at `index`, in the chart and its legend alike. */
export function seriesStyle(index: number): { colour: string; dash: readonly number[] } {
  return {
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#1d3b5c',
    dash: SERIES_DASHES[index % SERIES_DASHES.length] ?? [],
  };
}

/**
 * A period's RAG in words for the table beside a chart: where the chart plots a figure (some audits)
 * that is too few to judge, the table says so rather than a bare "No data" beside a plotted point.
 * @example ragWordsForPoint({ rag: 'no-data', n: 3 }) // 'Too few to judge (3 audits)'
 */
export function ragWordsForPoint(point: { rag: RagColour; n: number | null }): string {
  if (point.rag === 'no-data' && point.n !== null && point.n > 0)
    return `Too few to judge (${point.n} ${point.n === 1 ? 'audit' : 'audits'})`;
  return RAG_WORDS[point.rag];
}
