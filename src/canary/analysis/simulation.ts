/**
 * Runs one whole canary on synthetic traffic through the real judge: every step, every
 * analysis interval, the same metrics the canary action measures with its built-in probe
 * (error rate, p95 latency, and the two baseline comparisons against stable).
 */
import { compareToBaseline, comparisonToEvaluation, type BaselineOptions, type Observations } from './baseline.js';
import { createJudge, type JudgeReport } from './judge.js';
import type { Rng } from './random.js';
import { percentile } from './stats.js';

/** How one version behaves: its error rate and a latency generator (ms). */
export interface VersionModel {
  errorRate: number;
  latency: (rng: Rng) => number;
}

export interface TrafficModel {
  stable: VersionModel;
  canary: VersionModel;
  /** Requests measured per version in each analysis interval. */
  requestsPerSample: number;
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
  baseline: BaselineOptions & { minRequests: number };
}

/** The action's defaults: 10,25,50,100; 60 s steps of 10 s intervals; limit 3; 5%; 2000 ms. */
export const DEFAULT_PLAN: CanaryPlan = {
  steps: [10, 25, 50, 100],
  samplesPerStep: 6,
  intervalMs: 10_000,
  failureLimit: 3,
  maxErrorRate: 0.05,
  maxP95Ms: 2000,
  baseline: { minRequests: 10 },
};

export const SIMULATION_METRICS = ['error-rate', 'p95-latency', 'baseline-latency', 'baseline-error-rate'] as const;

export function simulateCanary(traffic: TrafficModel, rng: Rng, plan: CanaryPlan = DEFAULT_PLAN): JudgeReport {
  const judge = createJudge({ failureLimit: plan.failureLimit, minRequests: plan.baseline.minRequests, metrics: SIMULATION_METRICS });
  let at = Date.UTC(2025, 0, 1);
  for (const weight of plan.steps) {
    judge.startStep(weight);
    for (let i = 0; i < plan.samplesPerStep && !judge.abort; i++) {
      at += plan.intervalMs;
      const load = traffic.sharedLoadSigma ? Math.exp(traffic.sharedLoadSigma * rng.normal()) : 1;
      const stable = observe(traffic.stable, traffic.requestsPerSample, load, rng);
      const canary = observe(traffic.canary, traffic.requestsPerSample, load, rng);
      const requests = canary.requests;
      const errorRate = requests > 0 ? canary.errors / requests : null;
      const p95 = requests > 0 ? percentile(canary.latencies, 95) : null;
      judge.observe({ metric: 'error-rate', value: errorRate, threshold: { max: plan.maxErrorRate }, requests, at });
      judge.observe({ metric: 'p95-latency', value: p95, threshold: { max: plan.maxP95Ms }, requests, at });
      const baseline = compareToBaseline(canary, stable, plan.baseline);
      judge.push(comparisonToEvaluation(baseline.latency, at));
      judge.push(comparisonToEvaluation(baseline.errorRate, at));
    }
    if (!judge.endStep().passed) break;
  }
  return judge.finish();
}

function observe(model: VersionModel, requests: number, load: number, rng: Rng): Observations {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    latencies.push(Math.round(model.latency(rng) * load)); // whole milliseconds, so ties occur
    if (rng.chance(model.errorRate)) errors++;
  }
  return { latencies, requests, errors };
}
