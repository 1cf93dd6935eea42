/**
 * Draws chart evidence (latency histograms, requests over time) as inline SVG with axes, ticks and
 * labels, so the HTML report needs no charting library and no network access.
 */
import { escapeHtml } from './escape.js';
import { formatNumber, type EvidenceOf } from './view.js';

const W = 640;
const H = 300;
const PAD = { left: 68, right: 36, top: 30, bottom: 52 } as const;
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const INK = '#1f2933';
const GRID = '#d9e2ec';
const BAR = '#4a6fa5';
/** x values above this are read as epoch milliseconds and labelled as UTC times. */
const EPOCH_MS_FLOOR = 1e12;

type Chart = EvidenceOf<'chart'>;
type Point = readonly [number, number];

/**
 * "Nice" tick values (steps of 1, 2 or 5 times a power of ten) covering `[min, max]` with about
 * `count` intervals, the first at or below `min` and the last at or above `max`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min, min + 1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A tick label: compact thousands and millions, or a UTC time of day for epoch milliseconds. */
export function tickLabel(value: number, epochMs = false): string {
  if (epochMs) return new Date(value).toISOString().slice(11, 19);
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${formatNumber(value / 1e6)}M`;
  if (abs >= 1e4) return `${formatNumber(value / 1e3)}k`;
  return formatNumber(value);
}

/**
 * Renders a chart as an `<svg>` element: a histogram as bars over its x buckets (in the order
 * given), a timeseries as a polyline over a linear x axis. Points with non-finite coordinates are
 * dropped; an empty chart says "no data".
 */
export function renderChartSvg(chart: Chart): string {
  const points = chart.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const open = `<svg class="chart" role="img" aria-label="${escapeHtml(chart.title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`;
  const frame = [
    `<title>${escapeHtml(chart.title)}</title>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="600" fill="${INK}">${escapeHtml(chart.title)}</text>`,
    `<text x="${PAD.left + PLOT_W / 2}" y="${H - 10}" text-anchor="middle" fill="${INK}">${escapeHtml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${PAD.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" fill="${INK}">${escapeHtml(chart.yLabel)}</text>`,
  ];
  if (points.length === 0) {
    return [open, ...frame, `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="${INK}">no data</text>`, '</svg>'].join('\n');
  }
  const plot = chart.chart === 'histogram' ? histogram(points) : timeseries(points);
  return [open, ...frame, ...plot, axes(), '</svg>'].join('\n');
}

function axes(): string {
  const x0 = PAD.left;
  const y0 = PAD.top + PLOT_H;
  return `<path d="M${x0} ${PAD.top} V${y0} H${x0 + PLOT_W}" fill="none" stroke="${INK}"/>`;
}

/** Horizontal grid lines and y tick labels; returns them with the y scale. */
function yAxis(min: number, max: number): { svg: string[]; y: (v: number) => number } {
  const ticks = niceTicks(min, max);
  const lo = ticks[0] ?? min;
  const hi = ticks[ticks.length - 1] ?? max;
  const y = (v: number): number => round(PAD.top + PLOT_H - ((v - lo) / (hi - lo || 1)) * PLOT_H);
  const svg = ticks.map((t) => `<line x1="${PAD.left}" y1="${y(t)}" x2="${PAD.left + PLOT_W}" y2="${y(t)}" stroke="${GRID}"/>`
    + `<text x="${PAD.left - 6}" y="${y(t) + 4}" text-anchor="end" fill="${INK}">${escapeHtml(tickLabel(t))}</text>`);
  return { svg, y };
}

function histogram(points: readonly Point[]): string[] {
  const { svg, y } = yAxis(0, Math.max(maxOf(points.map(([, v]) => v)), 1));
  const band = PLOT_W / points.length;
  const every = Math.ceil(points.length / 10);
  const bars = points.map(([x, v], i) => {
    const left = round(PAD.left + i * band + band * 0.075);
    const top = y(Math.max(v, 0));
    const bar = `<rect x="${left}" y="${top}" width="${round(band * 0.85)}" height="${round(PAD.top + PLOT_H - top)}" fill="${BAR}">`
      + `<title>${escapeHtml(`${tickLabel(x)}: ${formatNumber(v)}`)}</title></rect>`;
    const label = i % every === 0
      ? `<text x="${round(PAD.left + (i + 0.5) * band)}" y="${PAD.top + PLOT_H + 16}" text-anchor="middle" fill="${INK}">${escapeHtml(tickLabel(x))}</text>`
      : '';
    return bar + label;
  });
  return [...svg, ...bars];
}

function timeseries(points: readonly Point[]): string[] {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, v]) => v);
  const { svg, y } = yAxis(Math.min(0, minOf(ys)), Math.max(maxOf(ys), 1));
  const [xMin, xMax] = [minOf(xs), maxOf(xs)];
  const epochMs = xMin > EPOCH_MS_FLOOR;
  const ticks = niceTicks(xMin, xMax);
  const [lo, hi] = xMax > xMin ? [xMin, xMax] : [xMin - 1, xMax + 1];
  const x = (v: number): number => round(PAD.left + ((v - lo) / (hi - lo || 1)) * PLOT_W);
  const xTicks = ticks.filter((t) => t >= lo && t <= hi).map((t) => `<line x1="${x(t)}" y1="${PAD.top + PLOT_H}" x2="${x(t)}" y2="${PAD.top + PLOT_H + 4}" stroke="${INK}"/>`
    + `<text x="${x(t)}" y="${PAD.top + PLOT_H + 16}" text-anchor="middle" fill="${INK}">${escapeHtml(tickLabel(t, epochMs))}</text>`);
  const line = `<polyline points="${points.map(([px, py]) => `${x(px)},${y(py)}`).join(' ')}" fill="none" stroke="${BAR}" stroke-width="1.5"/>`;
  const dots = points.length <= 60 ? points.map(([px, py]) => `<circle cx="${x(px)}" cy="${y(py)}" r="2.5" fill="${BAR}"/>`) : [];
  return [...svg, ...xTicks, line, ...dots];
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Smallest value of a possibly huge array (no argument spreading). */
function minOf(values: readonly number[]): number {
  return values.reduce((m, v) => (v < m ? v : m), Infinity);
}

/** Largest value of a possibly huge array (no argument spreading). */
function maxOf(values: readonly number[]): number {
  return values.reduce((m, v) => (v > m ? v : m), -Infinity);
}
