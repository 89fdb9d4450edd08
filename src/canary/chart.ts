/**
 * The Mermaid chart of a canary: its weight (bars) and its error rate (line) over time, in
 * percent. Built only from numbers shipline computed, so it is safe as raw Markdown.
 */
import type { SampleRecord } from '../verify/index.js';
import type { TrafficChange } from './traffic.js';

export interface ChartPoint {
  /** Seconds since the canary started. */
  seconds: number;
  weight: number;
  /** Error rate in percent; null when the sample had no data. */
  errorPct: number | null;
}

/** A chart of 700 px draws this many looks as they are; beyond, each point is the worst of its group. */
const MAX_POINTS = 120;

/** The metric the chart shows as error rate: the probe's, else the first with "error" in its name. */
export function errorMetricOf(samples: readonly SampleRecord[]): string | undefined {
  const names = [...new Set(samples.map((s) => s.metric))];
  return names.find((n) => n === 'error-rate') ?? names.find((n) => /error/i.test(n) && !n.startsWith('baseline-'));
}

/** One point per sample time, then the final weight (after promote or restore). */
export function chartPoints(
  samples: readonly SampleRecord[],
  changes: readonly TrafficChange[],
  startedAt: number,
): { points: ChartPoint[]; errorMetric?: string } {
  const errorMetric = errorMetricOf(samples);
  const byTime = new Map<number, ChartPoint>();
  for (const s of samples) {
    const point = byTime.get(s.at) ?? { seconds: (s.at - startedAt) / 1000, weight: s.weight, errorPct: null };
    if (s.metric === errorMetric && s.value !== null) point.errorPct = toPercent(s.value, s.threshold?.max);
    byTime.set(s.at, point);
  }
  const points = downsample([...byTime.values()]);
  const last = changes[changes.length - 1];
  if (last && (last.what === 'promote' || last.what === 'restore')) {
    points.push({
      seconds: Math.max((last.at - startedAt) / 1000, points[points.length - 1]?.seconds ?? 0),
      weight: last.weight,
      errorPct: null,
    });
  }
  return { points, ...(errorMetric ? { errorMetric } : {}) };
}

/** A fraction (threshold at most 1, or values at most 1) is shown in percent. */
function toPercent(value: number, max: number | undefined): number {
  const fraction = max !== undefined ? max <= 1 : value <= 1;
  return fraction ? value * 100 : value;
}

/**
 * At most MAX_POINTS points: consecutive looks in groups, each group drawn as its worst look (a
 * single bad look among hundreds still shows), at the time of the group's last look.
 */
function downsample(points: ChartPoint[]): ChartPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const every = Math.ceil(points.length / MAX_POINTS);
  const kept: ChartPoint[] = [];
  for (let i = 0; i < points.length; i += every) {
    const group = points.slice(i, i + every);
    const worst = group.reduce<number | null>(
      (w, p) => (p.errorPct === null ? w : w === null ? p.errorPct : Math.max(w, p.errorPct)),
      null,
    );
    kept.push({ ...group[group.length - 1]!, errorPct: worst });
  }
  return kept;
}

const num = (n: number): string => String(Number(n.toFixed(n >= 10 ? 1 : 2)));

/** m:ss, for the chart's title. */
function clock(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export interface ChartOptions {
  /** The error metric's limit, in percent: drawn as a second line. */
  limitPct?: number;
  /** How the canary ended, for the title: "aborted", "promoted", "paused". */
  outcome?: string;
}

/**
 * Line colours that read on GitHub's light and dark backgrounds (Mermaid's default palette starts
 * with a lavender that is all but invisible on white): the error rate in red, its limit in grey.
 */
export const CHART_COLORS = { errorRate: '#e5534b', limit: '#768390' } as const;

/**
 * The ```mermaid block: the error rate in percent on its own scale (from 0 to a little above the
 * larger of the limit and the worst sample, so 0.5% is not flattened against 100%), the limit as a
 * second line, and a time axis in minutes from the first look to the last (a numeric range: Mermaid
 * spreads the values evenly over it and labels it with a few round numbers, readable at any number
 * of looks). The weight is in the steps table. A sample without data is drawn at 0 (the looks say
 * "no data").
 */
export function mermaidChart(points: readonly ChartPoint[], options: ChartOptions = {}): string {
  const samples = points.filter((p, i) => i < points.length - 1 || p.errorPct !== null || points.length === 1);
  if (samples.length === 0 || samples.every((p) => p.errorPct === null)) return '';
  const end = points[points.length - 1]!.seconds;
  const worst = Math.max(options.limitPct ?? 0, ...samples.map((p) => p.errorPct ?? 0));
  const top = worst <= 0 ? 1 : Math.ceil(worst * 1.2 * 10) / 10;
  const first = samples.length > 1 ? samples[0]!.seconds / 60 : 0;
  const last = Math.max(samples[samples.length - 1]!.seconds / 60, first + 0.01);
  const outcome = options.outcome ? `, ${options.outcome} at ${clock(end)}` : '';
  const limit = options.limitPct !== undefined ? ` and its limit ${num(options.limitPct)}%` : '';
  const lines = [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${CHART_COLORS.errorRate}, ${CHART_COLORS.limit}"`,
    '---',
    'xychart-beta',
    `  title "Canary error rate, percent${limit}${outcome}"`,
    `  x-axis "minutes since start" ${minutes(first)} --> ${minutes(last)}`,
    `  y-axis "error rate, %" 0 --> ${num(top)}`,
    `  line [${samples.map((p) => num(p.errorPct ?? 0)).join(', ')}]`,
  ];
  if (options.limitPct !== undefined) lines.push(`  line [${samples.map(() => num(options.limitPct!)).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}

const minutes = (m: number): string => String(Number(m.toFixed(2)));
