/** Shared vocabulary of the verification engine: samples, thresholds, verdicts and their evidence. */

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** Limits a value must respect; either or both. */
export interface Threshold {
  max?: number;
  min?: number;
}

/** One measurement of one metric, as collected at time `at` (epoch ms). */
export interface MetricSample {
  metric: string;
  /** `null` when the source returned no data. */
  value: number | null;
  threshold?: Threshold;
  /** Requests the value is based on, when known; fewer than `minRequests` make it inconclusive. */
  requests?: number;
  at: number;
  /** The query or probe that produced the value, kept as evidence. */
  query?: string;
}

/** A sample with its verdict and the reason for it: the evidence row of a report. */
export interface Evaluation {
  metric: string;
  value: number | null;
  threshold?: Threshold;
  requests?: number;
  at: number;
  query?: string;
  verdict: Verdict;
  reason: string;
  /** A sequential test's running statistic (its e-value), when the sample comes from one. */
  statistic?: number;
  /** The value of `statistic` at which the test rejects (1 / its share of alpha). */
  statisticLimit?: number;
  /** A failing sample of an accumulating test ends the canary at once: its evidence already spans every look. */
  decisive?: boolean;
}
