import { errorMessage } from '../core/errors.js';
import { queryPrometheus } from '../verify/sources/prometheus.js';
import { readSmokeSignal } from '../verify/sources/smoke.js';
import type { Check } from '../checks/schema.js';
import type { Reading } from './verify.js';

/** A Prometheus-backed trigger: its query and the highest value that still passes. */
export interface MetricTrigger {
  trigger: 'error-rate' | 'p95' | 'memory';
  query: string;
  max: number;
  /** How a value and the threshold are shown (`7.1%`, `2300 ms`). */
  show: (value: number) => string;
}

export interface SignalSettings {
  /** The environment's URL that health checks are sent to. */
  url: string;
  authorization?: string;
  checks: Check[];
  intervalMs: number;
  prometheusUrl?: string;
  metrics: MetricTrigger[];
  vars: { version: string; environment: string };
  signal?: AbortSignal;
}

/** Default queries on the usual HTTP metrics (`http_requests_total{code}`, `http_request_duration_seconds`). */
export const DEFAULT_QUERIES = {
  'error-rate':
    'sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m]))',
  p95: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[1m])))',
};

const percent = (v: number) => `${(v * 100).toFixed(1).replace(/\.0$/, '')}%`;
const millis = (v: number) => `${Math.round(v * 1000)} ms`;

/** The metric triggers that apply: error rate and p95 whenever Prometheus is given, memory only with its query. */
export function metricTriggers(s: {
  prometheusUrl?: string;
  errorRateQuery?: string;
  p95Query?: string;
  memoryQuery?: string;
  maxErrorRate: number;
  maxP95: number;
  maxMemory: number;
}): MetricTrigger[] {
  if (!s.prometheusUrl) return [];
  const out: MetricTrigger[] = [
    { trigger: 'error-rate', query: s.errorRateQuery ?? DEFAULT_QUERIES['error-rate'], max: s.maxErrorRate, show: percent },
    { trigger: 'p95', query: s.p95Query ?? DEFAULT_QUERIES.p95, max: s.maxP95 / 1000, show: millis },
  ];
  if (s.memoryQuery) out.push({ trigger: 'memory', query: s.memoryQuery, max: s.maxMemory, show: percent });
  return out;
}

/** One health reading: every check must pass on its one attempt. */
export async function healthReading(s: SignalSettings): Promise<Reading> {
  const reading = await readSmokeSignal(s.checks, {
    url: s.url,
    authorization: s.authorization,
    timeoutMs: s.intervalMs,
    signal: s.signal,
  });
  const { first, results } = reading;
  const failed = reading.failed;
  const value = first.status !== undefined ? `${first.status} in ${Math.round(first.latencyMs ?? 0)} ms` : 'no answer';
  return {
    trigger: 'health',
    verdict: reading.verdict,
    value: failed === 0 ? `${results.length} check(s) passed` : `${first.name}: ${value}`,
    threshold: `${s.checks.length} check(s) pass`,
    detail: failed === 0 ? undefined : first.reason,
  };
}

/** One metric reading; no data or an unreachable Prometheus is `none`, never a failure. */
export async function metricReading(s: SignalSettings, m: MetricTrigger): Promise<Reading> {
  const threshold = m.show(m.max);
  try {
    const sample = await queryPrometheus({
      url: s.prometheusUrl!,
      query: m.query,
      vars: s.vars,
      timeoutMs: Math.min(10_000, Math.max(1_000, s.intervalMs)),
    });
    if (sample.value === null) return { trigger: m.trigger, verdict: 'none', value: 'no data', threshold, detail: sample.reason };
    return { trigger: m.trigger, verdict: sample.value > m.max ? 'fail' : 'pass', value: m.show(sample.value), threshold };
  } catch (err) {
    return { trigger: m.trigger, verdict: 'none', value: 'no data', threshold, detail: errorMessage(err) };
  }
}

/** The sampler the watch calls: health and every metric, at once. */
export function sampler(s: SignalSettings): () => Promise<Reading[]> {
  return () => Promise.all([healthReading(s), ...s.metrics.map((m) => metricReading(s, m))]);
}
