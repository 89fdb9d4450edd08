/** The JSON report of a canary: the verdict and all of its evidence, for later steps and people. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JudgeReport, SampleRecord, StepResult } from '../verify/index.js';
import type { CanaryOptions } from './options.js';
import type { TrafficChange } from './traffic.js';

export type CanaryResult = 'promoted' | 'aborted' | 'paused';

/** A run that resumed a paused canary: what was decided, and by whom. */
export interface ResumeFacts {
  decision: 'promote' | 'abort';
  actor?: string;
  /** The run that paused the canary. */
  pausedBy?: string;
}

export interface CanaryReport {
  result: CanaryResult;
  environment: string;
  version: string;
  stableVersion?: string;
  driver: string;
  /** The canary's weight at the end: 100 when promoted, 0 when traffic went back to stable, the held weight when paused. */
  weight: number;
  failedMetric?: string;
  /** Where the judge aborted the canary (absent when it ended otherwise: an error, a cancel). */
  abortedAt?: { step: number; weight: number };
  /** Why it ended as it did. */
  reason: string;
  startedAt: string;
  finishedAt: string;
  settings: {
    steps: number[];
    /** Weights run before the pause, when the steps have one. */
    pauseAfter?: number;
    stepDurationMs: number;
    analysisIntervalMs: number;
    samplesPerStep: number;
    failureLimit: number;
    minRequests: number;
    metrics: string[];
  };
  /** Every traffic change with its time. */
  traffic: TrafficChange[];
  steps: StepResult[];
  samples: SampleRecord[];
  /** The deployment record written for the canary version. */
  record?: { id: string; where: string };
  /** Set when this run resumed a paused canary. */
  resume?: ResumeFacts;
}

export interface ReportInput {
  result: CanaryResult;
  environment: string;
  version: string;
  stableVersion?: string;
  driver: string;
  weight: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  options: CanaryOptions;
  metrics: string[];
  traffic: readonly TrafficChange[];
  judged: JudgeReport;
  record?: { id: string; where: string };
  resume?: ResumeFacts;
}

export function buildReport(r: ReportInput): CanaryReport {
  const o = r.options;
  return {
    result: r.result,
    environment: r.environment,
    version: r.version,
    ...(r.stableVersion ? { stableVersion: r.stableVersion } : {}),
    driver: r.driver,
    weight: r.weight,
    ...(r.judged.failedMetric !== undefined && r.result === 'aborted' ? { failedMetric: r.judged.failedMetric } : {}),
    ...(r.judged.abort && r.result === 'aborted' ? { abortedAt: { step: r.judged.abort.step, weight: r.judged.abort.weight } } : {}),
    reason: r.reason,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: new Date(r.finishedAt).toISOString(),
    settings: {
      steps: o.steps,
      ...(o.pauseAfter !== undefined ? { pauseAfter: o.pauseAfter } : {}),
      stepDurationMs: o.stepMs,
      analysisIntervalMs: o.intervalMs,
      samplesPerStep: o.samplesPerStep,
      failureLimit: o.failureLimit,
      minRequests: o.minRequests,
      metrics: r.metrics,
    },
    traffic: [...r.traffic],
    steps: r.judged.steps,
    samples: r.judged.samples,
    ...(r.record ? { record: r.record } : {}),
    ...(r.resume ? { resume: r.resume } : {}),
  };
}

export function writeReport(path: string, report: CanaryReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
