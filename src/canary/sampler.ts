/**
 * One sample of every metric at the end of an analysis interval: the Prometheus queries (at once)
 * and the built-in probe's window. Anything that gives no number (no data, Prometheus down, too
 * few requests) is an inconclusive sample, never a pass.
 */
import { errorMessage } from '../core/errors.js';
import { redactUrls } from '../core/redact.js';
import { createComparison, evaluateSample, percentile, type Evaluation } from '../verify/index.js';
import { queryPrometheus, type FetchLike } from '../verify/sources/prometheus.js';
import type { MetricConfig } from './metrics.js';
import type { CanaryOptions } from './options.js';
import type { ProbeStream } from '../verify/sources/probe.js';

export interface SamplerDeps {
  options: CanaryOptions;
  vars: { version: string; environment: string };
  /** The probe's streams, when the probe runs. */
  probe?: { canary: ProbeStream; stable?: ProbeStream; canaryUrl: string; stableUrl?: string };
  now: () => number;
  fetch?: FetchLike;
}

export type Sampler = () => Promise<Evaluation[]>;

export function createSampler(deps: SamplerDeps): Sampler {
  const { options, vars } = deps;
  // Everything since the start: the comparison with stable accumulates its evidence across looks.
  const comparison = createComparison(options.baseline);
  return async () => {
    const windows = deps.probe ? { canary: deps.probe.canary.take(), stable: deps.probe.stable?.take() } : undefined;
    const prometheus = options.prometheus;
    const results = prometheus
      ? await Promise.all(prometheus.metrics.map((metric) => queryMetric(metric, prometheus, vars, deps.fetch)))
      : [];
    const at = deps.now();
    const evaluations: Evaluation[] = results.map((r) => ({ ...r, at }));
    if (windows && deps.probe && options.probe) {
      const { canary, stable } = windows;
      const probe = options.probe;
      const where = `probe GET ${redactUrls(deps.probe.canaryUrl)}`;
      const requests = canary.requests;
      evaluations.push(
        evaluateSample(
          {
            metric: 'error-rate',
            value: requests > 0 ? canary.errors / requests : null,
            threshold: { max: probe.maxErrorRate },
            requests,
            at,
            query: `${where}: 5xx or no answer / requests`,
          },
          { minRequests: options.minRequests },
        ),
        evaluateSample(
          {
            metric: 'p95-latency',
            value: requests > 0 ? percentile(canary.latencies, 95) : null,
            threshold: { max: probe.maxP95Ms },
            requests,
            at,
            query: `${where}: 95th percentile latency, ms`,
          },
          { minRequests: options.minRequests },
        ),
      );
      if (stable && deps.probe.stableUrl) {
        const look = comparison.look(canary.records, stable.records, at);
        const against = `${where} vs stable GET ${redactUrls(deps.probe.stableUrl)}, every request since the start`;
        evaluations.push(
          { ...look.latency, query: `${against}: sequential tests at stable's p50, p95 and p99` },
          { ...look.errorRate, query: `${against}: sequential test of the error-rate excess` },
        );
      }
    }
    return evaluations;
  };
}

type Unstamped = Omit<Evaluation, 'at'>;

async function queryMetric(
  metric: MetricConfig,
  prometheus: NonNullable<CanaryOptions['prometheus']>,
  vars: SamplerDeps['vars'],
  fetch?: FetchLike,
): Promise<Unstamped> {
  const threshold = { ...(metric.max !== undefined ? { max: metric.max } : {}), ...(metric.min !== undefined ? { min: metric.min } : {}) };
  try {
    const sample = await queryPrometheus({
      url: prometheus.url,
      query: metric.query,
      vars,
      timeoutMs: prometheus.timeoutMs,
      ...(prometheus.token ? { auth: { bearer: prometheus.token } } : {}),
      ...(fetch ? { fetch } : {}),
    });
    if (sample.value === null) {
      return {
        metric: metric.name,
        value: null,
        threshold,
        query: sample.query,
        verdict: 'inconclusive',
        reason: sample.reason ?? 'no data',
      };
    }
    const { at: _at, ...judged } = evaluateSample({ metric: metric.name, value: sample.value, threshold, at: 0, query: sample.query });
    return judged;
  } catch (err) {
    // Prometheus down, refusing, or answering nonsense: no evidence, so not a pass.
    return {
      metric: metric.name,
      value: null,
      threshold,
      query: metric.query,
      verdict: 'inconclusive',
      reason: redactUrls(errorMessage(err)),
    };
  }
}
