/**
 * The canary judge: a state machine fed evaluated samples in time order, step by step.
 *
 * - Absolute guardrails (per sample): a metric aborts the canary when `failureLimit` of its last
 *   2 x `failureLimit` samples did not pass (fail and inconclusive both count: window.ts), so a run
 *   of failing samples broken by single passes still ends it.
 * - A sequential comparison (a sample marked `decisive`) aborts at its first failing sample: its
 *   evidence already covers everything since the start (compare.ts).
 * - A step passes when the canary has not aborted and every metric in `metrics` has at least one
 *   passing sample in it; otherwise the step ends the canary with an abort.
 * - The canary is promoted only when every step passed: it never promotes on missing evidence.
 */
import { plural } from '../core/plural.js';
import { evaluateSample, type SampleOptions } from './sample.js';
import type { Evaluation, MetricSample, Verdict } from './types.js';
import { describeWindow, SampleWindow } from './window.js';

export interface JudgeOptions extends SampleOptions {
  /** Consecutive non-passing samples of one metric that abort (at least 1). */
  failureLimit: number;
  /** Metrics each step must have evidence of; a step without a sample of one does not pass. */
  metrics?: readonly string[];
}

/** An evaluated sample with where it fell in the canary: one row of the evidence table. */
export interface SampleRecord extends Evaluation {
  /** 1-based step number. */
  step: number;
  /** Canary traffic weight (percent) during the step. */
  weight: number;
  /** Consecutive non-passing samples of this metric, this one included. */
  streak: number;
  /** Non-passing samples of this metric among its last 2 x failure-limit. */
  recent: number;
}

export interface StepResult {
  step: number;
  weight: number;
  passed: boolean;
  reason: string;
}

export interface Abort {
  /** The metric that caused the abort; absent when a step had no samples at all. */
  failedMetric?: string;
  /** 'fail' when any sample of the failing streak failed, 'inconclusive' when evidence was missing. */
  cause: Exclude<Verdict, 'pass'>;
  reason: string;
  step: number;
  weight: number;
}

export type JudgeOutcome = 'running' | 'promoted' | 'aborted';

export interface JudgeReport {
  outcome: JudgeOutcome;
  failedMetric?: string;
  abort?: Abort;
  steps: StepResult[];
  samples: SampleRecord[];
}

export interface Judge {
  /** Opens the next step at this canary weight. */
  startStep(weight: number): void;
  /** Evaluates a raw sample against its threshold, then records it. */
  observe(sample: MetricSample): SampleRecord;
  /** Records an already evaluated sample (e.g. a baseline comparison). */
  push(evaluation: Evaluation): SampleRecord;
  /** Closes the open step: passed, or the canary aborts. */
  endStep(): StepResult;
  /** Ends the canary: promoted when it has not aborted and every step passed. */
  finish(): JudgeReport;
  /** The abort, once there is one. */
  readonly abort: Abort | undefined;
  report(): JudgeReport;
}

export function createJudge(options: JudgeOptions): Judge {
  const { failureLimit } = options;
  if (!Number.isInteger(failureLimit) || failureLimit < 1) {
    throw new RangeError(`failureLimit must be a positive integer, got ${failureLimit}`);
  }
  const samples: SampleRecord[] = [];
  const steps: StepResult[] = [];
  const windows = new Map<string, SampleWindow>();
  let step: { number: number; weight: number; last: Map<string, SampleRecord>; passed: Set<string> } | undefined;
  let abort: Abort | undefined;
  let finished = false;
  let lastAt = Number.NEGATIVE_INFINITY;

  const report = (): JudgeReport => ({
    outcome: abort ? 'aborted' : finished ? 'promoted' : 'running',
    ...(abort?.failedMetric !== undefined ? { failedMetric: abort.failedMetric } : {}),
    ...(abort ? { abort: { ...abort } } : {}),
    steps: steps.map((s) => ({ ...s })),
    samples: samples.map((s) => ({ ...s })),
  });

  const push = (evaluation: Evaluation): SampleRecord => {
    if (!step) throw new Error('no step is open: call startStep() before recording samples');
    if (!Number.isFinite(evaluation.at)) throw new RangeError(`sample time must be a finite number, got ${evaluation.at}`);
    if (evaluation.at < lastAt) throw new RangeError(`samples must come in time order: ${evaluation.at} after ${lastAt}`);
    lastAt = evaluation.at;
    let window = windows.get(evaluation.metric);
    if (!window) windows.set(evaluation.metric, (window = new SampleWindow(failureLimit, 'counts')));
    const state = window.push(evaluation.verdict);
    const record: SampleRecord = { ...evaluation, step: step.number, weight: step.weight, streak: state.streak, recent: state.notPassing };
    samples.push(record);
    step.last.set(record.metric, record);
    if (record.verdict === 'pass') step.passed.add(record.metric);
    if (!abort && evaluation.decisive && evaluation.verdict === 'fail') {
      abort = {
        failedMetric: record.metric,
        cause: 'fail',
        reason: `${record.metric}: ${record.reason}`,
        step: step.number,
        weight: step.weight,
      };
    } else if (!abort && state.tripped) {
      abort = {
        failedMetric: record.metric,
        cause: state.sawFail ? 'fail' : 'inconclusive',
        reason: `${record.metric}: ${describeWindow(state, failureLimit)} (last: ${record.reason})`,
        step: step.number,
        weight: step.weight,
      };
    }
    return record;
  };

  const closeStep = (open: NonNullable<typeof step>): StepResult => {
    const result = (passed: boolean, reason: string): StepResult => ({ step: open.number, weight: open.weight, passed, reason });
    if (abort) return result(false, `aborted: ${abort.reason}`);
    const stepAbort = (failedMetric: string | undefined, cause: Abort['cause'], reason: string): StepResult => {
      abort = { ...(failedMetric !== undefined ? { failedMetric } : {}), cause, reason, step: open.number, weight: open.weight };
      return result(false, reason);
    };
    if (open.last.size === 0) return stepAbort(undefined, 'inconclusive', 'the step ended without any sample');
    const missing = (options.metrics ?? []).find((m) => !open.last.has(m));
    if (missing !== undefined) return stepAbort(missing, 'inconclusive', `${missing}: no sample during the step`);
    const metrics = options.metrics ?? [...open.last.keys()];
    const unproven = metrics.find((m) => !open.passed.has(m));
    if (unproven !== undefined) {
      const last = open.last.get(unproven)!;
      const cause = last.verdict === 'fail' ? 'fail' : 'inconclusive';
      return stepAbort(unproven, cause, `${unproven}: no sample passed during the step (last: ${last.reason})`);
    }
    return result(true, `every one of ${plural(metrics.length, 'metric')} passed at least once and none reached its limit`);
  };

  return {
    startStep(weight) {
      if (finished) throw new Error('the judge has finished');
      if (abort) throw new Error(`the canary has aborted: ${abort.reason}`);
      if (step) throw new Error(`step ${step.number} is still open: call endStep() first`);
      step = { number: steps.length + 1, weight, last: new Map(), passed: new Set() };
    },
    observe: (sample) => push(evaluateSample(sample, options)),
    push,
    endStep() {
      if (!step) throw new Error('no step is open');
      const result = closeStep(step);
      steps.push(result);
      step = undefined;
      return result;
    },
    finish() {
      if (step) throw new Error(`step ${step.number} is still open: call endStep() first`);
      if (!abort && steps.length === 0) {
        abort = { cause: 'inconclusive', reason: 'the canary ran no steps', step: 0, weight: 0 };
      }
      finished = true;
      return report();
    },
    get abort() {
      return abort ? { ...abort } : undefined;
    },
    report,
  };
}
