/** The verdict on one metric sample against its threshold. */
import type { Evaluation, MetricSample } from './types.js';

export const DEFAULT_MIN_REQUESTS = 10;

export interface SampleOptions {
  /** Requests a sample needs to count (default 10); fewer make it inconclusive. */
  minRequests?: number;
}

/**
 * No data, a value that is not a finite number, or fewer requests than `minRequests` are
 * inconclusive (never a pass); above `max` or below `min` fails; anything else passes.
 */
export function evaluateSample(sample: MetricSample, options: SampleOptions = {}): Evaluation {
  const minRequests = options.minRequests ?? DEFAULT_MIN_REQUESTS;
  const judged = (verdict: Evaluation['verdict'], reason: string): Evaluation => ({ ...sample, verdict, reason });
  const { value, threshold, requests } = sample;

  if (value === null || value === undefined) return judged('inconclusive', 'no data');
  if (Number.isNaN(value)) return judged('inconclusive', 'value is NaN');
  if (!Number.isFinite(value)) return judged('inconclusive', `value is ${value}`);
  if (requests !== undefined) {
    if (!Number.isFinite(requests)) return judged('inconclusive', `request count is ${requests}`);
    if (requests < minRequests) {
      return judged('inconclusive', `only ${requests} requests, at least ${minRequests} needed`);
    }
  }
  if (threshold?.max !== undefined && value > threshold.max) {
    return judged('fail', `${formatNumber(value)} is above the maximum ${formatNumber(threshold.max)}`);
  }
  if (threshold?.min !== undefined && value < threshold.min) {
    return judged('fail', `${formatNumber(value)} is below the minimum ${formatNumber(threshold.min)}`);
  }
  if (threshold?.max === undefined && threshold?.min === undefined) return judged('pass', 'no threshold; recorded');
  return judged('pass', 'within threshold');
}

/** Up to 4 significant decimals, no exponent noise: 0.0525, 2013.5, 12. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return String(Number(value.toFixed(digits)));
}
