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

const MAX_POINTS = 60;

/** The metric the chart shows as error rate: the probe's, else the first with "error" in its name. */
export function errorMetricOf(samples: readonly SampleRecord[]): string | undefined {
  const names = [...new Set(samples.map((s) => s.metric))];
  return names.find((n) => n === 'error-rate') ?? names.find((n) => /error/i.test(n) && !n.startsWith('baseline-'));
}

/** One point per sample time, then the final weight (after promote or restore). */
export function chartPoints(samples: readonly SampleRecord[], changes: readonly TrafficChange[], startedAt: number): { points: ChartPoint[]; errorMetric?: string } {
  const errorMetric = errorMetricOf(samples);
  const byTime = new Map<number, ChartPoint>();
  for (const s of samples) {
    const point = byTime.get(s.at) ?? { seconds: (s.at - startedAt) / 1000, weight: s.weight, errorPct: null };
    if (s.metric === errorMetric && s.value !== null) point.errorPct = toPercent(s.value, s.threshold?.max);
    byTime.set(s.at, point);
  }
  const points = [...byTime.values()];
  const last = changes[changes.length - 1];
  if (last && (last.what === 'promote' || last.what === 'restore')) {
    points.push({ seconds: Math.max((last.at - startedAt) / 1000, points[points.length - 1]?.seconds ?? 0), weight: last.weight, errorPct: null });
  }
  return { points: downsample(points), ...(errorMetric ? { errorMetric } : {}) };
}

/** A fraction (threshold at most 1, or values at most 1) is shown in percent. */
function toPercent(value: number, max: number | undefined): number {
  const fraction = max !== undefined ? max <= 1 : value <= 1;
  return fraction ? value * 100 : value;
}

function downsample(points: ChartPoint[]): ChartPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const every = Math.ceil(points.length / MAX_POINTS);
  const kept = points.filter((_, i) => i % every === 0);
  if (kept[kept.length - 1] !== points[points.length - 1]) kept.push(points[points.length - 1]!);
  return kept;
}

const num = (n: number): string => String(Number(n.toFixed(n >= 10 ? 1 : 2)));

/** The ```mermaid block; an error point without data is drawn at 0 (the table says "no data"). */
export function mermaidChart(points: readonly ChartPoint[]): string {
  if (points.length === 0) return '';
  const xs = points.map((p) => `"${num(p.seconds)}"`).join(', ');
  const top = Math.max(100, ...points.map((p) => Math.ceil(p.errorPct ?? 0)));
  const lines = [
    '```mermaid',
    'xychart-beta',
    '  title "Canary weight (bars) and error rate (line), percent"',
    `  x-axis "seconds since start" [${xs}]`,
    `  y-axis "percent" 0 --> ${top}`,
    `  bar [${points.map((p) => num(p.weight)).join(', ')}]`,
  ];
  if (points.some((p) => p.errorPct !== null)) lines.push(`  line [${points.map((p) => num(p.errorPct ?? 0)).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}
