/**
 * The canary's settings after the rules that involve more than one input, checked before anything
 * happens: where the evidence comes from, how many samples a step takes, the probe's limits.
 */
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import type { CompareOptions } from '../verify/index.js';
import type { DriverTraits } from '../drivers/types.js';
import { PROBE_METRICS, type MetricConfig } from './metrics.js';
import type { CanaryInputs } from './fields.js';
import { stepPlan } from './steps.js';

export type { CanaryInputs } from './fields.js';

export interface ProbeOptions {
  /** The canary's URL; undefined until the driver gives it (the local driver does). */
  canaryUrl?: string;
  stableUrl?: string;
  /** Take the URLs the driver reports when the canary starts, where no input gives them. */
  fromDriver: boolean;
  rps: number;
  timeoutMs: number;
  maxErrorRate: number;
  maxP95Ms: number;
}

export interface CanaryOptions {
  /** The weights, in order (without the pause). */
  steps: number[];
  /** How many weights run before the canary pauses for a decision; undefined: no pause. */
  pauseAfter?: number;
  stepMs: number;
  intervalMs: number;
  samplesPerStep: number;
  failureLimit: number;
  minRequests: number;
  prometheus?: { url: string; token?: string; metrics: MetricConfig[]; timeoutMs: number };
  probe?: ProbeOptions;
  baseline: Required<CompareOptions>;
}

/** How long one probe request may take: twice the p95 limit, between 1 s and 30 s. */
export const probeTimeout = (maxP95Ms: number): number => Math.min(30_000, Math.max(1_000, 2 * maxP95Ms));

/** `driver`: what the chosen driver declares (a driver that reports URLs gives the probe its own). */
export function resolveCanaryOptions(s: CanaryInputs, driver: Pick<DriverTraits, 'name' | 'reportsUrls'>): CanaryOptions {
  if (s.analysisInterval > s.stepDuration) {
    throw new UserError(
      `Input "analysis-interval" (${formatDuration(s.analysisInterval)}) ` +
        `is longer than "step-duration" (${formatDuration(s.stepDuration)}): ` +
        'a step would end before its first sample. Accepted: an interval no longer than the step.',
    );
  }
  if (s.metrics && !s.prometheusUrl) {
    throw new UserError(
      'Input "prometheus-url" is required with "metrics". Accepted: an absolute http or https URL (http://prometheus:9090).',
    );
  }
  if (s.prometheusUrl && !s.metrics) {
    throw new UserError(`Input "metrics" is required with "prometheus-url". Accepted: a list of name, query and max or min.`);
  }
  const driverGivesUrls = driver.reportsUrls;
  if (s.stableUrl && !s.probeUrl && !driverGivesUrls) {
    throw new UserError(
      'Input "probe-url" is required with "stable-url": the probe compares the canary with stable. Accepted: the canary\'s own URL.',
    );
  }
  const probeOn = Boolean(s.probeUrl) || driverGivesUrls;
  if (!s.metrics && !probeOn) {
    throw new UserError(
      `The canary has no evidence to be judged on with the ${driver.name} ` +
        `driver: give "probe-url" (the canary's own URL, for the built-in probe; ` +
        'with "stable-url" for the baseline) and/or "metrics" with "prometheus-url". A canary is never promoted without evidence. ' +
        'Accepted: probe-url (an absolute http or https URL), or metrics (a list of name, query and max or min) with prometheus-url.',
    );
  }
  // The probe sends probe-rps requests a second to each URL, so a sample holds about
  // probe-rps x analysis-interval of them; below min-requests every sample is inconclusive and the
  // canary could only fail, after moving traffic.
  const perSample = (s.probeRps * s.analysisInterval) / 1000;
  if (probeOn && perSample < s.minRequests) {
    throw new UserError(
      `Inputs "probe-rps" (${s.probeRps}), "analysis-interval" ` +
        `(${formatDuration(s.analysisInterval)}) and "min-requests" (${s.minRequests}): ` +
        `the probe sends about ${Number(perSample.toFixed(2))} request(s) per sample, ` +
        `fewer than the ${s.minRequests} a sample needs, so no sample could ever count. ` +
        `Accepted: probe-rps x analysis-interval (in seconds) of at least min-requests (probe-rps: ` +
        `${Math.ceil((s.minRequests * 1000) / s.analysisInterval)} with these, a longer analysis-interval, or a lower min-requests).`,
    );
  }
  if (probeOn && s.metrics) {
    const clash = s.metrics.findIndex((m) => (PROBE_METRICS as readonly string[]).includes(m.name));
    if (clash >= 0) {
      throw new UserError(
        `Input "metrics" at [${clash}].name: "${s.metrics[clash]!.name}" is a name of the ` +
          `built-in probe's metrics (${PROBE_METRICS.join(', ')}). Accepted: another name.`,
      );
    }
  }
  const samplesPerStep = Math.max(1, Math.floor(s.stepDuration / s.analysisInterval));
  const plan = stepPlan(s.steps);
  return {
    steps: plan.weights,
    ...(plan.pauseAfter !== undefined ? { pauseAfter: plan.pauseAfter } : {}),
    stepMs: s.stepDuration,
    intervalMs: s.analysisInterval,
    samplesPerStep,
    failureLimit: s.failureLimit,
    minRequests: s.minRequests,
    ...(s.metrics && s.prometheusUrl
      ? {
          prometheus: {
            url: s.prometheusUrl,
            token: s.prometheusToken,
            metrics: s.metrics,
            timeoutMs: Math.min(10_000, Math.max(1_000, s.analysisInterval)),
          },
        }
      : {}),
    ...(probeOn
      ? {
          probe: {
            canaryUrl: s.probeUrl,
            stableUrl: s.stableUrl,
            fromDriver: driverGivesUrls,
            rps: s.probeRps,
            timeoutMs: probeTimeout(s.maxP95),
            maxErrorRate: s.maxErrorRate,
            maxP95Ms: s.maxP95,
          },
        }
      : {}),
    baseline: {
      tolerance: s.baselineTolerance,
      confidence: s.confidence,
      latencyFloorMs: s.latencyFloor,
      errorRateFloor: s.errorRateFloor,
      minRequests: s.minRequests,
    },
  };
}

/** The metric names every step must have evidence of. */
export function judgedMetrics(o: CanaryOptions, hasStable: boolean): string[] {
  const names = (o.prometheus?.metrics ?? []).map((m) => m.name);
  if (o.probe) names.push('error-rate', 'p95-latency');
  if (o.probe && hasStable) names.push('baseline-latency', 'baseline-error-rate');
  return names;
}
