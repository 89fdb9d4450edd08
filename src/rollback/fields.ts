import { commonFields, environmentField, githubFields } from '../core/common-fields.js';
import * as f from '../core/fields.js';
import { versionField } from '../core/common-fields.js';
import { driverFields } from '../drivers/fields.js';
import { notifyField } from '../notify/targets.js';
import { checksSchema, CHECKS_FORM } from '../checks/schema.js';

/** Defaults of the automatic triggers, from the teams' runbooks (3 failed health checks, 5%, 2 s, 80%). */
export const TRIGGER_DEFAULTS = {
  failureLimit: 3,
  maxErrorRate: 0.05,
  maxP95Ms: 2_000,
  maxMemory: 0.8,
  checkIntervalMs: 10_000,
};

/** The inputs of the rollback action; `bake` switches on the automatic (verify) mode. */
export const fields = {
  environment: environmentField(true),
  'to-version': versionField(false),
  'from-version': versionField(false),
  reason: f.string({ line: true }),
  url: f.url(),
  checks: f.structured(checksSchema, { form: CHECKS_FORM }),
  timeout: f.duration({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
  // verify mode
  bake: f.duration({ min: 1_000, max: 6 * 3_600_000 }),
  'check-interval': f.duration({ min: 100, max: 600_000, default: TRIGGER_DEFAULTS.checkIntervalMs }),
  'failure-limit': f.int({ min: 1, max: 100, default: TRIGGER_DEFAULTS.failureLimit }),
  'prometheus-url': f.url(),
  'error-rate-query': f.string({
    form: 'a PromQL query giving the error rate as a fraction (0-1); may use {{version}} and {{environment}}',
  }),
  'p95-query': f.string({ form: 'a PromQL query giving the p95 latency in seconds; may use {{version}} and {{environment}}' }),
  'memory-query': f.string({
    form: 'a PromQL query giving memory use as a fraction of the limit (0-1); may use {{version}} and {{environment}}',
  }),
  'max-error-rate': f.number({ min: 0, max: 1, default: TRIGGER_DEFAULTS.maxErrorRate }),
  'max-p95': f.duration({ min: 1, max: 600_000, default: TRIGGER_DEFAULTS.maxP95Ms }),
  'max-memory': f.number({ min: 0, max: 1, default: TRIGGER_DEFAULTS.maxMemory }),
  ...driverFields,
  'switch-command': f.string({ form: 'a shell command' }),
  notify: notifyField(),
  ...githubFields,
  ...commonFields,
};
