/**
 * The comparison with stable, on everything seen since the canary started and re-tested at every
 * look, with anytime-valid tests (sequential.ts): `confidence` bounds the probability that a canary
 * no worse than the allowance is ever aborted by it, over all looks and both metrics together.
 *
 * The requests of both versions are paired in the order they were made within one interval (the
 * i-th canary request with the i-th stable request of the same interval), so a load swing that
 * hits both versions alike cancels out; unpaired requests of an interval only add to the
 * descriptive figures.
 *
 * Error rate. The allowance: the canary may have an error rate up to
 * max((1 + tolerance) x stable, stable + floor). Its null hypothesis is the union of two half-planes,
 * p_c <= (1 + tolerance) p_s and p_c <= p_s + floor; each has its own betting test on the pairs
 * (D = y - (1 + tolerance) z and D = y - z - floor, where y and z are 1 for an error), and the
 * canary fails only when both have rejected (an intersection-union test: each at the full level).
 *
 * Latency. The allowance: every quantile of the canary up to max((1 + tolerance) q, q + latency-floor)
 * of stable's. Deflating each canary latency x to min(x / (1 + tolerance), x - floor) makes the null
 * "deflated canary is stochastically no slower than stable". At the stable's p50, p95 and p99 (from
 * the intervals before, so the thresholds are fixed before the pairs are seen) a betting test on
 * D = [deflated x > t] - [y > t] looks for the canary exceeding the threshold more often than
 * stable: the median test sees a shift of the whole distribution, the p95 and p99 tests a slower
 * tail with an unchanged median. The latency budget is split evenly over the three (Bonferroni).
 *
 * Budget: alpha = 1 - confidence, half to the error rate, half to latency.
 */
import { BettingTest } from './sequential.js';
import { formatNumber } from './sample.js';
import { percentileOfSorted } from './stats.js';
import type { Evaluation } from './types.js';

/** One request as the probe saw it. */
export interface ProbeRequest {
  /** Milliseconds, with the timer's precision. */
  latencyMs: number;
  error: boolean;
  /** The probe's sequence number of the request (send order). */
  seq?: number;
}

export interface CompareOptions {
  /** How much worse than stable the canary may be, as a fraction (default 0.25). */
  tolerance?: number;
  /** 1 - the false-abort probability of the whole comparison (default 0.98). */
  confidence?: number;
  /** A latency difference below this never counts as worse (default 5 ms). */
  latencyFloorMs?: number;
  /** An error-rate excess below this never counts as worse (default 0.005, half a point). */
  errorRateFloor?: number;
  /** Pairs an interval needs to count as evidence (default 10); fewer make the look inconclusive. */
  minRequests?: number;
}

export const COMPARE_DEFAULTS = {
  tolerance: 0.25,
  confidence: 0.98,
  latencyFloorMs: 5,
  errorRateFloor: 0.005,
  minRequests: 10,
} as const satisfies Required<CompareOptions>;

/** The stable quantiles the latency test compares at. */
export const LATENCY_QUANTILES = [0.5, 0.95, 0.99] as const;

export const BASELINE_METRICS = ['baseline-error-rate', 'baseline-latency'] as const;

export interface ComparisonLook {
  errorRate: Evaluation;
  latency: Evaluation;
}

export interface StableComparison {
  /** Adds one interval of both versions' requests and tests everything seen so far. */
  look(canary: readonly ProbeRequest[], stable: readonly ProbeRequest[], at: number): ComparisonLook;
  readonly alpha: { errorRate: number; latencyPerQuantile: number };
}

/** Sorted values with cheap insertion of a batch (merge). */
class SortedValues {
  values = new Float64Array(0);
  add(batch: readonly number[]): void {
    if (batch.length === 0) return;
    const b = Float64Array.from(batch).sort();
    const a = this.values;
    const out = new Float64Array(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
    while (i < a.length) out[k++] = a[i++]!;
    while (j < b.length) out[k++] = b[j++]!;
    this.values = out;
  }
  quantile(p: number): number {
    return percentileOfSorted(this.values, p * 100);
  }
}

export function createComparison(options: CompareOptions = {}): StableComparison {
  const o = { ...COMPARE_DEFAULTS, ...options };
  const alpha = 1 - o.confidence;
  const alphaErrors = alpha / 2;
  const alphaQuantile = alpha / 2 / LATENCY_QUANTILES.length;
  const ratio = 1 + o.tolerance;
  const relative = new BettingTest({ lower: ratio, priorSquare: 0.01 });
  const absolute = new BettingTest({ lower: 1 + o.errorRateFloor, priorSquare: 0.01 });
  const tails = LATENCY_QUANTILES.map(() => new BettingTest({ lower: 1, priorSquare: 0.25 }));
  const canaryLatencies = new SortedValues();
  const stableLatencies = new SortedValues();
  const totals = { canary: 0, canaryErrors: 0, stable: 0, stableErrors: 0 };
  let errorFailed = false;
  let latencyFailed: number | undefined;
  const deflate = (x: number): number => Math.min(x / ratio, x - o.latencyFloorMs);
  const inflate = (q: number): number => Math.max(q * ratio, q + o.latencyFloorMs);
  const errorBar = Math.log(1 / alphaErrors);
  const quantileBar = Math.log(1 / alphaQuantile);

  return {
    alpha: { errorRate: alphaErrors, latencyPerQuantile: alphaQuantile },
    look(canary, stable, at) {
      const pairs = Math.min(canary.length, stable.length);
      // Thresholds from the intervals before this one only.
      const thresholds = stableLatencies.values.length > 0 ? LATENCY_QUANTILES.map((p) => stableLatencies.quantile(p)) : undefined;
      for (let i = 0; i < pairs; i++) {
        const c = canary[i]!;
        const s = stable[i]!;
        const y = c.error ? 1 : 0;
        const z = s.error ? 1 : 0;
        relative.observe(y - ratio * z);
        absolute.observe(y - z - o.errorRateFloor);
        if (thresholds) {
          const x = deflate(c.latencyMs);
          for (let k = 0; k < thresholds.length; k++) {
            const t = thresholds[k]!;
            tails[k]!.observe((x > t ? 1 : 0) - (s.latencyMs > t ? 1 : 0));
          }
        }
      }
      for (const r of canary) {
        totals.canary += 1;
        if (r.error) totals.canaryErrors += 1;
      }
      for (const r of stable) {
        totals.stable += 1;
        if (r.error) totals.stableErrors += 1;
      }
      canaryLatencies.add(canary.map((r) => r.latencyMs));
      stableLatencies.add(stable.map((r) => r.latencyMs));
      const enough = pairs >= o.minRequests;

      // Error rate.
      if (!errorFailed && relative.rejected(alphaErrors) && absolute.rejected(alphaErrors)) errorFailed = true;
      const rate = totals.canary > 0 ? totals.canaryErrors / totals.canary : null;
      const stableRate = totals.stable > 0 ? totals.stableErrors / totals.stable : null;
      const allowedRate = stableRate === null ? undefined : Math.max(stableRate * ratio, stableRate + o.errorRateFloor);
      const eErrors = Math.min(relative.maxLogWealth, absolute.maxLogWealth);
      const counts = `${totals.canaryErrors}/${totals.canary} vs stable ${totals.stableErrors}/${totals.stable}`;
      const errorStat = `e=${formatE(eErrors)}, abort at ${formatE(errorBar)}`;
      const allowance = `${formatNumber(o.tolerance * 100)}% or ${formatNumber(o.errorRateFloor * 100)} points`;
      const errorRate: Evaluation = {
        metric: 'baseline-error-rate',
        value: rate,
        requests: totals.canary,
        at,
        ...(allowedRate !== undefined ? { threshold: { max: allowedRate } } : {}),
        statistic: eValue(eErrors),
        statisticLimit: 1 / alphaErrors,
        decisive: true,
        ...(errorFailed
          ? {
              verdict: 'fail',
              reason: `canary error rate above stable by more than ${allowance} since the start (${counts}; ${errorStat})`,
            }
          : enough
            ? {
                verdict: 'pass',
                reason: `no evidence yet of an error rate above stable by more than ${allowance} (${counts}; ${errorStat})`,
              }
            : {
                verdict: 'inconclusive',
                reason: `too few requests this interval (${pairs} pairs, at least ${o.minRequests} needed; ${counts})`,
              }),
      };

      // Latency: the quantile with the most evidence is the one shown.
      if (latencyFailed === undefined) {
        const k = tails.findIndex((t) => t.rejected(alphaQuantile));
        if (k >= 0) latencyFailed = k;
      }
      let shown = latencyFailed ?? 0;
      if (latencyFailed === undefined)
        for (let k = 1; k < tails.length; k++) if (tails[k]!.maxLogWealth > tails[shown]!.maxLogWealth) shown = k;
      const q = LATENCY_QUANTILES[shown]!;
      const name = `p${Math.round(q * 100)}`;
      const cq = canaryLatencies.values.length > 0 ? canaryLatencies.quantile(q) : null;
      const sq = stableLatencies.values.length > 0 ? stableLatencies.quantile(q) : null;
      const eLatency = tails[shown]!.maxLogWealth;
      const quantiles = `${name} ${cq === null ? 'none' : formatNumber(cq)} ms vs stable ${sq === null ? 'none' : formatNumber(sq)} ms`;
      const latencyStat = `e=${formatE(eLatency)}, abort at ${formatE(quantileBar)}`;
      const latAllowance = `${formatNumber(o.tolerance * 100)}% or ${formatNumber(o.latencyFloorMs)} ms`;
      const latency: Evaluation = {
        metric: 'baseline-latency',
        value: cq,
        requests: totals.canary,
        at,
        ...(sq !== null ? { threshold: { max: inflate(sq) } } : {}),
        statistic: eValue(eLatency),
        statisticLimit: 1 / alphaQuantile,
        decisive: true,
        ...(latencyFailed !== undefined
          ? {
              verdict: 'fail',
              reason: `canary slower than stable by more than ${latAllowance} at ${name} since the start (${quantiles}; ${latencyStat})`,
            }
          : !enough
            ? {
                verdict: 'inconclusive',
                reason: `too few requests this interval (${pairs} pairs, at least ${o.minRequests} needed; ${quantiles})`,
              }
            : {
                verdict: 'pass',
                reason:
                  `no evidence yet of a canary slower than stable by more than ` +
                  `${latAllowance} at p50, p95 or p99 (${quantiles}; ${latencyStat})`,
              }),
      };
      return { errorRate, latency };
    },
  };
}

function eValue(logWealth: number): number {
  return Math.exp(Math.min(logWealth, 700));
}

/** An e-value (given as its log) in plain figures: 1.8, 240, 3.1e+6. */
function formatE(logWealth: number): string {
  const e = eValue(logWealth);
  return e < 1000 ? formatNumber(e) : e.toExponential(1);
}
