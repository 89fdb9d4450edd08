/**
 * Runs one whole canary on synthetic traffic through the real engine: every step, every analysis
 * interval, the metrics the canary action judges with its built-in probe (error rate and p95
 * against their absolute lines, per sample; the comparison with stable on everything so far).
 * Latencies keep their full precision, as the probe measures them.
 */
import { createComparison, type CompareOptions, type ProbeRequest } from './compare.js';
import { createJudge, type JudgeReport } from './judge.js';
import type { Rng } from './random.js';
import { percentile } from './stats.js';

/** How one version behaves in one interval: its error rate and a latency generator (ms). */
export interface VersionModel {
  errorRate: number;
  latency: (rng: Rng) => number;
  /** Requests this version answers in the interval, when not the traffic's usual count (0: down). */
  requests?: number;
}

export interface TrafficModel {
  stable: VersionModel;
  /** The canary's behaviour in the interval with this 0-based index (for intermittent faults). */
  canary: VersionModel | ((interval: number, rng: Rng) => VersionModel);
  /** Requests measured per version in each analysis interval (or per interval index). */
  requestsPerSample: number | ((interval: number) => number);
  /** Log-scale sd of a load factor drawn per interval and applied to both versions alike. */
  sharedLoadSigma?: number;
}

export interface CanaryPlan {
  /** Canary weights, percent. */
  steps: readonly number[];
  /** Analysis intervals per step. */
  samplesPerStep: number;
  /** Milliseconds between samples (only stamps the records). */
  intervalMs: number;
  failureLimit: number;
  maxErrorRate: number;
  maxP95Ms: number;
  minRequests: number;
  compare: CompareOptions;
}

/** The action's defaults: 10,25,50,100; 60 s steps of 10 s intervals; limit 3; 5%; 2000 ms. */
export const DEFAULT_PLAN: CanaryPlan = {
  steps: [10, 25, 50, 100],
  samplesPerStep: 6,
  intervalMs: 10_000,
  failureLimit: 3,
  maxErrorRate: 0.05,
  maxP95Ms: 2000,
  minRequests: 10,
  compare: {},
};

export const SIMULATION_METRICS = ['error-rate', 'p95-latency', 'baseline-error-rate', 'baseline-latency'] as const;

export interface SimulatedCanary extends JudgeReport {
  /** Intervals looked at until the end (the abort's interval, or all of them). */
  intervals: number;
}

export function simulateCanary(traffic: TrafficModel, rng: Rng, plan: CanaryPlan = DEFAULT_PLAN): SimulatedCanary {
  const judge = createJudge({ failureLimit: plan.failureLimit, minRequests: plan.minRequests, metrics: SIMULATION_METRICS });
  const comparison = createComparison({ minRequests: plan.minRequests, ...plan.compare });
  let at = Date.UTC(2025, 0, 1);
  let interval = 0;
  for (const weight of plan.steps) {
    judge.startStep(weight);
    for (let i = 0; i < plan.samplesPerStep && !judge.abort; i++) {
      at += plan.intervalMs;
      const n = typeof traffic.requestsPerSample === 'function' ? traffic.requestsPerSample(interval) : traffic.requestsPerSample;
      const load = traffic.sharedLoadSigma ? Math.exp(traffic.sharedLoadSigma * rng.normal()) : 1;
      const canaryModel = typeof traffic.canary === 'function' ? traffic.canary(interval, rng) : traffic.canary;
      const stable = observe(traffic.stable, n, load, rng);
      const canary = observe(canaryModel, canaryModel.requests ?? n, load, rng);
      interval += 1;
      const requests = canary.length;
      const errors = canary.reduce((sum, r) => sum + (r.error ? 1 : 0), 0);
      judge.observe({
        metric: 'error-rate',
        value: requests > 0 ? errors / requests : null,
        threshold: { max: plan.maxErrorRate },
        requests,
        at,
      });
      judge.observe({
        metric: 'p95-latency',
        value:
          requests > 0
            ? percentile(
                canary.map((r) => r.latencyMs),
                95,
              )
            : null,
        threshold: { max: plan.maxP95Ms },
        requests,
        at,
      });
      const look = comparison.look(canary, stable, at);
      judge.push(look.errorRate);
      judge.push(look.latency);
    }
    if (!judge.endStep().passed) break;
  }
  return { ...judge.finish(), intervals: interval };
}

function observe(model: VersionModel, requests: number, load: number, rng: Rng): ProbeRequest[] {
  const out: ProbeRequest[] = new Array(requests);
  for (let i = 0; i < requests; i++) {
    // The probe's timer: performance.now() differences, microsecond precision.
    out[i] = { latencyMs: Math.round(model.latency(rng) * load * 1000) / 1000, error: rng.chance(model.errorRate) };
  }
  return out;
}
