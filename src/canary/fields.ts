import * as f from '../core/fields.js';
import { METRICS_FORM, metricsSchema } from './metrics.js';
import { stepsField } from './steps.js';

/**
 * The canary's own settings: the steps and how each is judged (the action adds the environment,
 * version, driver and GitHub inputs). `CanaryInputs` is derived from them, so the two cannot drift.
 */
export const canaryFields = {
  steps: stepsField(),
  'step-duration': f.duration({ min: 100, max: 24 * 3_600_000, default: 60_000 }),
  'analysis-interval': f.duration({ min: 100, max: 3_600_000, default: 10_000 }),
  'failure-limit': f.int({ min: 1, max: 1000, default: 3 }),
  'prometheus-url': f.url(),
  'prometheus-token': f.string({ form: 'a bearer token for Prometheus, on one line', secret: true, line: true, configurable: false }),
  metrics: f.structured(metricsSchema, { form: METRICS_FORM }),
  'probe-url': f.url(),
  'stable-url': f.url(),
  'probe-rps': f.number({ above: 0, max: 1000, default: 30 }),
  'max-error-rate': f.number({ min: 0, max: 1, default: 0.05 }),
  'max-p95': f.duration({ min: 1, max: 600_000, default: 2_000 }),
  'min-requests': f.int({ min: 1, max: 1_000_000, default: 10 }),
  'baseline-tolerance': f.number({ min: 0, max: 10, default: 0.25 }),
  confidence: f.number({ above: 0.5, below: 1, default: 0.98 }),
  'latency-floor': f.duration({ min: 0, max: 60_000, default: 5 }),
  'error-rate-floor': f.number({ min: 0, max: 1, default: 0.005 }),
};

export type CanaryInputs = f.Settings<typeof canaryFields>;
