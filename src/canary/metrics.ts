/**
 * The `metrics` input: Prometheus queries the canary is judged on, each with a threshold.
 *
 *   - name: error-rate
 *     query: (sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[1m])) or vector(0))
 *            / sum(rate(http_requests_total{version="{{version}}"}[1m]))
 *     max: 0.05
 */
import { z } from 'zod';

export interface MetricConfig {
  name: string;
  query: string;
  max?: number;
  min?: number;
}

export const METRICS_FORM =
  'a YAML or JSON list (or a path to such a file) of name, query (PromQL; may use {{version}} and {{environment}}) and max or min';

/** Names the built-in probe gives its metrics; a Prometheus metric may not take them while it runs. */
export const PROBE_METRICS = ['error-rate', 'p95-latency', 'baseline-latency', 'baseline-error-rate'] as const;

const metricSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'must be a name of letters, digits, "_", ".", ":" and "-" (at most 64)'),
    query: z.string().trim().min(1, 'must be a PromQL query'),
    max: z.number().finite().optional(),
    min: z.number().finite().optional(),
  })
  .strict()
  .refine((m) => m.max !== undefined || m.min !== undefined, { message: 'needs a threshold: max, min or both' })
  .refine((m) => m.max === undefined || m.min === undefined || m.min <= m.max, { message: 'min is above max' });

export const metricsSchema = z
  .array(metricSchema, { error: 'must be a list of metrics' })
  .min(1, 'must hold at least one metric')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, index) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', message: `the name "${m.name}" is used twice`, path: [index, 'name'] });
      seen.add(m.name);
    });
  });
