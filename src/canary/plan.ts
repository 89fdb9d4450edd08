/**
 * The dry-run plan of a canary (pure): each step with its real traffic share and timing, the time
 * to promote, and how long an abort can take.
 */
import { formatDuration } from '../core/duration.js';
import { splitReplicas } from '../drivers/kubernetes/objects.js';
import type { CanaryOptions } from './options.js';

export interface PlanStep {
  step: number;
  weight: number;
  /** What share of real traffic the canary gets, as the driver applies the weight. */
  realShare: string;
  startsAtMs: number;
  endsAtMs: number;
  samples: number;
}

export interface CanaryPlanView {
  steps: PlanStep[];
  /** When every step passes: the canary is promoted after the last one. */
  timeToPromoteMs: number;
  /** A canary failing from its first sample is aborted this long after the start. */
  abortIfBadFromStartMs: number;
  /** A canary that goes bad at any point is aborted this long after its first failing sample. */
  abortAfterFirstFailureMs: number;
  /** The latest an abort can come: at the end of the last step. */
  worstCaseAbortMs: number;
}

export interface DriverTraffic {
  driver: string;
  /** kubernetes: an ingress sets exact weights; without one the weight is a share of replicas. */
  ingress?: string;
}

export function realShare(weight: number, t: DriverTraffic): string {
  switch (t.driver) {
    case 'haproxy':
      return `${weight}% (server weights ${100 - weight}/${weight})`;
    case 'local':
      return `${weight}% (local proxy)`;
    case 'kubernetes':
      if (t.ingress) return `${weight}% (ingress canary-weight)`;
      return `share of replicas: ${[2, 4, 10].map((n) => `${splitReplicas(n, weight).effectiveWeight}% of ${n}`).join(', ')}`;
    default:
      return `${weight}% as set-weight-command applies it`;
  }
}

export function planCanary(o: CanaryOptions, t: DriverTraffic): CanaryPlanView {
  const steps = o.steps.map((weight, i) => ({
    step: i + 1,
    weight,
    realShare: realShare(weight, t),
    startsAtMs: i * o.stepMs,
    endsAtMs: (i + 1) * o.stepMs,
    samples: o.samplesPerStep,
  }));
  const total = o.steps.length * o.stepMs;
  return {
    steps,
    timeToPromoteMs: total,
    abortIfBadFromStartMs: Math.min(o.failureLimit, o.samplesPerStep) * o.intervalMs,
    abortAfterFirstFailureMs: (o.failureLimit - 1) * o.intervalMs,
    worstCaseAbortMs: total,
  };
}

/** The plan as lines for the log. */
export function planLines(plan: CanaryPlanView, o: CanaryOptions): string[] {
  const d = formatDuration;
  return [
    ...plan.steps.map(
      (s) => `step ${s.step}: weight ${s.weight}% -> ${s.realShare}; from ${d(s.startsAtMs)} to ${d(s.endsAtMs)}, ${s.samples} sample(s) every ${d(o.intervalMs)}`,
    ),
    `promoted after ${d(plan.timeToPromoteMs)} when every step passes`,
    `a canary failing from its first sample is aborted after ${d(plan.abortIfBadFromStartMs)}; one that goes bad later within ${d(plan.abortAfterFirstFailureMs)} of its first failing sample (${o.failureLimit} in a row)`,
    `worst case: aborted at the end of the last step, ${d(plan.worstCaseAbortMs)} after the start; then all traffic goes back to stable`,
  ];
}
