/**
 * Compares the canary with the stable version over the same window: is the canary worse than
 * stable by more than `tolerance`, with `confidence`? Enough evidence of that fails; too few
 * observations are inconclusive, never a pass.
 *
 * Latency: Mann-Whitney U on the canary's latencies deflated by the allowance, one-sided. Each
 * canary latency x becomes min(x / (1 + tolerance), x - latencyFloorMs), so a canary up to 25%
 * slower, or slower by less than the floor (0.4 ms over a 1 ms stable), is not a regression.
 *
 * Error rate: the same allowance, max(tolerance * stable rate, errorRateFloor) above stable, as
 * an intersection-union test of two adjusted-Wald tests (see proportions.ts); it fails only when
 * both the relative and the absolute excess are significant.
 */
import { MANN_WHITNEY_MIN_SIZE, mannWhitneyU } from './mann-whitney.js';
import { proportionExcessTest } from './proportions.js';
import { DEFAULT_MIN_REQUESTS, formatNumber } from './sample.js';
import { median } from './stats.js';
import type { Evaluation, Threshold, Verdict } from './types.js';

/** What one version served in the window. */
export interface Observations {
  /** Per-request latencies in milliseconds. */
  latencies: readonly number[];
  requests: number;
  errors: number;
}

export interface BaselineOptions {
  /** How much worse than stable the canary may be, as a fraction (default 0.25). */
  tolerance?: number;
  /** Confidence of the tests (default 0.98): fail when p < 1 - confidence. */
  confidence?: number;
  /** A latency difference below this never counts as worse (default 5 ms). */
  latencyFloorMs?: number;
  /** An error-rate difference below this never counts as worse (default 0.005, half a point). */
  errorRateFloor?: number;
  /** Observations each version needs for a verdict (default 10; latency needs at least 8). */
  minRequests?: number;
}

export interface Comparison {
  metric: 'baseline-latency' | 'baseline-error-rate';
  verdict: Verdict;
  reason: string;
  /** Canary median latency (ms) or error rate; null when there is none. */
  value: number | null;
  /** The most the canary may show before the test looks at it: stable plus the allowance. */
  threshold?: Threshold;
  /** Stable median latency or error rate. */
  stableValue: number | null;
  /** One-sided p-value of "canary worse by more than the allowance"; absent when inconclusive. */
  pValue?: number;
  requests: number;
}

export const BASELINE_DEFAULTS = {
  tolerance: 0.25,
  confidence: 0.98,
  latencyFloorMs: 5,
  errorRateFloor: 0.005,
  minRequests: DEFAULT_MIN_REQUESTS,
} as const satisfies Required<BaselineOptions>;

export function compareToBaseline(
  canary: Observations,
  stable: Observations,
  options: BaselineOptions = {},
): { latency: Comparison; errorRate: Comparison } {
  return { latency: compareLatency(canary, stable, options), errorRate: compareErrorRate(canary, stable, options) };
}

export function compareLatency(canary: Observations, stable: Observations, options: BaselineOptions = {}): Comparison {
  const { tolerance, confidence, latencyFloorMs, minRequests } = { ...BASELINE_DEFAULTS, ...options };
  const metric = 'baseline-latency';
  const c = canary.latencies;
  const s = stable.latencies;
  const base = { metric, requests: c.length } as const;
  const needed = Math.max(minRequests, MANN_WHITNEY_MIN_SIZE);
  if (c.length < needed || s.length < needed) {
    const value = c.length > 0 ? median(c) : null;
    const stableValue = s.length > 0 ? median(s) : null;
    const reason = `too few latencies (canary ${c.length}, stable ${s.length}; at least ${needed} each needed)`;
    return { ...base, verdict: 'inconclusive', reason, value, stableValue };
  }
  if (!c.every(Number.isFinite) || !s.every(Number.isFinite)) {
    return { ...base, verdict: 'inconclusive', reason: 'latencies contain a value that is not a number', value: null, stableValue: null };
  }
  const deflated = c.map((x) => Math.min(x / (1 + tolerance), x - latencyFloorMs));
  const test = mannWhitneyU(deflated, s, 'greater')!;
  const value = median(c);
  const stableValue = median(s);
  const allowed = Math.max(stableValue * (1 + tolerance), stableValue + latencyFloorMs);
  const alpha = 1 - confidence;
  const allowance = `${formatNumber(tolerance * 100)}% and ${formatNumber(latencyFloorMs)} ms`;
  const medians = `median ${formatNumber(value)} ms vs stable ${formatNumber(stableValue)} ms`;
  const worse = test.pValue < alpha;
  const reason = worse
    ? `canary slower than stable by more than ${allowance} (${medians}; Mann-Whitney p=${formatP(test.pValue)} < ${formatP(alpha)})`
    : `no evidence the canary is slower than stable by more than ${allowance} (${medians}; Mann-Whitney p=${formatP(test.pValue)})`;
  return { ...base, verdict: worse ? 'fail' : 'pass', reason, value, stableValue, threshold: { max: allowed }, pValue: test.pValue };
}

export function compareErrorRate(canary: Observations, stable: Observations, options: BaselineOptions = {}): Comparison {
  const { tolerance, confidence, errorRateFloor, minRequests } = { ...BASELINE_DEFAULTS, ...options };
  const metric = 'baseline-error-rate';
  const base = { metric, requests: canary.requests } as const;
  const rate = (o: Observations): number | null => (validCounts(o) && o.requests > 0 ? o.errors / o.requests : null);
  const value = rate(canary);
  const stableValue = rate(stable);
  if (!validCounts(canary) || !validCounts(stable)) {
    return { ...base, verdict: 'inconclusive', reason: 'request or error counts are not valid counts', value, stableValue };
  }
  if (canary.requests < minRequests || stable.requests < minRequests) {
    const reason = `too few requests (canary ${canary.requests}, stable ${stable.requests}; at least ${minRequests} each needed)`;
    return { ...base, verdict: 'inconclusive', reason, value, stableValue };
  }
  const c = { events: canary.errors, trials: canary.requests };
  const s = { events: stable.errors, trials: stable.requests };
  const relative = proportionExcessTest(c, s, { ratio: 1 + tolerance });
  const absolute = proportionExcessTest(c, s, { margin: errorRateFloor });
  const pValue = Math.max(relative.pValue, absolute.pValue);
  const alpha = 1 - confidence;
  const allowed = Math.max(stableValue! * (1 + tolerance), stableValue! + errorRateFloor);
  const allowance = `${formatNumber(tolerance * 100)}% and ${formatNumber(errorRateFloor * 100)} points`;
  const rates = `${canary.errors}/${canary.requests} vs stable ${stable.errors}/${stable.requests}`;
  const worse = pValue < alpha;
  const reason = worse
    ? `canary error rate above stable by more than ${allowance} (${rates}; p=${formatP(pValue)} < ${formatP(alpha)})`
    : `no evidence the canary error rate is above stable by more than ${allowance} (${rates}; p=${formatP(pValue)})`;
  return { ...base, verdict: worse ? 'fail' : 'pass', reason, value, stableValue, threshold: { max: allowed }, pValue };
}

function validCounts(o: Observations): boolean {
  return Number.isInteger(o.requests) && Number.isInteger(o.errors) && o.errors >= 0 && o.requests >= 0 && o.errors <= o.requests;
}

function formatP(p: number): string {
  return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

/** The comparison as an evaluated sample taken at `at`, for the judge and the report. */
export function comparisonToEvaluation(comparison: Comparison, at: number): Evaluation {
  const { metric, value, threshold, requests, verdict, reason } = comparison;
  return { metric, value, requests, at, verdict, reason, ...(threshold ? { threshold } : {}) };
}
